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
  /** Tone placement of restored text: old (hòa), new (hoà), or as the document writes it. */
  toneStyle: z.enum(['old', 'new', 'document']),
  ocrMode: z.enum(['auto', 'always', 'never']),
  /** Image clean-up steps before OCR (env SOHOA_PREPROCESS, comma-separated, or "none"). */
  preprocess: z.array(z.enum(['normalize', 'denoise', 'orient', 'deskew', 'upscale'])),
  ocrWorkers: z.number().int().positive().nullable(),
  /** wasm: tesseract.js (nothing to install); native: the tesseract CLI; auto: native when it has the language data. */
  ocrEngine: z.enum(['auto', 'wasm', 'native']),
  /** A folder of traineddata files for either engine; null: each engine's own (npm package, Debian's). */
  tessdata: z.string().nullable(),
  ocrVariant: z.enum(['best', 'fast']),
  pageSegmentationMode: z.number().int().min(0).max(13),
  pageTimeoutMs: z.number().int().positive(),
  maxPixels: z.number().int().positive(),
  /** Most pages (PDF pages, TIFF frames) one file may have: a 5,000-frame TIFF is refused, not worked through. */
  maxPages: z.number().int().positive(),
  maxFileBytes: z.number().int().positive(),
  documentConcurrency: z.number().int().positive(),
  /** embedded: jobs run in this process; redis: BullMQ jobs that worker processes take. */
  queue: z.enum(['embedded', 'redis']),
  redisUrl: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL'),
  /** Redis key prefix: deployments sharing one Redis keep apart by it. */
  queuePrefix: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  /** A job's lock lifetime; a killed worker's job is taken over by another after about this long. */
  lockDurationMs: z.number().int().min(1000),
});
export type AppConfig = z.infer<typeof AppConfig>;

/** "normalize,deskew" -> the steps; "none" -> no step. */
export function stepsFrom(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  return list.trim() === 'none' ? [] : list.split(',').map((s) => s.trim()).filter(Boolean);
}

const optionalPath = (path: string | null | undefined) => (path ? resolve(path) : null);

export function resolveConfig(overrides: Partial<AppConfig>, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const candidate = {
    dataDir: resolve(overrides.dataDir ?? env.SOHOA_DATA_DIR ?? './data'),
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL ?? null,
    databaseSchema: overrides.databaseSchema ?? env.SOHOA_DB_SCHEMA ?? null,
    ephemeral: overrides.ephemeral ?? false,
    modelDir: overrides.modelDir ?? env.SOHOA_MODEL_DIR ?? null,
    rubricFile: overrides.rubricFile ?? null,
    toneStyle: overrides.toneStyle ?? 'document',
    ocrMode: overrides.ocrMode ?? 'auto',
    preprocess: overrides.preprocess ?? stepsFrom(env.SOHOA_PREPROCESS) ?? ['normalize', 'orient', 'deskew', 'upscale'],
    ocrWorkers: overrides.ocrWorkers ?? null,
    ocrEngine: overrides.ocrEngine ?? (env.SOHOA_OCR_ENGINE as AppConfig['ocrEngine'] | undefined) ?? 'wasm',
    tessdata: optionalPath(overrides.tessdata ?? env.SOHOA_TESSDATA),
    ocrVariant: overrides.ocrVariant ?? 'best',
    pageSegmentationMode: overrides.pageSegmentationMode ?? 3,
    pageTimeoutMs: overrides.pageTimeoutMs ?? 180_000,
    maxPixels: overrides.maxPixels ?? 100_000_000,
    maxPages: overrides.maxPages ?? 2_000,
    maxFileBytes: overrides.maxFileBytes ?? 500 * 1024 * 1024,
    documentConcurrency: overrides.documentConcurrency ?? 2,
    queue: overrides.queue ?? (env.SOHOA_QUEUE as AppConfig['queue'] | undefined) ?? 'embedded',
    redisUrl: overrides.redisUrl ?? env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: overrides.queuePrefix ?? env.SOHOA_QUEUE_PREFIX ?? 'sohoa',
    lockDurationMs: overrides.lockDurationMs ?? (env.SOHOA_LOCK_MS ? Number(env.SOHOA_LOCK_MS) : 30_000),
  };
  const parsed = AppConfig.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.data.queue === 'redis' && !parsed.data.databaseUrl) {
    throw new ConfigError('the Redis queue needs a shared database: set DATABASE_URL to a PostgreSQL URL (workers in other processes cannot open the embedded one)');
  }
  return parsed.data;
}
