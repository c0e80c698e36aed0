/**
 * Stage 3 for one page: clean up the page image as found (pipeline/preprocess-page.ts), keep the
 * cleaned page, and read it (pipeline/read-page.ts: OCR, layout, print under seals). Cleaning up
 * here, in the page's own job, lets each page start as soon as it exists, beside other pages' OCR.
 * A page whose image cannot be decoded, or whose OCR fails or times out, is kept as skipped with
 * the reason, so its document still completes.
 */
import type { Page, PageTask } from '../core/contracts';
import { describeError } from '../core/errors';
import { storedImageMime } from '../ocr/grey-image';
import type { PipelineContext } from './context';
import { preprocessPage } from './preprocess-page';
import { readPage } from './read-page';

/** A planned page: its image as found, where it is stored when it is (null: not kept yet), and how it got here. */
export type PlannedPage = Omit<PageTask, 'imageRef'> & { imageRef: string | null };

/** `source` is the page image as found: JPEG, PNG or TIFF, not yet cleaned up. */
export async function recognizePage(filename: string, task: PlannedPage, source: Buffer, ctx: PipelineContext): Promise<Page> {
  let base: Omit<Page, 'text' | 'lines' | 'meanConfidence' | 'skipped'> = {
    number: task.number,
    imageRef: task.imageRef,
    width: task.width,
    height: task.height,
    dpi: task.dpi,
    textSource: 'ocr',
    route: task.route,
  };
  try {
    // A JPEG scan is kept as JPEG (a PNG of it is several times the size); anything else as PNG.
    const page = { image: source, dpi: task.dpi, storeAs: storedImageMime(source) === 'image/jpeg' ? ('jpeg' as const) : ('png' as const) };
    const clean = await (ctx.cleaner ? ctx.cleaner.clean(page, ctx) : preprocessPage(page, ctx)).catch((error: unknown) => {
      throw new Error(`cannot decode the page image: ${(error as Error).message}`, { cause: error });
    });
    const engine = ctx.ocr();
    const route = `${task.route}; ${clean.summary}; ocr: ${engine.name}, ${engine.model}`;
    base = { ...base, imageRef: await ctx.blobs.put(clean.image), width: clean.width, height: clean.height, dpi: clean.dpi, route };
    const reading = await readPage(clean.image, ctx);
    return { ...base, route: `${base.route}; ${reading.layout}`, text: reading.text, lines: reading.lines, meanConfidence: reading.meanConfidence, skipped: null };
  } catch (error) {
    const reason = describeError(error);
    ctx.logger.warn(`${filename}: page ${task.number} skipped: ${reason}`);
    return { ...base, text: '', lines: [], meanConfidence: null, skipped: reason };
  }
}
