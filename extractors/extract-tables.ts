/**
 * Tables whose cells are separated by tabs (text layers and clean drafts keep them): one record
 * per data row and numeric column, labelled by the column headers above it, with the row's name
 * as entity. A total row ("Tổng cộng") gives the table-wide values.
 */
import type { Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import type { KeyClassifier } from './classify-key';
import { parseVietnameseNumber } from './parse-number';
import { matchUnit } from './units';

export interface TableExtraction {
  indicators: Indicator[];
  /** Character ranges the tables cover: the prose extractor skips them. */
  ranges: Array<[number, number]>;
}

interface Line {
  text: string;
  start: number;
  cells: Array<{ text: string; start: number }>;
}

const TOTAL_ROW = /^(tong cong|tong so|cong|tong)$/;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const cells: Line['cells'] = [];
    let offset = start;
    for (const cell of raw.split('\t')) {
      cells.push({ text: cell.trim(), start: offset + (cell.length - cell.trimStart().length) });
      offset += cell.length + 1;
    }
    lines.push({ text: raw, start, cells });
    start += raw.length + 1;
  }
  return lines;
}

const isNumberCell = (cell: string) => cell !== '' && parseVietnameseNumber(cell) !== null;

function unitIn(label: string): string | null {
  for (let i = 0; i < label.length; i++) {
    if (i > 0 && /\p{L}/u.test(label[i - 1]!)) continue;
    const unit = matchUnit(label.slice(i));
    if (unit && unit.entry.unit !== 'VND') return unit.entry.unit;
  }
  return null;
}

function levelOf(name: string): Indicator['level'] {
  const f = fold(name);
  if (/^(ubnd )?(huyen|thi xa|thanh pho)\b|^ubnd (cac )?(huyen|thi xa|thanh pho)/.test(f)) return 'district';
  if (/^(ubnd )?(xa|phuong|thi tran)\b/.test(f)) return 'commune';
  return 'province';
}

export function extractTables(text: string, context: { classifier: KeyClassifier; province: string | null; year: number | null; pageOf: (offset: number) => number | null }): TableExtraction {
  const lines = splitLines(text);
  const indicators: Indicator[] = [];
  const ranges: Array<[number, number]> = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.cells.length < 3) {
      i++;
      continue;
    }
    // A block of consecutive tab-separated lines: header lines first, then rows with numbers.
    let end = i;
    while (end < lines.length && lines[end]!.cells.length >= 3) end++;
    const block = lines.slice(i, end);
    const firstRow = block.findIndex((l) => l.cells.slice(1).some((c) => isNumberCell(c.text)) && l.cells.some((c) => /\p{L}/u.test(c.text)));
    if (end - i >= 3 && firstRow > 0) {
      const headers = block.slice(0, firstRow);
      const width = Math.max(...block.map((l) => l.cells.length));
      const labels: string[] = [];
      for (let col = 0; col < width; col++) {
        const parts = headers.map((h) => {
          // A header cell spans rightwards over empty cells (merged cells lose their extent in text).
          for (let k = col; k >= 0; k--) if (h.cells[k]?.text) return h.cells[k]!.text;
          return '';
        });
        labels.push(parts.filter(Boolean).join(' / '));
      }
      for (const row of block.slice(firstRow)) {
        const nameCell = row.cells.find((c) => /\p{L}/u.test(c.text));
        if (!nameCell) continue;
        const isTotal = TOTAL_ROW.test(fold(nameCell.text));
        row.cells.forEach((cell, col) => {
          if (cell === nameCell || col === 0 || !isNumberCell(cell.text)) return;
          const value = parseVietnameseNumber(cell.text)!;
          const label = labels[col] ?? '';
          const phrase = row.text.replace(/\t/g, ' ').replace(/\s+/g, ' ').trim();
          // The column header says what is counted; a row other than the total is one entity's share.
          const column = context.classifier.classify(label, unitIn(label));
          const key = isTotal ? column : { ...column, key: context.classifier.breakdownKey(column.key) };
          const flags = ['table'];
          if (isTotal) flags.push('table-total');
          if (key.key === 'unclassified') flags.push('unknown-key');
          indicators.push({
            key: key.key,
            value,
            denominator: null,
            unit: unitIn(label),
            qualifier: null,
            percent: null,
            year: context.year,
            province: context.province,
            entity: isTotal ? null : nameCell.text,
            level: isTotal ? 'province' : levelOf(nameCell.text),
            phrase: `${phrase} [${label}]`,
            valueText: cell.text,
            span: [cell.start, cell.start + cell.text.length],
            page: context.pageOf(cell.start),
            confidence: Math.max(0.3, Math.min(0.9, 0.5 + key.similarity / 2)),
            flags,
            reviewState: 'pending',
          });
        });
      }
      ranges.push([block[0]!.start, block[block.length - 1]!.start + block[block.length - 1]!.text.length]);
    }
    i = end;
  }
  return { indicators, ranges };
}
