/** The record of every document: the port the pipeline writes through and the server reads. */
import type { CheckResult, Indicator, Page, Score, SohoaDocument, StageName, StageStatus, TextVersion, TextVersionKind } from '../core/contracts';

export interface DocumentSummary {
  id: string;
  filename: string;
  pageCount: number;
  createdAt: string;
}

export interface Repository {
  migrate(): Promise<void>;
  findDocument(id: string): Promise<SohoaDocument | null>;
  /** Inserts the document, or updates it when its id (sha256) is already recorded. */
  saveDocument(doc: SohoaDocument): Promise<void>;
  listDocuments(): Promise<DocumentSummary[]>;
  replacePages(documentId: string, pages: Page[]): Promise<void>;
  getPages(documentId: string): Promise<Page[]>;
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
  close(): Promise<void>;
}

export const STAGE_ORDER: StageName[] = ['ingest', 'ocr', 'restore', 'extract', 'score', 'store'];
