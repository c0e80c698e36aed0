/** A stored run read back from the database (the record): what outputs and exports are written from. */
import type { CheckResult, Indicator, Page, Score, SohoaDocument } from '../core/contracts';
import type { RecordingContext } from './context';

export interface DocumentResults {
  document: SohoaDocument;
  pages: Page[];
  ocrText: string;
  restoredText: string;
  indicators: Indicator[];
  checks: CheckResult[];
  score: Score;
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
