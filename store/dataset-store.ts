/**
 * Indicators as a dataset: which keys the archive holds, and one key's records across
 * documents, provinces and years, each with the document it cites. Read-only; rejected
 * records are not part of any dataset.
 */
import type { IndicatorKind, Qualifier } from '../core/contracts';
import type { Visibility } from './review-store';

export interface DatasetKeyCount {
  key: string;
  records: number;
  documents: number;
  provinces: number;
  years: number;
  firstYear: number | null;
  lastYear: number | null;
}

/** Where a record comes from, enough to cite it and to open its page. */
export interface DatasetSource {
  documentId: string;
  filename: string;
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  page: number | null;
  line: number | null;
}

export interface DatasetRecord {
  id: number;
  revision: number;
  key: string;
  kind: IndicatorKind;
  province: string | null;
  year: number | null;
  /** The breakdown a figure is about, when not the province as a whole. */
  level: string | null;
  entity: string | null;
  value: number;
  denominator: number | null;
  unit: string | null;
  qualifier: Qualifier | null;
  percent: number | null;
  valueText: string;
  phrase: string;
  reviewState: string;
  flags: string[];
  source: DatasetSource;
}

export interface DatasetStore {
  /** Every key with its counts, most records first. */
  keyCounts(visibility: Visibility): Promise<DatasetKeyCount[]>;
  /** One key's records of one kind (all kinds when null), by province, year and document. */
  keyRecords(key: string, kind: IndicatorKind | null, visibility: Visibility): Promise<DatasetRecord[]>;
  /** How many records of each kind the key has. */
  kindCounts(key: string, visibility: Visibility): Promise<Partial<Record<IndicatorKind, number>>>;
}
