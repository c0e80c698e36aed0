/** The manifest that makes a model folder self-describing: sources, checksums, options, metrics. */
import { z } from 'zod';

/** v2: modified Kneser-Ney (continuation counts below the trigram, three discounts per level). */
export const MODEL_FORMAT = 'sohoa-syllable-trigram-v2';

export const ModelSource = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  weight: z.number().int().positive(),
  licence: z.string().nullable(),
});

/** A file of the model folder beside model.bin, checked against its checksum on load. */
const ModelFile = z.object({
  name: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
});

export const ModelManifest = z.object({
  format: z.literal(MODEL_FORMAT),
  name: z.string().min(1),
  version: z.string().min(1),
  createdAt: z.string(),
  toneStyle: z.enum(['old', 'new']),
  sources: z.array(ModelSource).min(1),
  /** Documents whose lines were kept out of training, so evaluation on them is honest. */
  excluded: z.array(z.object({ name: z.string(), sha256: z.string(), lines: z.number().int() })),
  options: z.object({ minCount: z.number().int().positive(), minBigramCount: z.number().int().positive(), minTrigramCount: z.number().int().positive() }),
  sizes: z.object({
    vocab: z.number().int().positive(),
    bigrams: z.number().int().nonnegative(),
    trigrams: z.number().int().nonnegative(),
    trainingUnits: z.number().int().nonnegative(),
  }),
  file: z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() }),
  metrics: z.record(z.string(), z.number()).nullable(),
  /** The word list whose syllables joined the vocabulary, and how many it added. */
  dictionary: z
    .object({
      name: z.string(),
      version: z.string(),
      licence: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      entries: z.number().int().nonnegative(),
      added: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Acronyms and code parts the corpus writes, with counts (acronyms.json beside model.bin). */
  acronyms: ModelFile.extend({ forms: z.number().int().nonnegative() }).optional(),
  /** The learned OCR channel, when the model has one (channel.json beside model.bin). */
  channel: ModelFile.extend({
    pairs: z.number().int().nonnegative(),
    pages: z.number().int().nonnegative(),
    engine: z.string(),
    sources: z.array(z.string()),
  }).optional(),
});
export type ModelManifest = z.infer<typeof ModelManifest>;
