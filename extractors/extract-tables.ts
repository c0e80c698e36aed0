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

/** One printed table row as OCR gives it once the grid is gone: "3 Sở Kế hoạch và Đầu tư 46 0". */
const GRIDLESS_ROW = /^(\s*)(?:(\d{1,3})[.)]?\s+)?(\p{L}[^\t\d]*?)((?:\s+\d[\d.,]*){1,8})\s*$/u;

/** Empty cells for a blank line inside a rebuilt table, so the table does not end there. */
const blankCells = (line: Line): Line['cells'] => [0, 1, 2].map(() => ({ text: '', start: line.start }));

/**
 * Rebuilds the cells of tables whose grid OCR lost: a run of at least three lines shaped like
 * numbered rows with the same count of trailing numbers, with the lines above as headers. The last
 * header line is shared out over the number columns when it splits evenly ("Mức 3 Mức 4").
 */
function restoreLostGrids(lines: Line[]): Set<Line> {
  const rebuilt = new Set<Line>();
  const shape = (line: Line) => {
    const m = line.cells.length === 1 ? GRIDLESS_ROW.exec(line.text) : null;
    if (!m || (!m[2] && !TOTAL_ROW.test(fold(m[3]!.trim())))) return null;
    return { m, numbers: [...m[4]!.matchAll(/\d[\d.,]*/g)] };
  };
  let i = 0;
  while (i < lines.length) {
    const first = shape(lines[i]!);
    if (!first) {
      i++;
      continue;
    }
    const width = first.numbers.length;
    let end = i;
    const run: Line[] = [];
    let rowCount = 0;
    while (end < lines.length) {
      const line = lines[end]!;
      const s = line.text.trim() === '' ? null : shape(line);
      if (line.text.trim() !== '' && (!s || s.numbers.length !== width)) break;
      if (s) rowCount++;
      run.push(line);
      end++;
    }
    while (run.length && run[run.length - 1]!.text.trim() === '') run.pop();
    if (rowCount >= 3) {
      for (const row of run) {
        const found = shape(row);
        if (!found) {
          // A blank line OCR put between rows stays inside the table.
          row.cells = blankCells(row);
          rebuilt.add(row);
          continue;
        }
        const { m, numbers } = found;
        const name = m[3]!.trim();
        const nameStart = row.start + row.text.indexOf(name, m[1]!.length + (m[2]?.length ?? 0));
        const numbersAt = m[0].replace(/\s+$/, '').length - m[4]!.length;
        row.cells = [
          { text: m[2] ?? '', start: row.start + m[1]!.length },
          { text: name, start: nameStart },
          ...numbers.map((n) => ({ text: n[0], start: row.start + numbersAt + n.index! })),
        ];
        rebuilt.add(row);
      }
      const headers: Line[] = [];
      const gaps: Line[] = [];
      for (let k = i - 1; k >= 0 && headers.length < 2; k--) {
        const line = lines[k]!;
        if (line.text.trim() === '') {
          gaps.push(line);
          continue;
        }
        if (/[.:;)]\s*$/.test(line.text.trim()) || line.text.length > 120) break;
        headers.unshift(line);
      }
      // Blank lines between the headers and the rows belong to the table too.
      for (const gap of gaps) {
        if (headers.length && gap.start > headers[0]!.start) {
          gap.cells = blankCells(gap);
          rebuilt.add(gap);
        }
      }
      if (headers.length > 0) {
        // The number and name columns' titles ("Số TT Tên đơn vị") say nothing about the counts.
        const spanning = (h: Line) => {
          const title = /^\s*(?:s[ốo]\s*tt|stt|tt)\s+(?:t[êe]n\s+)?(?:đơn vị|don vi|cơ quan|co quan|địa phương|dia phuong|đơn vị hành chính)\s+/iu.exec(h.text);
          const from = title ? title[0].length : h.text.length - h.text.trimStart().length;
          return [{ text: '', start: h.start }, { text: '', start: h.start }, { text: h.text.slice(from).trim(), start: h.start + from }];
        };
        const last = headers[headers.length - 1]!;
        const words = [...last.text.matchAll(/\S+/g)];
        const even = words.length % width === 0 && words.length > width - 1 ? words.length / width : 0;
        const columnLabels = even > 0 ? Array.from({ length: width }, (_, c) => words.slice(c * even, (c + 1) * even)) : [];
        if (columnLabels.length === width) {
          last.cells = [{ text: '', start: last.start }, { text: '', start: last.start }, ...columnLabels.map((ws) => ({ text: ws.map((w) => w[0]).join(' '), start: last.start + ws[0]!.index! }))];
          headers.slice(0, -1).forEach((h) => (h.cells = spanning(h)));
        } else {
          headers.forEach((h) => (h.cells = spanning(h)));
        }
        headers.forEach((h) => rebuilt.add(h));
      }
    }
    i = Math.max(end, i + 1);
  }
  return rebuilt;
}

export function extractTables(text: string, context: { classifier: KeyClassifier; province: string | null; year: number | null; pageOf: (offset: number) => number | null }): TableExtraction {
  const lines = splitLines(text);
  const rebuilt = restoreLostGrids(lines);
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
          const flags = rebuilt.has(row) ? ['table', 'table-grid-lost'] : ['table'];
          if (isTotal) flags.push('table-total');
          if (key.key === 'unclassified') flags.push('unknown-key');
          indicators.push({
            key: key.key,
            kind: 'value',
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
