/**
 * One page image to text in reading order: OCR, illegible lines (seal rims, signatures, scribbles)
 * left out, received-stamp frames found, unread ink outside them read again from its crops, the
 * text inside the frames left out, then the layout's blocks and order.
 */
import sharp from 'sharp';
import type { BBox, OcrLine } from '../core/contracts';
import { findStampFrames } from '../ocr/find-stamp-frames';
import { toGrey } from '../ocr/grey-image';
import { medianWordHeight } from '../ocr/median-word-height';
import { isLegibleLine } from '../ocr/judge-legibility';
import { orderReading, readingText } from '../ocr/order-reading';
import type { PipelineContext } from './context';
import { readUnreadInk } from './read-unread-ink';

export interface PageReading {
  text: string;
  lines: OcrLine[];
  meanConfidence: number | null;
  /** What the layout did, for the page's route. */
  layout: string;
  /** The lines OCR read that are not in the text, and why: for evaluations that ask where a line went. */
  leftOut: Array<{ line: OcrLine; reason: 'illegible' | 'stamp frame' }>;
}

/** The line's centre lies inside the frame. */
const holds = (frame: BBox, line: BBox) => {
  const [x, y] = [(line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2];
  return x > frame.x0 && x < frame.x1 && y > frame.y0 && y < frame.y1;
};

export async function readPage(image: Buffer, ctx: Pick<PipelineContext, 'ocr' | 'signal'>): Promise<PageReading> {
  const result = await ctx.ocr().recognize(image, { signal: ctx.signal });
  const legible = result.lines.filter(isLegibleLine);
  const illegible = result.lines.filter((line) => !legible.includes(line));
  const page = await toGrey(sharp(image));
  const frames = findStampFrames(page, medianWordHeight(legible));
  const reread = await readUnreadInk(page, legible, frames, ctx);
  const read = [...legible, ...reread.lines];
  const printed = read.filter((line) => !frames.some((frame) => holds(frame, line.bbox)));
  const stamped = read.filter((line) => !printed.includes(line));
  // Tesseract reads the template's side-by-side zones straight across: the layout orders them.
  const lines = orderReading(printed);
  const blocks = new Set(lines.map((l) => l.block)).size;
  return {
    text: readingText(lines),
    lines,
    meanConfidence: result.meanConfidence,
    leftOut: [...illegible.map((line) => ({ line, reason: 'illegible' as const })), ...stamped.map((line) => ({ line, reason: 'stamp frame' as const }))],
    layout: `layout: ${blocks} blocks, ${result.lines.length - legible.length} illegible lines left out, ${reread.lines.length} lines read again from ${reread.regions} regions of unread ink, ${read.length - printed.length} lines in ${frames.length} stamp frames left out`,
  };
}
