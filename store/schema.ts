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
  data: Json;
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

export interface Database {
  documents: DocumentsTable;
  pages: PagesTable;
  text_versions: TextVersionsTable;
  indicators: IndicatorsTable;
  scores: ScoresTable;
  checks: ChecksTable;
  stage_status: StageStatusTable;
  page_tasks: PageTasksTable;
}
