/**
 * Stage 3 for one page: read a page image (pipeline/read-page.ts: OCR, layout, print under seals).
 * A page whose OCR fails or times out is kept as skipped with the reason, so its document still
 * completes.
 */
import type { Page, PageTask } from '../core/contracts';
import { describeError } from '../core/errors';
import type { PipelineContext } from './context';
import { readPage } from './read-page';

/** `image` is the page as kept: one grey channel, PNG or JPEG, its resolution recorded. */
export async function recognizePage(filename: string, task: PageTask, image: Buffer, ctx: PipelineContext): Promise<Page> {
  const base = { number: task.number, imageRef: task.imageRef, width: task.width, height: task.height, dpi: task.dpi, textSource: 'ocr' as const, route: task.route };
  try {
    const reading = await readPage(image, ctx);
    return { ...base, route: `${task.route}; ${reading.layout}`, text: reading.text, lines: reading.lines, meanConfidence: reading.meanConfidence, skipped: null };
  } catch (error) {
    const reason = describeError(error);
    ctx.logger.warn(`${filename}: page ${task.number} skipped: ${reason}`);
    return { ...base, text: '', lines: [], meanConfidence: null, skipped: reason };
  }
}
