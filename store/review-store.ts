/**
 * The archive as people use it: who uploaded what, search, extracted records with their
 * review history, corrections of restored text, and dataset rows. Every change is written
 * with its revision and audit entry in one transaction.
 */
import type { DocumentMetadata, Indicator, Span } from '../core/contracts';
import type { CurrentText, IndicatorFilter, IndicatorRecord, IndicatorRevision, ReviewAction, SearchHit, TextCorrection } from '../core/review';

export interface DocumentListItem {
  id: string;
  filename: string;
  mime: string;
  pageCount: number;
  createdAt: string;
  metadata: DocumentMetadata;
}

/** Limits what an archivist sees to what they uploaded; null sees everything. */
export type Visibility = { uploadedBy: number } | null;

export interface Paging {
  limit: number;
  offset: number;
}

export interface IndicatorRevisionRequest {
  id: number;
  /** The revision the reviewer saw; a different current revision is a conflict. */
  expectedRevision: number;
  action: ReviewAction;
  author: string;
  /** The record after the action, from the record before it and its history (newest last). */
  revise: (before: Indicator, history: IndicatorRevision[]) => Indicator;
}

export interface TextCorrectionRequest {
  documentId: string;
  baseVersionId: number;
  span: Span;
  replacement: string;
  author: string;
}

export interface ExportRow {
  record: IndicatorRecord;
  filename: string;
  /** Who made the last review action, and when; null for records nobody reviewed. */
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export interface ReviewStore {
  recordUpload(documentId: string, userId: number, filename: string): Promise<void>;
  isVisible(documentId: string, visibility: Visibility): Promise<boolean>;
  /** The file name this caller uploaded the document under (archivists), else the document's. */
  shownFilename(documentId: string, visibility: Visibility): Promise<string | null>;
  listDocuments(visibility: Visibility, paging: Paging): Promise<DocumentListItem[]>;
  /** Matches the current text, filename and number; without marks in the query, marks in the text are ignored. */
  search(query: string, visibility: Visibility, paging: Paging): Promise<SearchHit[]>;
  listIndicators(filter: IndicatorFilter, visibility: Visibility, paging: Paging): Promise<IndicatorRecord[]>;
  getIndicator(id: number): Promise<IndicatorRecord | null>;
  /** Applies one review action; throws ConflictError on a stale revision, NotFoundError on an unknown id. */
  reviseIndicator(request: IndicatorRevisionRequest): Promise<IndicatorRecord>;
  indicatorHistory(id: number): Promise<IndicatorRevision[]>;
  currentText(documentId: string): Promise<CurrentText | null>;
  /** Replaces a span of the current text as a new reviewed version; ConflictError when the base is not current. */
  correctText(request: TextCorrectionRequest): Promise<{ text: CurrentText; correction: TextCorrection }>;
  textCorrections(documentId: string | null): Promise<TextCorrection[]>;
  exportRows(filter: IndicatorFilter, options: { reviewedOnly: boolean; visibility: Visibility }): Promise<ExportRow[]>;
}
