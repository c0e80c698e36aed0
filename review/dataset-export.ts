/** What the dataset page shows of a key, as CSV or JSONL: one row per record, each with its citation. */
import { csvCell } from '../core/csv';
import type { DatasetRecord } from '../store/dataset-store';
import { citeRecord } from './cite-record';
import { failedChecksOf, type DatasetTable } from './tabulate-dataset';

const COLUMNS = [
  'key', 'kind', 'province', 'level', 'entity', 'year', 'value', 'denominator', 'unit', 'qualifier', 'percent',
  'review_state', 'failed_checks', 'flags', 'conflict', 'record_id', 'revision', 'document_id', 'filename',
  'document_type', 'document_number', 'document_date', 'issuer', 'page', 'line', 'value_text', 'citation',
] as const;

/** The records of the table's cells in the table's order, each with whether its cell is in conflict. */
function rowsOf(table: DatasetTable): Array<{ record: DatasetRecord; conflict: boolean }> {
  const order = new Map(table.series.map((s, i) => [s.id, i]));
  const years = new Map(table.years.map((y, i) => [y, i]));
  return [...table.cells]
    .sort((a, b) => order.get(a.seriesId)! - order.get(b.seriesId)! || years.get(a.year)! - years.get(b.year)!)
    .flatMap((cell) => cell.records.map((record) => ({ record, conflict: cell.conflict })));
}

function exportRecord(record: DatasetRecord, conflict: boolean) {
  const s = record.source;
  return {
    key: record.key, kind: record.kind, province: record.province, level: record.level, entity: record.entity, year: record.year,
    value: record.value, denominator: record.denominator, unit: record.unit, qualifier: record.qualifier, percent: record.percent,
    reviewState: record.reviewState, failedChecks: failedChecksOf(record), flags: record.flags, conflict,
    recordId: record.id, revision: record.revision, documentId: s.documentId, filename: s.filename,
    documentType: s.type, documentNumber: s.number, documentDate: s.date, issuer: s.issuer, page: s.page, line: s.line,
    valueText: record.valueText, citation: citeRecord(record),
  };
}

export function datasetTableCsv(table: DatasetTable): string {
  const lines = [COLUMNS.join(',')];
  for (const { record, conflict } of rowsOf(table)) {
    const row = exportRecord(record, conflict);
    const cells = [
      row.key, row.kind, row.province, row.level, row.entity, row.year, row.value, row.denominator, row.unit, row.qualifier, row.percent,
      row.reviewState, row.failedChecks.join(' '), row.flags.join(' '), row.conflict, row.recordId, row.revision, row.documentId, row.filename,
      row.documentType, row.documentNumber, row.documentDate, row.issuer, row.page, row.line, row.valueText, row.citation,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export function datasetTableJsonl(table: DatasetTable): string {
  return rowsOf(table)
    .map(({ record, conflict }) => JSON.stringify(exportRecord(record, conflict)) + '\n')
    .join('');
}
