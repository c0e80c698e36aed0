/** Table types for Kysely: the one schema shared by PGlite and PostgreSQL. */
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string, string>;
type Timestamp = ColumnType<string, string, string>;

export interface DocumentsTable {
  id: string;
  filename: string;
  mime: string;
  byte_size: number;
  page_count: number;
  metadata: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
  run_id: ColumnType<string | null, string | null | undefined, string | null>;
  search_text: ColumnType<string, string | undefined, string>;
  search_folded: ColumnType<string, string | undefined, string>;
}

export interface PagesTable {
  document_id: string;
  number: number;
  image_ref: string | null;
  width: number;
  height: number;
  dpi: number | null;
  text_source: string;
  route: string;
  text: string;
  lines: Json;
  mean_confidence: number | null;
  skipped: string | null;
  quality: Json | null;
}

export interface TextVersionsTable {
  id: Generated<number>;
  document_id: string;
  kind: string;
  text: string;
  author: string;
  created_at: Timestamp;
}

export interface IndicatorsTable {
  id: Generated<number>;
  document_id: string;
  ordinal: number;
  key: string;
  value: number;
  denominator: number | null;
  unit: string | null;
  year: number | null;
  province: string | null;
  review_state: string;
  kind: ColumnType<string, string | undefined, string>;
  data: Json;
  revision: ColumnType<number, number | undefined, number>;
}

export interface ChecksTable {
  document_id: string;
  ordinal: number;
  result: string;
  data: Json;
}

export interface ScoresTable {
  document_id: string;
  rubric: string;
  data: Json;
  created_at: Timestamp;
}

export interface StageStatusTable {
  document_id: string;
  stage: string;
  state: string;
  message: string | null;
  updated_at: Timestamp;
}

export interface PageTasksTable {
  document_id: string;
  number: number;
  image_ref: string;
  width: number;
  height: number;
  dpi: number | null;
  route: string;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface DocumentUploadsTable {
  document_id: string;
  user_id: number;
  filename: string;
  uploaded_at: Timestamp;
}

export interface IndicatorRevisionsTable {
  id: Generated<number>;
  indicator_id: number;
  document_id: string;
  revision: number;
  action: string;
  before: Json;
  after: Json;
  author: string;
  created_at: Timestamp;
}

export interface TextCorrectionsTable {
  id: Generated<number>;
  document_id: string;
  base_version_id: number;
  version_id: number;
  span_start: number;
  span_end: number;
  before: string;
  after: string;
  author: string;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  target: string;
  detail: Json;
}

export interface Database {
  documents: DocumentsTable;
  pages: PagesTable;
  text_versions: TextVersionsTable;
  indicators: IndicatorsTable;
  scores: ScoresTable;
  checks: ChecksTable;
  stage_status: StageStatusTable;
  page_tasks: PageTasksTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  document_uploads: DocumentUploadsTable;
  indicator_revisions: IndicatorRevisionsTable;
  text_corrections: TextCorrectionsTable;
  audit_log: AuditLogTable;
}
