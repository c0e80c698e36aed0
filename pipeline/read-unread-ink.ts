/**
 * Stage 3b for a scanned page: read again, each from its own crop, the regions of ink the page's
 * OCR left unread (print under a seal, a title beside a stamp; see ocr/find-unread-ink.ts). A
 * region is read as one block of text; the rows of it that reading leaves without a line (print
 * crossed by a seal's ring, which Tesseract's block layout takes for a picture) are read again as
 * single lines, in bands one and a half line heights tall. Marks at a line's ends are cut off
 * (ocr/trim-marks.ts); lines that still come back illegible (the seal's rim, the signature) are
 * left out; of the readings that overlap, the one with the most well-formed text is kept, and
 * none that repeats print already read. The ink of received-stamp frames is painted out first.
 */
import sharp from 'sharp';
import type { BBox, OcrLine } from '../core/contracts';
import { findUnreadInk } from '../ocr/find-unread-ink';
import type { GreyImage } from '../ocr/grey-image';
import { isLegibleLine, isWellFormed } from '../ocr/judge-legibility';
import { medianWordHeight } from '../ocr/median-word-height';
import { trimMarks } from '../ocr/trim-marks';
import type { PipelineContext } from './context';

/** Two words overlapping over this share of the smaller box are one word read twice. */
const MAX_OVERLAP = 0.3;
/** A band is this many word heights tall (a line with its accents and some slack), cut every half word height. */
const BAND_HEIGHTS = 2;
/**
 * A line read from a crop of marks must say more than chance does: this many letters and digits
 * in well-formed words ("Điều 1", not a lone "vi" or "TU" made of a seal's rim)...
 */
const MIN_REREAD_CHARACTERS = 4;
/** ...read with at least this mean word confidence. */
const MIN_REREAD_CONFIDENCE = 45;
/** A band needs at least this much ink, in squares of a line height, to hold a word. */
const MIN_BAND_INK = 0.5;
/** A pixel this dark is ink. */
const INK_BELOW = 128;

const area = (b: BBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
const overlap = (a: BBox, b: BBox) => area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
const shift = (b: BBox, dx: number, dy: number): BBox => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });
/** Letters and digits in well-formed words: how much print a reading recovered. */
const printed = (line: OcrLine) => line.words.filter(isWellFormed).reduce((n, w) => n + (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);

export interface UnreadInkReading {
  lines: OcrLine[];
  regions: number;
}

/** The region of the page, with the parts inside `blank` painted white. */
function cutOut(page: GreyImage, region: BBox, blank: readonly BBox[]): GreyImage {
  const [width, height] = [region.x1 - region.x0, region.y1 - region.y0];
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) data.set(page.data.subarray((region.y0 + y) * page.width + region.x0, (region.y0 + y) * page.width + region.x1), y * width);
  for (const b of blank) {
    const [x0, x1] = [Math.max(0, Math.round(b.x0) - region.x0), Math.min(width, Math.round(b.x1) - region.x0)];
    for (let y = Math.max(0, Math.round(b.y0) - region.y0); y < Math.min(height, Math.round(b.y1) - region.y0); y++) if (x1 > x0) data.fill(255, y * width + x0, y * width + x1);
  }
  return { data, width, height };
}

function inkIn(image: GreyImage, y0: number, y1: number): number {
  let n = 0;
  for (let i = y0 * image.width; i < y1 * image.width; i++) if (image.data[i]! < INK_BELOW) n++;
  return n;
}

async function readCrop(image: GreyImage, top: number, height: number, segmentation: 'block' | 'line', ctx: Pick<PipelineContext, 'ocr' | 'signal'>): Promise<OcrLine[]> {
  const crop = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .extract({ left: 0, top, width: image.width, height })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return (await ctx.ocr().recognize(crop, { signal: ctx.signal, segmentation })).lines;
}

/** The line moved from crop to page pixels, its marks cut off; null when nothing legible is left. */
function placed(line: OcrLine, dx: number, dy: number): OcrLine | null {
  const trimmed = trimMarks({ ...line, bbox: shift(line.bbox, dx, dy), words: line.words.map((w) => ({ ...w, bbox: shift(w.bbox, dx, dy) })) });
  if (!trimmed || !isLegibleLine(trimmed) || printed(trimmed) < MIN_REREAD_CHARACTERS) return null;
  return trimmed.words.reduce((s, w) => s + w.confidence, 0) / trimmed.words.length >= MIN_REREAD_CONFIDENCE ? trimmed : null;
}

/**
 * `page` is the page as OCR read it, decoded; `lines` what it read; `frames` the received-stamp
 * frames found on it. Returns the lines found in addition.
 */
export async function readUnreadInk(page: GreyImage, lines: readonly OcrLine[], frames: readonly BBox[], ctx: Pick<PipelineContext, 'ocr' | 'signal'>): Promise<UnreadInkReading> {
  const regions = findUnreadInk(page, lines, frames);
  const lineHeight = medianWordHeight(lines);
  const candidates: OcrLine[] = [];
  for (const region of regions) {
    const image = cutOut(page, region, frames);
    const found: OcrLine[] = [];
    for (const line of await readCrop(image, 0, image.height, 'block', ctx)) {
      const kept = placed(line, region.x0, region.y0);
      if (kept) found.push(kept);
    }
    const band = Math.round(BAND_HEIGHTS * lineHeight);
    for (let top = 0; band > 0 && top + band <= image.height; top += Math.max(1, Math.round(lineHeight / 2))) {
      const [y0, y1] = [region.y0 + top, region.y0 + top + band];
      // A row the block reading already gave a line for is not read twice.
      const covered = found.some((l) => Math.min(y1, l.bbox.y1) - Math.max(y0, l.bbox.y0) > lineHeight / 2);
      if (covered || inkIn(image, top, top + band) < MIN_BAND_INK * lineHeight * lineHeight) continue;
      for (const line of await readCrop(image, top, band, 'line', ctx)) {
        const kept = placed(line, region.x0, y0);
        if (kept) candidates.push(kept);
      }
    }
    candidates.push(...found);
  }
  const added: OcrLine[] = [];
  const readWords = lines.flatMap((l) => l.words);
  for (const line of candidates.sort((a, b) => printed(b) - printed(a) || b.confidence - a.confidence)) {
    // Compared word by word: a mark's tall box at a line's end reaches into the next line of print.
    const again = line.words.filter((w) => readWords.some((other) => overlap(w.bbox, other.bbox) > MAX_OVERLAP * Math.min(area(w.bbox), area(other.bbox))));
    if (again.length * 2 > line.words.length) continue;
    added.push(line);
    readWords.push(...line.words);
  }
  return { lines: added, regions: regions.length };
}
