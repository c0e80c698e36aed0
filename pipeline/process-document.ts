/**
 * The pipeline for one file, as the spec reads: ingest -> pages -> OCR -> restore -> extract
 * -> score -> store. Stage status is recorded as it goes, so a failure says where it stopped.
 */
import type { SohoaDocument, StageName } from '../core/contracts';
import { describeError } from '../core/errors';
import type { RecordingContext } from './context';
import { checkDocument } from './check-document';
import { extractFacts } from './extract-facts';
import { ingestFile } from './ingest-file';
import { loadPages } from './load-pages';
import { recognizePages } from './recognize-pages';
import { restoreText } from './restore-text';
import { scoreDocument } from './score-document';
import { loadStoredResults, storeResults, type DocumentResults } from './store-results';

export interface ProcessOptions {
  force?: boolean;
}

export interface ProcessOutcome {
  results: DocumentResults;
  /** True when the same content was processed before and its stored results were reused. */
  reused: boolean;
}

const EMPTY_METADATA: SohoaDocument['metadata'] = {
  type: null, number: null, date: null, issuer: null, place: null, title: null, signer: null, signingCapacity: null, province: null, year: null,
};

export async function processDocument(path: string, ctx: RecordingContext, options: ProcessOptions = {}): Promise<ProcessOutcome> {
  const file = await ingestFile(path, ctx);
  const progress = (stage: string) => ctx.onProgress?.({ documentId: file.documentId, filename: file.filename, stage });
  if (!options.force) {
    const stored = await loadStoredResults(file.documentId, ctx);
    if (stored) {
      ctx.logger.info(`${file.filename}: already processed as ${file.documentId.slice(0, 12)}; reusing stored results (--force reprocesses)`);
      return { results: stored, reused: true };
    }
  }
  const existing = await ctx.repo.findDocument(file.documentId);
  const document: SohoaDocument = existing ?? {
    id: file.documentId,
    filename: file.filename,
    mime: file.mime,
    byteSize: file.bytes.length,
    pageCount: 0,
    metadata: EMPTY_METADATA,
    createdAt: new Date().toISOString(),
  };
  await ctx.repo.saveDocument(document);
  let stage: StageName = 'ingest';
  const mark = (name: StageName, state: 'running' | 'done' | 'failed', message: string | null = null) =>
    ctx.repo.setStageStatus({ documentId: file.documentId, stage: name, state, message });
  try {
    await mark('ingest', 'done');
    stage = 'ocr';
    progress('ocr');
    await mark('ocr', 'running');
    const sources = await loadPages(file, ctx);
    const pages = await recognizePages(file, sources, ctx);
    await mark('ocr', 'done', `${pages.length} page(s): ${pages.filter((p) => p.textSource === 'ocr').length} OCR'd, ${pages.filter((p) => p.skipped).length} skipped`);

    stage = 'restore';
    progress('restore');
    const restored = await restoreText(pages, ctx);
    await mark('restore', 'done', `${restored.changed} of ${restored.syllables.length} syllables changed`);

    stage = 'extract';
    progress('extract');
    const facts = await checkDocument(file.filename, restored, await extractFacts(restored, ctx), ctx);
    await mark('extract', 'done', `${facts.indicators.length} indicators, ${facts.checks.filter((c) => c.result === 'fails').length} failed checks`);

    stage = 'score';
    progress('score');
    const score = await scoreDocument(facts.indicators, facts.metadata, ctx);
    await mark('score', 'done', `${score.total} of ${score.maxTotal} points`);

    stage = 'store';
    const results: DocumentResults = {
      document: { ...document, pageCount: pages.length, metadata: facts.metadata },
      pages,
      ocrText: restored.ocrText,
      restoredText: restored.text,
      indicators: facts.indicators,
      checks: facts.checks,
      score,
    };
    await storeResults(results, restored, ctx);
    await mark('store', 'done');
    progress('done');
    return { results, reused: false };
  } catch (error) {
    await mark(stage, 'failed', describeError(error)).catch(() => undefined);
    throw error;
  }
}
