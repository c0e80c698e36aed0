/**
 * Extraction measured on a folder of annotated documents (ANNOTATION.md): every NAME.txt with its
 * NAME.indicators.json, NAME.checks.json and, where there is one, NAME.metadata.json. Each text goes
 * through the same path as a text file given to `sohoa run` (restore, extract, check), and is
 * scored where its numbers stand in the file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../core/errors';
import type { DiacriticsModel } from '../diacritics/load-model';
import { KeyClassifier } from '../extractors/classify-key';
import { GoldCheck, GoldIndicator, scoreDocument, type ExtractionScore } from '../extractors/evaluate-extraction';
import { GoldMetadata, scoreMetadata, type MetadataScore } from '../extractors/evaluate-metadata';
import { checkConsistency } from '../scoring/check-consistency';
import { extractText } from './extract-text';

export interface GoldFolderEvaluation {
  extraction: ExtractionScore[];
  metadata: MetadataScore[];
}

export interface EvaluateGoldFolderOptions {
  model: DiacriticsModel | null;
  /** Classify each document without the taxonomy examples quoted from it. */
  leaveOneOut: boolean;
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | null> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new InputError('BAD_INPUT', file, 'is not JSON', error);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('BAD_INPUT', file, `does not follow the annotation guide: at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The annotated texts of a folder, in name order. */
export async function annotatedTexts(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch((error: unknown) => {
    throw new InputError('NOT_FOUND', folder, 'cannot read the gold folder', error);
  });
  return names.filter((n) => n.endsWith('.txt')).sort().map((n) => join(folder, n));
}

export async function evaluateGoldFolder(files: string[], options: EvaluateGoldFolderOptions): Promise<GoldFolderEvaluation> {
  const taxonomyKeys = new Set(KeyClassifier.fromBundledTaxonomy().keys());
  const extraction: ExtractionScore[] = [];
  const metadata: MetadataScore[] = [];
  for (const file of files) {
    const stem = file.replace(/\.txt$/, '');
    const doc = basename(stem);
    const gold = await readJson(`${stem}.indicators.json`, z.array(GoldIndicator));
    const goldChecks = await readJson(`${stem}.checks.json`, z.array(GoldCheck));
    const goldMetadata = await readJson(`${stem}.metadata.json`, GoldMetadata);
    if (gold === null && goldMetadata === null) throw new InputError('NOT_FOUND', file, `has no gold beside it (${doc}.indicators.json or ${doc}.metadata.json)`);
    const text = await readFile(file, 'utf8'); // as given: gold spans count its characters
    const classifier = options.leaveOneOut ? (restored: string) => KeyClassifier.withoutExamplesFrom(text, restored) : undefined;
    const found = extractText(text, { model: options.model, classifier });
    if (gold !== null) {
      const { checks, indicators } = checkConsistency(doc, found.restored, found.indicators, found.metadata);
      const inSource = indicators.map((i) => ({ ...i, span: i.sourceSpan ?? i.span }));
      extraction.push(scoreDocument(gold, { doc, indicators: inSource, checks }, { taxonomyKeys, goldChecks: goldChecks ?? [] }));
    }
    if (goldMetadata !== null) metadata.push(scoreMetadata(doc, goldMetadata, found.metadata));
  }
  return { extraction, metadata };
}
