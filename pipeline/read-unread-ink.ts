/**
 * Stage 3b for a scanned page: read again, each from its own crop and as one block of text, the
 * regions of ink the page's OCR left unread (print under a seal, a title beside a stamp; see
 * ocr/find-unread-ink.ts). Lines that come back illegible (the seal's rim, the signature) are
 * left out; lines that repeat print already read are not added twice.
 */
import sharp from 'sharp';
import type { BBox, OcrLine } from '../core/contracts';
import { findUnreadInk } from '../ocr/find-unread-ink';
import type { GreyImage } from '../ocr/grey-image';
import { isLegibleLine } from '../ocr/judge-legibility';
import type { PipelineContext } from './context';

/** A line re-read over this share of its box where a line was already read repeats it. */
const MAX_OVERLAP = 0.3;

const area = (b: BBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
const overlap = (a: BBox, b: BBox) => area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
const shift = (b: BBox, dx: number, dy: number): BBox => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });

export interface UnreadInkReading {
  lines: OcrLine[];
  regions: number;
}

/** `page` is the page as OCR read it, decoded; `lines` what it read. Returns the lines found in addition. */
export async function readUnreadInk(page: GreyImage, lines: readonly OcrLine[], ctx: Pick<PipelineContext, 'ocr' | 'signal'>): Promise<UnreadInkReading> {
  const regions = findUnreadInk(page, lines);
  const found: OcrLine[] = [];
  for (const region of regions) {
    const crop = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
      .extract({ left: region.x0, top: region.y0, width: region.x1 - region.x0, height: region.y1 - region.y0 })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const result = await ctx.ocr().recognize(crop, { signal: ctx.signal, segmentation: 'block' });
    for (const line of result.lines) {
      const placed: OcrLine = {
        ...line,
        bbox: shift(line.bbox, region.x0, region.y0),
        words: line.words.map((w) => ({ ...w, bbox: shift(w.bbox, region.x0, region.y0) })),
      };
      if (!isLegibleLine(placed)) continue;
      const repeats = [...lines, ...found].some((other) => overlap(placed.bbox, other.bbox) > MAX_OVERLAP * area(placed.bbox));
      if (!repeats) found.push(placed);
    }
  }
  return { lines: found, regions: regions.length };
}
