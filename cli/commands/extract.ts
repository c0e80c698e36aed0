/**
 * `sohoa extract [files...]`: indicator records (JSON) from text; restores diacritics first
 * unless told not to. With `--eval gold.json`, scores the records of each file against the gold
 * catalogue (spans mapped back to the file as given, so garbled OCR is scored in place).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { InputError, UsageError } from '../../core/errors';
import { DEFAULT_MODEL_DIR, loadModel, type DiacriticsModel } from '../../diacritics/load-model';
import { formatExtractionScores, GoldIndicator, scoreDocument } from '../../extractors/evaluate-extraction';
import { KeyClassifier } from '../../extractors/classify-key';
import { extractText } from '../../pipeline/extract-text';
import { EXIT_OK } from '../exit-codes';
import { readTextInput } from '../read-input';

interface ExtractOptions {
  model?: string;
  restore: boolean;
  metadata: boolean;
  eval?: string;
  json: boolean;
  leaveOneOut: boolean;
}

async function readGold(file: string): Promise<GoldIndicator[]> {
  const raw = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError('NOT_FOUND', file, 'cannot read the gold file', error);
  });
  const parsed = z.array(GoldIndicator).safeParse(JSON.parse(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('BAD_INPUT', file, `not a gold indicator catalogue: at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export async function extractCommand(files: string[], options: ExtractOptions): Promise<number> {
  let loaded: Promise<DiacriticsModel> | null = null;
  const model = () => (loaded ??= loadModel(options.model ?? DEFAULT_MODEL_DIR));
  if (!options.eval) {
    if (files.length > 1) throw new UsageError('extract prints one file at a time; use --eval to score several');
    const { metadata, indicators } = extractText(await readTextInput(files[0]), { model: options.restore ? await model() : null });
    process.stdout.write(JSON.stringify(options.metadata ? { metadata, indicators } : indicators, null, 2) + '\n');
    return EXIT_OK;
  }
  if (files.length === 0) throw new UsageError('--eval needs the document files the gold catalogue refers to');
  const gold = await readGold(options.eval);
  const scores = [];
  for (const file of files) {
    const doc = basename(file, extname(file));
    const mine = gold.filter((g) => g.doc === doc);
    if (mine.length === 0) throw new UsageError(`${file}: the gold catalogue has no entries for document '${doc}'`);
    const text = await readFile(file, 'utf8'); // as given: gold spans count its characters
    const classifier = options.leaveOneOut ? (restored: string) => KeyClassifier.withoutExamplesFrom(text, restored) : undefined;
    const { indicators } = extractText(text, { model: options.restore ? await model() : null, classifier });
    scores.push(scoreDocument(mine, { doc, indicators: indicators.map((i) => ({ ...i, span: i.sourceSpan ?? i.span })) }));
  }
  const note = options.leaveOneOut
    ? 'leave-one-out: each document was classified without the taxonomy examples quoted from it\n'
    : 'taxonomy examples quoted from these documents were used (see --leave-one-out for unseen-document figures)\n';
  process.stdout.write(options.json ? JSON.stringify(scores, null, 2) + '\n' : formatExtractionScores(scores) + note);
  return EXIT_OK;
}
