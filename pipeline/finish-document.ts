/**
 * The finish job, run once every page job has settled: restore -> extract -> check -> score,
 * then everything stored in one transaction. A planned page without a result (its job failed
 * for good or was lost) is kept as skipped with that reason. Idempotent: a stored document is
 * not processed again, and its results are written in one transaction.
 */
import type { Page, StageName } from '../core/contracts';
import { describeError } from '../core/errors';
import type { RecordingContext } from './context';
import type { FinishPayload, FinishSummary } from './document-jobs';
import { computeFinish, type StageEvent } from './compute-finish';

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
  // Stage marks are written in order as the computation reports them, wherever it runs.
  let marks: Promise<void> = Promise.resolve();
  const onStage = (event: StageEvent) => {
    if (event.state === 'started') {
      stage = event.stage;
      progress(event.stage);
    } else marks = marks.then(() => mark(event.stage, 'done', event.message));
  };
  try {
    await mark('ocr', 'done', `${pages.length} page(s): ${pages.filter((p) => p.textSource === 'ocr').length} OCR'd, ${pages.filter((p) => p.skipped).length} skipped`);
    const run = await (ctx.computeFinish ? ctx.computeFinish(filename, pages, onStage) : computeFinish(filename, pages, ctx, onStage));
    await marks;

    stage = 'store';
    await ctx.repo.saveFinishedRun({
      document: { ...document, pageCount: pages.length, metadata: run.metadata },
      pages: run.pages,
      ocrText: run.ocrText,
      restoredText: run.restoredText,
      restoredBy: 'sohoa/diacritics',
      indicators: run.indicators,
      checks: run.checks,
      score: run.score,
      storeMessage: `${run.indicators.length} indicators`,
    });
    progress('done');
    return {
      documentId,
      pageCount: pages.length,
      skippedPages: pages.filter((p) => p.skipped).length,
      indicators: run.indicators.length,
      failedChecks: run.failedChecks,
      score: { total: run.score.total, maxTotal: run.score.maxTotal },
    };
  } catch (error) {
    await marks.catch(() => undefined);
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
