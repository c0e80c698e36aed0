/**
 * Stage 3 for one page: OCR a page image and put its lines in reading order (ocr/order-reading.ts). A page whose OCR fails or times out is kept as
 * skipped with the reason, so its document still completes.
 */
import type { Page, PageTask } from '../core/contracts';
import { describeError } from '../core/errors';
import { isLegibleLine } from '../ocr/judge-legibility';
import { orderReading, readingText } from '../ocr/order-reading';
import { readUnreadInk } from './read-unread-ink';
import type { PipelineContext } from './context';

/** `image` is the page as kept: one grey channel, PNG or JPEG, its resolution recorded. */
export async function recognizePage(filename: string, task: PageTask, image: Buffer, ctx: PipelineContext): Promise<Page> {
  const base = { number: task.number, imageRef: task.imageRef, width: task.width, height: task.height, dpi: task.dpi, textSource: 'ocr' as const, route: task.route };
  try {
    const result = await ctx.ocr().recognize(image, { signal: ctx.signal });
    const legible = result.lines.filter(isLegibleLine);
    const reread = await readUnreadInk(image, legible, ctx);
    // Tesseract reads the template's side-by-side zones straight across: the layout orders them.
    const lines = orderReading([...legible, ...reread.lines]);
    const blocks = new Set(lines.map((l) => l.block)).size;
    const layout = `layout: ${blocks} blocks, ${result.lines.length - legible.length} illegible lines left out, ${reread.lines.length} lines read again from ${reread.regions} regions of unread ink`;
    return { ...base, route: `${task.route}; ${layout}`, text: readingText(lines), lines, meanConfidence: result.meanConfidence, skipped: null };
  } catch (error) {
    const reason = describeError(error);
    ctx.logger.warn(`${filename}: page ${task.number} skipped: ${reason}`);
    return { ...base, text: '', lines: [], meanConfidence: null, skipped: reason };
  }
}
