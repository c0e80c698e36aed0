/**
 * Print that OCR did not read: Tesseract's page segmentation takes a block of print under a seal
 * or beside a signature for a picture and returns no words there, so a whole signature block or
 * title can vanish. The ink of the page that no word box covers is gathered into regions (ink
 * cells joined across a word space and a line gap), and each region big enough to hold a line of
 * print is returned, to be read again from its own crop.
 */
import type { BBox, OcrLine } from '../core/contracts';
import type { GreyImage } from './grey-image';
import { medianWordHeight } from './median-word-height';

/** The page is looked at in cells this many pixels wide: enough to see a stroke, cheap to walk. */
const CELL = 4;
/** A cell this dark on average holds a stroke. */
const INK_BELOW = 200;
/** Ink this close to a word box (in line heights) belongs to the word (accents, a stray tail). */
const WORD_MARGIN = 0.1;
/** A region must be at least this tall and wide (in line heights) to hold a line of print. */
const MIN_HEIGHT = 0.6;
const MIN_WIDTH = 2;
/** A region covering more than this share of the page is a picture, not print missed. */
const MAX_PAGE_SHARE = 0.25;

/**
 * The regions of unread ink, in page pixels, padded by half a line height. The ink inside `ignore`
 * (received-stamp frames) is no print of the document and joins no region.
 */
export function findUnreadInk(page: GreyImage, lines: readonly OcrLine[], ignore: readonly BBox[] = []): BBox[] {
  const words = lines.flatMap((l) => l.words);
  const lineHeight = medianWordHeight(lines);
  if (!lineHeight) return [];
  const cols = Math.ceil(page.width / CELL);
  const rows = Math.ceil(page.height / CELL);
  const ink = new Uint8Array(cols * rows);
  const sums = new Uint32Array(cols * rows);
  for (let y = 0; y < page.height; y++) {
    const rowBase = Math.floor(y / CELL) * cols;
    for (let x = 0; x < page.width; x++) sums[rowBase + Math.floor(x / CELL)]! += page.data[y * page.width + x]!;
  }
  for (let r = 0; r < rows; r++) {
    const cellHeight = Math.min(CELL, page.height - r * CELL);
    for (let c = 0; c < cols; c++) {
      const cellWidth = Math.min(CELL, page.width - c * CELL);
      ink[r * cols + c] = sums[r * cols + c]! / (cellWidth * cellHeight) < INK_BELOW ? 1 : 0;
    }
  }
  for (const frame of ignore) {
    const [c0, c1] = [Math.max(0, Math.floor(frame.x0 / CELL)), Math.min(cols - 1, Math.floor(frame.x1 / CELL))];
    const [r0, r1] = [Math.max(0, Math.floor(frame.y0 / CELL)), Math.min(rows - 1, Math.floor(frame.y1 / CELL))];
    for (let r = r0; r <= r1; r++) ink.fill(0, r * cols + c0, r * cols + c1 + 1);
  }
  const margin = WORD_MARGIN * lineHeight;
  for (const word of words) {
    const [c0, c1] = [Math.max(0, Math.floor((word.bbox.x0 - margin) / CELL)), Math.min(cols - 1, Math.floor((word.bbox.x1 + margin) / CELL))];
    const [r0, r1] = [Math.max(0, Math.floor((word.bbox.y0 - margin) / CELL)), Math.min(rows - 1, Math.floor((word.bbox.y1 + margin) / CELL))];
    for (let r = r0; r <= r1; r++) ink.fill(0, r * cols + c0, r * cols + c1 + 1);
  }
  // Cells join across a word space (one line height) and a line gap (half a line height).
  const reachX = Math.ceil(lineHeight / CELL);
  const reachY = Math.ceil(lineHeight / 2 / CELL);
  const seen = new Uint8Array(cols * rows);
  const regions: BBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let [c0, c1, r0, r1] = [cols, 0, rows, 0];
    while (stack.length) {
      const cell = stack.pop()!;
      const [r, c] = [Math.floor(cell / cols), cell % cols];
      [c0, c1, r0, r1] = [Math.min(c0, c), Math.max(c1, c), Math.min(r0, r), Math.max(r1, r)];
      for (let rr = Math.max(0, r - reachY); rr <= Math.min(rows - 1, r + reachY); rr++) {
        for (let cc = Math.max(0, c - reachX); cc <= Math.min(cols - 1, c + reachX); cc++) {
          const next = rr * cols + cc;
          if (ink[next] && !seen[next]) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    const box = { x0: c0 * CELL, y0: r0 * CELL, x1: Math.min(page.width, (c1 + 1) * CELL), y1: Math.min(page.height, (r1 + 1) * CELL) };
    const [width, height] = [box.x1 - box.x0, box.y1 - box.y0];
    if (height < MIN_HEIGHT * lineHeight || width < MIN_WIDTH * lineHeight) continue;
    if (width * height > MAX_PAGE_SHARE * page.width * page.height) continue;
    const pad = lineHeight / 2;
    regions.push({ x0: Math.max(0, Math.round(box.x0 - pad)), y0: Math.max(0, Math.round(box.y0 - pad)), x1: Math.min(page.width, Math.round(box.x1 + pad)), y1: Math.min(page.height, Math.round(box.y1 + pad)) });
  }
  return regions;
}
