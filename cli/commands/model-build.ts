/** `sohoa model build`: rebuilds a diacritics model folder from corpus files. */
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../core/logger';
import { shippedFile } from '../../core/paths';
import { readCorpusLines } from '../../corpus/read-corpus';
import { readDictionarySyllables } from '../../corpus/read-dictionary';
import { buildModel } from '../../diacritics/build-model';
import { generateChannelPairs } from '../../diacritics/generate-channel-pairs';
import { learnChannel } from '../../diacritics/learn-channel';
import { writeChannel } from '../../diacritics/write-channel';
import { TesseractPool } from '../../ocr/tesseract-pool';
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
  /** Pages of corpus text to render and OCR with English data for the learned channel (0: none). */
  channelPages: number;
  /** Add the syllables of the npm word list @cspell/dict-vi-vn the corpus lacks. */
  dictionary: boolean;
}

const CHANNEL_LAYOUT = { linesPerPage: 36, charsPerLine: 64, fontSizePx: 52 };

/** Text for the channel's training pages: in-domain corpus lines, never a held-out one. */
async function channelText(files: string[], exclude: string[], pages: number): Promise<string[]> {
  const excluded = new Set<string>();
  for (const file of exclude) for await (const line of readCorpusLines(file)) excluded.add(line);
  const wanted = pages * CHANNEL_LAYOUT.linesPerPage * CHANNEL_LAYOUT.charsPerLine;
  const text: string[] = [];
  let chars = 0;
  for (const file of files) {
    for await (const line of readCorpusLines(file)) {
      if (excluded.has(line)) continue;
      text.push(line);
      chars += line.length;
      if (chars >= wanted * 1.1) return text;
    }
  }
  return text;
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
      dictionary: options.dictionary ? await readDictionarySyllables() : null,
    },
    logger,
  );
  if (options.channelPages > 0) {
    const sources = options.corpus.map((f) => resolve(f));
    const text = await channelText(sources, options.exclude.map((f) => resolve(f)), options.channelPages);
    const engine = new TesseractPool({ language: 'eng', pageSegmentationMode: 6 });
    try {
      logger.info(`learning the OCR channel from ${options.channelPages} rendered pages read with English OCR data`);
      const pairs = await generateChannelPairs(text, engine, { pages: options.channelPages, ...CHANNEL_LAYOUT }, logger);
      const table = learnChannel(pairs);
      await writeChannel(out, table, { pages: options.channelPages, engine: 'tesseract.js eng 4.0.0_best_int, PSM 6, DejaVu Serif 52 px at 300 dpi', sources: sources.map((f) => basename(f)) });
      logger.info(`OCR channel: ${table.pairs} token pairs, ${Object.keys(table.segments).length} clean segments`);
    } finally {
      await engine.close();
    }
  }
  if (out === shippedFile('models', 'vi-syllable')) logger.info('rebuilt the model that ships with sohoa');
  return EXIT_OK;
}
