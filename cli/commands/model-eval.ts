/** `sohoa model eval`: syllable accuracy on garbled OCR and on held-out stripped text. */
import { resolve } from 'node:path';
import sharp from 'sharp';
import { readDictionarySyllables } from '../../corpus/read-dictionary';
import type { Logger } from '../../core/logger';
import { evaluateModel, formatEvaluation, type ScanReading } from '../../diacritics/evaluate-model';
import { DEFAULT_MODEL_DIR } from '../../diacritics/load-model';
import { UsageError } from '../../core/errors';
import { resolveConfig } from '../../core/config';
import { storedFormatFor } from '../../ocr/grey-image';
import { TesseractPool } from '../../ocr/tesseract-pool';
import { ocrWordSpans } from '../../pipeline/ocr-word-spans';
import { preprocessPage } from '../../pipeline/preprocess-page';
import { EXIT_OK } from '../exit-codes';

export interface ModelEvalOptions {
  model?: string;
  garbled: string[];
  truth: string[];
  corpus: string[];
  corpusWeight: number;
  background: string[];
  heldOut: string[];
  slice: string[];
  every: number;
  maxLines: number;
  json: boolean;
  synthetic: string[];
  syntheticPages: number;
  scanned: string[];
  scannedPages: number;
  /** Held-out models take the word list's syllables, as the shipped one does. */
  dictionary: boolean;
}

/** Reads a scanned page as the pipeline does: its settings, its preprocessing, then its vie OCR pool. */
function scanReader(): { read: (jpeg: Buffer) => Promise<ScanReading>; close: () => Promise<void> } {
  const config = resolveConfig({});
  const ctx = { preprocess: config.preprocess, limits: { maxPixels: config.maxPixels, maxPages: config.maxPages, maxFileBytes: config.maxFileBytes } };
  const pool = new TesseractPool({ variant: config.ocrVariant, pageSegmentationMode: config.pageSegmentationMode, pageTimeoutMs: config.pageTimeoutMs });
  return {
    read: async (jpeg) => {
      const dpi = (await sharp(jpeg).metadata()).density ?? null;
      const page = await preprocessPage({ image: jpeg, dpi, storeAs: storedFormatFor('image/jpeg') }, ctx);
      const { text, lines } = await pool.recognize(page.image);
      return { text, wordConfidence: ocrWordSpans({ text, lines }) };
    },
    close: () => pool.close(),
  };
}

/** `register=path` names the kind of text a held-out file is (legal, news, ...); a bare path names none. */
const REGISTER_PREFIX = /^([a-z][a-z-]*)=(.+)$/;
function withRegister(entry: string): { file: string; register?: string } {
  const match = REGISTER_PREFIX.exec(entry);
  return match ? { file: resolve(match[2]!), register: match[1]! } : { file: resolve(entry) };
}

export async function modelEvalCommand(options: ModelEvalOptions, logger: Logger): Promise<number> {
  if (options.garbled.length !== options.truth.length) throw new UsageError('--garbled and --truth take the same number of files, in order');
  const buildsModels = options.heldOut.length > 0 || options.slice.length > 0;
  if (buildsModels && options.corpus.length === 0) {
    throw new UsageError('held-out evaluation builds models: give the training corpus with --corpus');
  }
  const engine = options.synthetic.length > 0 ? new TesseractPool({ language: 'eng', pageSegmentationMode: 6 }) : null;
  const vie = options.scanned.length > 0 ? scanReader() : null;
  const cases = await evaluateModel(
    {
      synthetic: engine ? { files: options.synthetic.map((f) => resolve(f)), pages: options.syntheticPages, read: async (png) => (await engine.recognize(png)).text } : undefined,
      scanned: vie ? { files: options.scanned.map((f) => resolve(f)), pages: options.scannedPages, read: vie.read } : undefined,
      modelDir: resolve(options.model ?? DEFAULT_MODEL_DIR),
      garbled: options.garbled.map((input, i) => ({ input: resolve(input), truth: resolve(options.truth[i]!) })),
      sources: [
        ...options.corpus.map((file) => ({ file: resolve(file), weight: options.corpusWeight, licence: null })),
        ...options.background.map((file) => ({ file: resolve(file), weight: 1, licence: null })),
      ],
      heldOutDocuments: options.heldOut.map(withRegister),
      heldOutSlices: options.slice.map((entry) => ({ ...withRegister(entry), every: options.every, maxLines: options.maxLines })),
      buildOptions: { toneStyle: 'old', minCount: 2, minBigramCount: 2, minTrigramCount: 2, dictionary: options.dictionary && buildsModels ? await readDictionarySyllables() : null },
    },
    logger,
  ).finally(() => Promise.all([engine?.close(), vie?.close()]));
  process.stdout.write(options.json ? JSON.stringify(cases, null, 2) + '\n' : formatEvaluation(cases));
  return EXIT_OK;
}
