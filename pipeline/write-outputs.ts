/** Files a run leaves for people and scripts: per document a folder, plus one CSV for all. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvCell } from '../core/csv';
import type { Indicator, Page } from '../core/contracts';
import { renderAlto } from '../ocr/render-alto';
import { renderHocr } from '../ocr/render-hocr';
import type { BlobStore } from '../store/blob-store';
import type { ExportRow } from '../store/review-store';
import type { DocumentResults } from './store-results';

/** Pages with an image under them: the ones a searchable PDF is made of. */
export function hasScannedPages(pages: Page[]): boolean {
  return pages.some((p) => p.imageRef !== null && p.width > 0 && p.height > 0);
}

export function ocrJson(results: Pick<DocumentResults, 'document' | 'pages'>): unknown {
  const { document, pages } = results;
  return {
    document: { id: document.id, filename: document.filename, mime: document.mime },
    pages: pages.map((p) => ({
      number: p.number,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      textSource: p.textSource,
      route: p.route,
      meanConfidence: p.meanConfidence,
      quality: p.quality ?? null,
      skipped: p.skipped,
      text: p.text,
      lines: p.lines,
    })),
  };
}

/** Per document: text, OCR JSON, hOCR, ALTO, metadata, indicators, checks, score, and a searchable PDF/A of scanned pages. */
export async function writeDocumentOutputs(outDir: string, name: string, results: DocumentResults, blobs: BlobStore): Promise<string> {
  const dir = join(outDir, name);
  await mkdir(dir, { recursive: true });
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  await writeFile(join(dir, 'text.txt'), results.restoredText);
  await writeFile(join(dir, 'ocr.json'), json(ocrJson(results)));
  await writeFile(join(dir, 'metadata.json'), json({ id: results.document.id, filename: results.document.filename, mime: results.document.mime, pages: results.document.pageCount, ...results.document.metadata }));
  await writeFile(join(dir, 'indicators.json'), json(results.indicators));
  await writeFile(join(dir, 'checks.json'), json(results.checks));
  await writeFile(join(dir, 'score.json'), json(results.score));
  await writeFile(join(dir, 'ocr.hocr'), renderHocr(results.pages, results.document.filename));
  await writeFile(join(dir, 'alto.xml'), renderAlto(results.pages, results.document.filename));
  if (hasScannedPages(results.pages)) {
    // Loaded on demand: the PDF writer and its font engine are needed only for scans.
    const { renderSearchablePdf } = await import('../ocr/render-searchable-pdf.js');
    await writeFile(join(dir, 'searchable.pdf'), await renderSearchablePdf(results.pages, (ref) => blobs.get(ref), results.document.filename));
  }
  return dir;
}

export const CSV_COLUMNS = [
  'document', 'filename', 'key', 'value', 'denominator', 'unit', 'qualifier', 'lower_bound', 'upper_bound', 'percent', 'stated_percent',
  'year', 'province', 'entity', 'level', 'page', 'line', 'span_start', 'span_end', 'source_start', 'source_end', 'confidence', 'flags',
  'review_state', 'value_text', 'phrase',
] as const;


function indicatorCells(documentId: string, filename: string, i: Indicator): unknown[] {
  return [
    documentId, filename, i.key, i.value, i.denominator, i.unit, i.qualifier, i.bounds?.[0], i.bounds?.[1], i.percent, i.statedPercent?.value,
    i.year, i.province, i.entity, i.level, i.page, i.line, i.span[0], i.span[1], i.sourceSpan?.[0], i.sourceSpan?.[1], i.confidence, i.flags.join('|'),
    i.reviewState, i.valueText.replace(/\s+/g, ' '), i.phrase,
  ];
}

const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',');

export function indicatorsCsv(rows: Array<{ documentId: string; filename: string; indicator: Indicator }>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { documentId, filename, indicator } of rows) lines.push(csvLine(indicatorCells(documentId, filename, indicator)));
  return lines.join('\n') + '\n';
}

/** The archive's dataset: the run CSV's columns plus each record's id, revision and last reviewer. */
export const DATASET_COLUMNS = [...CSV_COLUMNS, 'record_id', 'revision', 'reviewed_by', 'reviewed_at'] as const;

export function datasetCsv(rows: ExportRow[]): string {
  const lines = [DATASET_COLUMNS.join(',')];
  for (const { record, filename, reviewedBy, reviewedAt } of rows) {
    lines.push(csvLine([...indicatorCells(record.documentId, filename, record.indicator), record.id, record.revision, reviewedBy, reviewedAt]));
  }
  return lines.join('\n') + '\n';
}

/** One JSON object per line: the record with its document, place and review state. */
export function datasetJsonl(rows: ExportRow[]): string {
  return rows
    .map(({ record, filename, reviewedBy, reviewedAt }) =>
      JSON.stringify({ recordId: record.id, revision: record.revision, documentId: record.documentId, filename, ...record.indicator, reviewedBy, reviewedAt }),
    )
    .map((line) => line + '\n')
    .join('');
}
