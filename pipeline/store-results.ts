/** Stage 7: record everything in the repository; the database is the record of the run. */
import type { CheckResult, Indicator, Page, Score, SohoaDocument } from '../core/contracts';
import type { RecordingContext } from './context';
import type { RestoredText } from './restore-text';

export interface DocumentResults {
  document: SohoaDocument;
  pages: Page[];
  ocrText: string;
  restoredText: string;
  indicators: Indicator[];
  checks: CheckResult[];
  score: Score;
}

export async function storeResults(results: DocumentResults, restored: RestoredText | null, ctx: RecordingContext): Promise<void> {
  const { document } = results;
  const now = new Date().toISOString();
  await ctx.repo.saveDocument(document);
  await ctx.repo.replacePages(document.id, results.pages);
  await ctx.repo.addTextVersion({ documentId: document.id, kind: 'ocr', text: results.ocrText, createdAt: now, author: 'sohoa' });
  await ctx.repo.addTextVersion({ documentId: document.id, kind: 'restored', text: results.restoredText, createdAt: now, author: restored ? 'sohoa/diacritics' : 'sohoa' });
  await ctx.repo.replaceIndicators(document.id, results.indicators);
  await ctx.repo.replaceChecks(document.id, results.checks);
  await ctx.repo.saveScore(document.id, results.score);
}

/** Reads back what a previous run stored, so an unchanged file is not processed again. */
export async function loadStoredResults(documentId: string, ctx: RecordingContext): Promise<DocumentResults | null> {
  const document = await ctx.repo.findDocument(documentId);
  if (!document) return null;
  const statuses = await ctx.repo.getStageStatuses(documentId);
  if (!statuses.some((s) => s.stage === 'store' && s.state === 'done')) return null;
  const [pages, ocr, restored, indicators, checks, scores] = await Promise.all([
    ctx.repo.getPages(documentId),
    ctx.repo.latestText(documentId, 'ocr'),
    ctx.repo.latestText(documentId, 'restored'),
    ctx.repo.getIndicators(documentId),
    ctx.repo.getChecks(documentId),
    ctx.repo.getScores(documentId),
  ]);
  const score = scores[0];
  if (!ocr || !restored || !score) return null;
  return { document, pages, ocrText: ocr.text, restoredText: restored.text, indicators, checks, score };
}
