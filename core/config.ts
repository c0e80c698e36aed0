/** Runtime configuration from flags and environment, validated once at the entry point. */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors';

export const AppConfig = z.object({
  dataDir: z.string().min(1),
  /** PostgreSQL URL; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: z.string().url().nullable(),
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/).nullable(),
  /** Keep nothing on disk (tests and one-shot commands). */
  ephemeral: z.boolean(),
  modelDir: z.string().nullable(),
  rubricFile: z.string().nullable(),
  toneStyle: z.enum(['old', 'new']),
  ocrMode: z.enum(['auto', 'always', 'never']),
  ocrWorkers: z.number().int().positive().nullable(),
  ocrVariant: z.enum(['best', 'fast']),
  pageSegmentationMode: z.number().int().min(0).max(13),
  pageTimeoutMs: z.number().int().positive(),
  maxPixels: z.number().int().positive(),
  maxFileBytes: z.number().int().positive(),
  documentConcurrency: z.number().int().positive(),
});
export type AppConfig = z.infer<typeof AppConfig>;

export function resolveConfig(overrides: Partial<AppConfig>, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const candidate = {
    dataDir: resolve(overrides.dataDir ?? env.SOHOA_DATA_DIR ?? './data'),
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL ?? null,
    databaseSchema: overrides.databaseSchema ?? env.SOHOA_DB_SCHEMA ?? null,
    ephemeral: overrides.ephemeral ?? false,
    modelDir: overrides.modelDir ?? env.SOHOA_MODEL_DIR ?? null,
    rubricFile: overrides.rubricFile ?? null,
    toneStyle: overrides.toneStyle ?? 'old',
    ocrMode: overrides.ocrMode ?? 'auto',
    ocrWorkers: overrides.ocrWorkers ?? null,
    ocrVariant: overrides.ocrVariant ?? 'best',
    pageSegmentationMode: overrides.pageSegmentationMode ?? 3,
    pageTimeoutMs: overrides.pageTimeoutMs ?? 180_000,
    maxPixels: overrides.maxPixels ?? 100_000_000,
    maxFileBytes: overrides.maxFileBytes ?? 500 * 1024 * 1024,
    documentConcurrency: overrides.documentConcurrency ?? 2,
  };
  const parsed = AppConfig.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
