/** The record of every document: the port the pipeline writes through and the server reads. */
import type { AccessStore } from './access-store';
import type { DatasetStore } from './dataset-store';
import type { ReviewStore } from './review-store';
import type { CheckResult, DocumentProgress, Indicator, Page, PageTask, Score, SohoaDocument, StageName, StageStatus, TextVersion, TextVersionKind } from '../core/contracts';

export interface DocumentSummary {
  id: string;
  filename: string;
  pageCount: number;
  createdAt: string;
}

/** Everything one finished run writes, committed together so a crash never leaves half of it. */
export interface FinishedRun {
  document: SohoaDocument;
  pages: Page[];
  ocrText: string;
  restoredText: string;
  restoredBy: string;
  indicators: Indicator[];
  checks: CheckResult[];
  score: Score;
  storeMessage: string | null;
}

export interface Repository {
  /** Users, tokens and the audit log, in the same database. */
  readonly access: AccessStore;
  /** Review, search and export over the same records. */
  readonly review: ReviewStore;
  /** Indicators across documents, provinces and years, for the dataset page. */
  readonly datasets: DatasetStore;
  migrate(): Promise<void>;
  findDocument(id: string): Promise<SohoaDocument | null>;
  /** Inserts the document, or updates it when its id (sha256) is already recorded. */
  saveDocument(doc: SohoaDocument): Promise<void>;
  listDocuments(): Promise<DocumentSummary[]>;
  replacePages(documentId: string, pages: Page[]): Promise<void>;
  /** All pages, or just page `number` (a page job reads only its own). */
  getPages(documentId: string, number?: number): Promise<Page[]>;
  addTextVersion(version: TextVersion): Promise<void>;
  latestText(documentId: string, kind: TextVersionKind): Promise<TextVersion | null>;
  replaceIndicators(documentId: string, indicators: Indicator[]): Promise<void>;
  getIndicators(documentId: string): Promise<Indicator[]>;
  replaceChecks(documentId: string, checks: CheckResult[]): Promise<void>;
  getChecks(documentId: string): Promise<CheckResult[]>;
  saveScore(documentId: string, score: Score): Promise<void>;
  getScores(documentId: string): Promise<Score[]>;
  setStageStatus(status: Omit<StageStatus, 'updatedAt'>): Promise<void>;
  getStageStatuses(documentId: string): Promise<StageStatus[]>;
  /** The split stage's plan: text pages are final at once, image pages await OCR. Replaces any earlier plan. */
  recordPagePlan(documentId: string, pageCount: number, textPages: Page[], tasks: PageTask[]): Promise<void>;
  getPageTasks(documentId: string, number?: number): Promise<PageTask[]>;
  /** One page's result, written by its OCR job; writing it again replaces it. */
  savePage(documentId: string, page: Page): Promise<void>;
  /** One transaction: document, pages, text versions, indicators, checks, score, and the store stage marked done. */
  saveFinishedRun(run: FinishedRun): Promise<void>;
  /**
   * Makes runId the document's current run. With reset, the previous run's plan, pages and
   * stage statuses are forgotten first (reprocessing); text history stays.
   */
  beginRun(documentId: string, runId: string, options: { reset: boolean }): Promise<void>;
  getProgress(documentId: string): Promise<DocumentProgress | null>;
  /** The progress of these documents, in three queries whatever their number (a page of a list). */
  getProgressOf(documentIds: string[]): Promise<DocumentProgress[]>;
  /** Every document's state, for status and recovery. */
  listProgress(): Promise<DocumentProgress[]>;
  close(): Promise<void>;
}

export const STAGE_ORDER: StageName[] = ['ingest', 'ocr', 'restore', 'extract', 'score', 'store'];
