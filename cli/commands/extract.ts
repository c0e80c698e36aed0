/**
 * `sohoa extract [files...]`: indicator records (JSON) from text; restores diacritics first
 * unless told not to. With `--eval`, scores the records of each file against hand-made gold:
 * either a catalogue (gold.json listing every document's mentions) or a folder annotated as
 * ANNOTATION.md says (NAME.txt beside NAME.indicators.json, NAME.checks.json, NAME.metadata.json).
 * Spans are mapped back to the file as given, so garbled OCR is scored in place.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { InputError, UsageError } from '../../core/errors';
import { DEFAULT_MODEL_DIR, loadModel, type DiacriticsModel } from '../../diacritics/load-model';
import { formatExtractionScores, GoldIndicator, type ExtractionScore } from '../../extractors/evaluate-extraction';
import { formatMetadataScores } from '../../extractors/evaluate-metadata';
import { annotatedTexts, evaluateGoldFolder, type GoldFolderEvaluation } from '../../pipeline/evaluate-gold-folder';
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

async function readCatalogue(file: string): Promise<GoldIndicator[]> {
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

/**
 * A catalogue is split into one gold file per document in a scratch folder beside copies of the
 * texts, so both kinds of gold are scored by the same code.
 */
async function evaluateCatalogue(catalogue: string, files: string[], options: { model: DiacriticsModel | null; leaveOneOut: boolean }): Promise<GoldFolderEvaluation> {
  const gold = await readCatalogue(catalogue);
  const scratch = await mkdtemp(join(tmpdir(), 'sohoa-eval-'));
  try {
    const copies: string[] = [];
    for (const file of files) {
      const doc = basename(file, extname(file));
      const mine = gold.filter((g) => g.doc === doc);
      if (mine.length === 0) throw new UsageError(`${file}: the gold catalogue has no entries for document '${doc}'`);
      const copy = join(scratch, `${doc}.txt`);
      await writeFile(copy, await readFile(file));
      await writeFile(join(scratch, `${doc}.indicators.json`), JSON.stringify(mine));
      copies.push(copy);
    }
    return await evaluateGoldFolder(copies, options);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const isFolder = (path: string) => stat(path).then((s) => s.isDirectory(), () => false);

export async function extractCommand(files: string[], options: ExtractOptions): Promise<number> {
  let loaded: Promise<DiacriticsModel> | null = null;
  const model = () => (loaded ??= loadModel(options.model ?? DEFAULT_MODEL_DIR));
  if (!options.eval) {
    if (files.length > 1) throw new UsageError('extract prints one file at a time; use --eval to score several');
    const { metadata, indicators } = extractText(await readTextInput(files[0]), { model: options.restore ? await model() : null });
    process.stdout.write(JSON.stringify(options.metadata ? { metadata, indicators } : indicators, null, 2) + '\n');
    return EXIT_OK;
  }
  const settings = { model: options.restore ? await model() : null, leaveOneOut: options.leaveOneOut };
  let evaluation: GoldFolderEvaluation;
  if (await isFolder(options.eval)) {
    const texts = files.length > 0 ? files.map((f) => (extname(f) ? f : join(options.eval!, `${f}.txt`))) : await annotatedTexts(options.eval);
    if (files.some((f) => dirname(f) !== '.' && !f.startsWith(options.eval!))) throw new UsageError('with a gold folder, name files inside it (or none for all)');
    evaluation = await evaluateGoldFolder(texts, settings);
  } else {
    if (files.length === 0) throw new UsageError('--eval with a catalogue needs the document files it refers to');
    evaluation = await evaluateCatalogue(options.eval, files, settings);
  }
  const note = options.leaveOneOut
    ? 'leave-one-out: each document was classified without the taxonomy examples quoted from it\n'
    : 'taxonomy examples quoted from these documents were used (see --leave-one-out for unseen-document figures)\n';
  if (options.json) {
    process.stdout.write(JSON.stringify(evaluation.metadata.length ? evaluation : evaluation.extraction, null, 2) + '\n');
    return EXIT_OK;
  }
  const parts: string[] = [];
  if (evaluation.extraction.length) parts.push(formatExtractionScores(evaluation.extraction as ExtractionScore[]) + note);
  if (evaluation.metadata.length) parts.push(formatMetadataScores(evaluation.metadata));
  process.stdout.write(parts.join('\n'));
  return EXIT_OK;
}
