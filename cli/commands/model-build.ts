/** `sohoa model build`: rebuilds a diacritics model folder from corpus files. */
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../core/logger';
import { shippedFile } from '../../core/paths';
import { buildModel } from '../../diacritics/build-model';
import type { ToneStyle } from '../../diacritics/syllable';
import licences from '../../corpus/licences.json';
import { EXIT_OK } from '../exit-codes';

const KnownLicences = z.record(z.string(), z.string()).parse(licences);

export interface ModelBuildOptions {
  corpus: string[];
  /** How many times in-domain corpus text counts against background text. */
  corpusWeight: number;
  /** General text (Wikipedia): more words and contexts, counted once. */
  background: string[];
  reviewed: string[];
  reviewedWeight: number;
  exclude: string[];
  out: string;
  name?: string;
  version: string;
  toneStyle: ToneStyle;
  minCount: number;
  minBigramCount: number;
  minTrigramCount: number;
}

export async function modelBuildCommand(options: ModelBuildOptions, logger: Logger): Promise<number> {
  const out = resolve(options.out);
  const source = (file: string, weight: number) => ({ file: resolve(file), weight, licence: KnownLicences[basename(file)] ?? null });
  await buildModel(
    {
      sources: [
        ...options.corpus.map((f) => source(f, options.corpusWeight)),
        ...options.background.map((f) => source(f, 1)),
        ...options.reviewed.map((f) => source(f, options.reviewedWeight)),
      ],
      exclude: options.exclude.map((f) => resolve(f)),
      outDir: out,
      name: options.name ?? basename(out),
      version: options.version,
      toneStyle: options.toneStyle,
      minCount: options.minCount,
      minBigramCount: options.minBigramCount,
      minTrigramCount: options.minTrigramCount,
    },
    logger,
  );
  if (out === shippedFile('models', 'vi-syllable')) logger.info('rebuilt the model that ships with sohoa');
  return EXIT_OK;
}
