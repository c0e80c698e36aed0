/**
 * The finish job, run once every page job has settled: restore -> extract -> check -> score,
 * then everything stored in one transaction. A planned page without a result (its job failed
 * for good or was lost) is kept as skipped with that reason. Idempotent: a stored document is
 * not processed again, and its results are written in one transaction.
 */
import type { Page, StageName } from '../core/contracts';
import { describeError } from '../core/errors';
import type { RecordingContext } from './context';
import { checkDocument } from './check-document';
import type { FinishPayload, FinishSummary } from './document-jobs';
import { assessPages } from './assess-pages';
import { extractFacts } from './extract-facts';
import { restoreText } from './restore-text';
import { scoreDocument } from './score-document';

/** `isFinal` tells whether a failure ends the run (bad input, last retry): only then is the stage marked failed. */
export async function finishDocument(input: FinishPayload, ctx: RecordingContext, isFinal: (error: unknown) => boolean = () => true): Promise<FinishSummary> {
  const { documentId, filename } = input;
  const document = await ctx.repo.findDocument(documentId);
  if (!document) throw new Error(`${filename}: document ${documentId.slice(0, 12)} is not in the database`);
  const statuses = await ctx.repo.getStageStatuses(documentId);
  if (statuses.some((s) => s.stage === 'store' && s.state === 'done')) return storedSummary(documentId, ctx);

  const pages = await collectPages(documentId, ctx);
  const mark = (stage: StageName, state: 'done' | 'failed', message: string | null) => ctx.repo.setStageStatus({ documentId, stage, state, message });
  let stage: StageName = 'ocr';
  const progress = (name: string) => ctx.onProgress?.({ documentId, filename, stage: name });
  try {
    await mark('ocr', 'done', `${pages.length} page(s): ${pages.filter((p) => p.textSource === 'ocr').length} OCR'd, ${pages.filter((p) => p.skipped).length} skipped`);

    stage = 'restore';
    progress('restore');
    const restored = await restoreText(pages, ctx);
    await mark('restore', 'done', `${restored.changed} of ${restored.syllableCount} syllables changed`);
    const assessed = assessPages(pages, restored, await ctx.model());

    stage = 'extract';
    progress('extract');
    const facts = await checkDocument(filename, restored, await extractFacts(restored, pages, ctx), ctx);
    const failedChecks = facts.checks.filter((c) => c.result === 'fails').length;
    await mark('extract', 'done', `${facts.indicators.length} indicators, ${failedChecks} failed checks`);

    stage = 'score';
    progress('score');
    const score = await scoreDocument(facts.indicators, facts.metadata, ctx);
    await mark('score', 'done', score.total === null ? `withheld: ${score.withheld}` : `${score.total} of ${score.maxTotal} points`);

    stage = 'store';
    await ctx.repo.saveFinishedRun({
      document: { ...document, pageCount: pages.length, metadata: facts.metadata },
      pages: assessed,
      ocrText: restored.ocrText,
      restoredText: restored.text,
      restoredBy: 'sohoa/diacritics',
      indicators: facts.indicators,
      checks: facts.checks,
      score,
      storeMessage: `${facts.indicators.length} indicators`,
    });
    progress('done');
    return {
      documentId,
      pageCount: pages.length,
      skippedPages: pages.filter((p) => p.skipped).length,
      indicators: facts.indicators.length,
      failedChecks,
      score: { total: score.total, maxTotal: score.maxTotal },
    };
  } catch (error) {
    if (isFinal(error)) await mark(stage, 'failed', describeError(error)).catch(() => undefined);
    throw error;
  }
}

async function collectPages(documentId: string, ctx: RecordingContext): Promise<Page[]> {
  const [recorded, tasks] = await Promise.all([ctx.repo.getPages(documentId), ctx.repo.getPageTasks(documentId)]);
  const have = new Set(recorded.map((p) => p.number));
  const lost: Page[] = tasks
    .filter((t) => !have.has(t.number))
    .map((t) => ({ ...t, textSource: 'ocr', text: '', lines: [], meanConfidence: null, skipped: 'no OCR result: the page job failed after its retries or was lost' }));
  return [...recorded, ...lost].sort((a, b) => a.number - b.number);
}

async function storedSummary(documentId: string, ctx: RecordingContext): Promise<FinishSummary> {
  const [pages, indicators, checks, scores] = await Promise.all([
    ctx.repo.getPages(documentId),
    ctx.repo.getIndicators(documentId),
    ctx.repo.getChecks(documentId),
    ctx.repo.getScores(documentId),
  ]);
  return {
    documentId,
    pageCount: pages.length,
    skippedPages: pages.filter((p) => p.skipped).length,
    indicators: indicators.length,
    failedChecks: checks.filter((c) => c.result === 'fails').length,
    score: { total: scores[0]?.total ?? 0, maxTotal: scores[0]?.maxTotal ?? 0 },
  };
}
