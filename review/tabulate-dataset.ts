/**
 * One key's records as a table: a row per series (province, and the level or entity a record
 * is about when it is not the province as a whole), a column per year. A cell holds every
 * record that gives that series' figure for that year; two documents giving different figures
 * for the same cell are a conflict, shown with both sources rather than resolved.
 */
import type { DatasetRecord } from '../store/dataset-store';

export interface DatasetSeries {
  /** Stable within one answer: the chart and the table name a series by it. */
  id: string;
  province: string | null;
  level: string | null;
  entity: string | null;
  label: string;
}

export interface DatasetCell {
  seriesId: string;
  year: number | null;
  /** The record the chart plots: a reviewed one before a pending one, then the first in the archive. */
  shown: DatasetRecord;
  records: DatasetRecord[];
  conflict: boolean;
  /** Some record of the cell failed a consistency check, or nobody reviewed it yet. */
  failedChecks: boolean;
  unreviewed: boolean;
}

export interface DatasetConflict {
  seriesId: string;
  label: string;
  year: number;
  /** One entry per distinct figure, with every record (and so every source) that gives it. */
  figures: Array<{ value: number; denominator: number | null; records: DatasetRecord[] }>;
}

export interface DatasetTable {
  years: Array<number | null>;
  series: DatasetSeries[];
  cells: DatasetCell[];
  conflicts: DatasetConflict[];
}

export const CHECK_FAILED = 'check-failed:';
export const failedChecksOf = (record: DatasetRecord): string[] => record.flags.filter((f) => f.startsWith(CHECK_FAILED));
const isReviewed = (record: DatasetRecord) => record.reviewState === 'accepted' || record.reviewState === 'corrected';

/** A record's series: its province, and the breakdown it is about ("17/17 đơn vị cấp huyện" is the districts' figure, not the province's). */
function seriesOf(record: DatasetRecord): DatasetSeries {
  const { level, entity } = record;
  const place = record.province ?? 'province not stated';
  const parts = [place, entity, entity === null ? level : null].filter((p): p is string => p !== null && p !== '');
  return { id: JSON.stringify([record.province, level, entity]), province: record.province, level, entity, label: parts.join(' · ') };
}

const figureOf = (r: DatasetRecord) => `${r.value}/${r.denominator ?? ''}`;

export function tabulateDataset(records: DatasetRecord[]): DatasetTable {
  const series = new Map<string, DatasetSeries>();
  const cells = new Map<string, { seriesId: string; year: number | null; records: DatasetRecord[] }>();
  const years = new Set<number | null>();
  for (const record of records) {
    const s = seriesOf(record);
    if (!series.has(s.id)) series.set(s.id, s);
    years.add(record.year);
    const cellId = `${s.id}|${record.year}`;
    const cell = cells.get(cellId) ?? { seriesId: s.id, year: record.year, records: [] };
    cell.records.push(record);
    cells.set(cellId, cell);
  }
  const tableCells: DatasetCell[] = [];
  const conflicts: DatasetConflict[] = [];
  for (const cell of cells.values()) {
    const figures = new Map<string, DatasetRecord[]>();
    for (const record of cell.records) figures.set(figureOf(record), [...(figures.get(figureOf(record)) ?? []), record]);
    const documents = new Set(cell.records.map((r) => r.source.documentId));
    const s = series.get(cell.seriesId)!;
    // Figures differ and more than one document speaks: which one holds is for a person to decide.
    const conflict = figures.size > 1 && documents.size > 1 && s.province !== null && cell.year !== null;
    if (conflict) {
      conflicts.push({
        seriesId: s.id,
        label: s.label,
        year: cell.year!,
        figures: [...figures.values()].map((records) => ({ value: records[0]!.value, denominator: records[0]!.denominator, records })),
      });
    }
    tableCells.push({
      seriesId: cell.seriesId,
      year: cell.year,
      shown: cell.records.find(isReviewed) ?? cell.records[0]!,
      records: cell.records,
      conflict,
      failedChecks: cell.records.some((r) => failedChecksOf(r).length > 0),
      unreviewed: cell.records.some((r) => r.reviewState === 'pending'),
    });
  }
  const sortedYears = [...years].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const sortedSeries = [...series.values()].sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { years: sortedYears, series: sortedSeries, cells: tableCells, conflicts };
}
