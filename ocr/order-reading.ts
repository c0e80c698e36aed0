/**
 * Reading order from the word boxes. Vietnamese state documents (Decree 30/2020 template) set
 * fixed zones side by side: issuer | national motto, number | place and date, recipients |
 * signature. Tesseract's automatic segmentation often reads such rows straight across, so the two
 * columns come out interleaved line by line.
 *
 * Lines are first cut at gaps far wider than a word space (the gutter between two zones), then the
 * pieces are ordered by a recursive XY cut: a group of pieces is split at its widest empty band,
 * across (read top part, then bottom part) or down (read left column, then right column), until no
 * band is left. Each final group is a block; it keeps its lines top to bottom.
 */
import type { BBox, OcrLine, OcrWord } from '../core/contracts';
import { enclosing } from './group-blocks';
import { median, medianWordHeight } from './median-word-height';

/** A gap between two words wider than this many line heights separates two zones of the page. */
const ZONE_GAP_HEIGHTS = 1.5;
/** A vertical band must be this many word heights wide to separate columns. */
const COLUMN_GAP_HEIGHTS = 1.5;
/** A band across the page this many line heights wide separates rows of the template. */
const ROW_GAP_HEIGHTS = 0.8;
/** Lines further apart than this many line heights start a new block. */
const BLOCK_GAP_HEIGHTS = 0.8;
/** Boxes of neighbouring lines overlap a little (ascenders, descenders, a slight turn): this share of each box's height is ignored at top and bottom. */
const VERTICAL_SLACK = 0.2;

export interface OrderedLine extends OcrLine {
  /** The block (zone or column) the line belongs to, in reading order from 0. */
  block: number;
}

function lineOf(words: OcrWord[]): OcrLine {
  return {
    text: words.map((w) => w.text).join(' '),
    bbox: enclosing(words.map((w) => w.bbox)),
    confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length,
    words,
  };
}

/** A line whose words sit in two zones (issuer and motto read as one line) becomes one line per zone. */
export function splitAtZoneGaps(line: OcrLine): OcrLine[] {
  const words = [...line.words].sort((a, b) => a.bbox.x0 - b.bbox.x0);
  if (words.length < 2) return [line];
  const height = median(words.map((w) => w.bbox.y1 - w.bbox.y0));
  const pieces: OcrWord[][] = [[words[0]!]];
  for (const word of words.slice(1)) {
    const last = pieces[pieces.length - 1]!;
    const gap = word.bbox.x0 - last[last.length - 1]!.bbox.x1;
    if (gap > ZONE_GAP_HEIGHTS * height) pieces.push([word]);
    else last.push(word);
  }
  return pieces.length === 1 ? [line] : pieces.map(lineOf);
}

interface Band {
  at: number;
  width: number;
}

/** The widest empty band between the intervals, if any is at least `minWidth` wide. */
function widestGap(intervals: Array<[number, number]>, minWidth: number): Band | null {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let reach = sorted[0]![1];
  let best: Band | null = null;
  for (const [start, end] of sorted.slice(1)) {
    const width = start - reach;
    if (width >= minWidth && (!best || width > best.width)) best = { at: (start + reach) / 2, width };
    reach = Math.max(reach, end);
  }
  return best;
}

const verticalSpan = (b: BBox): [number, number] => {
  const slack = (b.y1 - b.y0) * VERTICAL_SLACK;
  return [b.y0 + slack, b.y1 - slack];
};

/** `lineHeight` measures bands across (line boxes), `columnGap` the gutter between zones (in word heights, as the zone split). */
function cut(lines: OcrLine[], lineHeight: number, columnGap: number, leaves: OcrLine[][]): void {
  if (lines.length <= 1) {
    if (lines.length) leaves.push(lines);
    return;
  }
  const across = widestGap(lines.map((l) => verticalSpan(l.bbox)), Number.MIN_VALUE);
  const down = widestGap(lines.map((l) => [l.bbox.x0, l.bbox.x1]), columnGap);
  if (!across && !down) {
    leaves.push([...lines].sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0));
    return;
  }
  // The template's rows come first (issuer | motto above number | date): a band across wider than
  // the line spacing is cut before the columns; inside a row, the columns are read whole.
  if (down && !(across && across.width >= ROW_GAP_HEIGHTS * lineHeight)) {
    cut(lines.filter((l) => (l.bbox.x0 + l.bbox.x1) / 2 < down.at), lineHeight, columnGap, leaves);
    cut(lines.filter((l) => (l.bbox.x0 + l.bbox.x1) / 2 >= down.at), lineHeight, columnGap, leaves);
  } else {
    const middle = (l: OcrLine) => (verticalSpan(l.bbox)[0] + verticalSpan(l.bbox)[1]) / 2;
    cut(lines.filter((l) => middle(l) < across!.at), lineHeight, columnGap, leaves);
    cut(lines.filter((l) => middle(l) >= across!.at), lineHeight, columnGap, leaves);
  }
}

/**
 * The cuts leave single lines: consecutive ones (in reading order) form one block while each
 * stands just below the last, over the same columns of the page.
 */
function joinBlocks(leaves: OcrLine[][], lineHeight: number): OcrLine[][] {
  const blocks: OcrLine[][] = [];
  for (const leaf of leaves) {
    const block = blocks[blocks.length - 1];
    const last = block?.[block.length - 1];
    const first = leaf[0]!;
    const below = last !== undefined && first.bbox.y0 >= last.bbox.y0 + lineHeight / 2 && first.bbox.y0 - last.bbox.y1 < BLOCK_GAP_HEIGHTS * lineHeight;
    const overlaps = last !== undefined && Math.min(first.bbox.x1, last.bbox.x1) > Math.max(first.bbox.x0, last.bbox.x0);
    if (block && below && overlaps) block.push(...leaf);
    else blocks.push([...leaf]);
  }
  return blocks;
}

/** The page's lines in reading order, each with its block; lines without words are dropped. */
export function orderReading(lines: readonly OcrLine[]): OrderedLine[] {
  const pieces = lines.filter((l) => l.words.length > 0).flatMap(splitAtZoneGaps);
  if (pieces.length === 0) return [];
  const lineHeight = median(pieces.map((l) => l.bbox.y1 - l.bbox.y0));
  const leaves: OcrLine[][] = [];
  cut(pieces, lineHeight, COLUMN_GAP_HEIGHTS * medianWordHeight(pieces), leaves);
  return joinBlocks(leaves, lineHeight).flatMap((block, index) => block.map((line) => ({ ...line, block: index })));
}

/** The page text: one line per OCR line, a blank line between blocks. */
export function readingText(lines: readonly OrderedLine[]): string {
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && line.block !== lines[i - 1]!.block) out.push('');
    out.push(line.text);
  });
  return out.join('\n');
}
