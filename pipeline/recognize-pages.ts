/**
 * Stage 3 for a whole file in one process (the `ocr` and `check` commands): every image page
 * cleaned up and read as soon as the engine can take it, a few pages ahead of it (so decoding
 * and clean-up overlap other pages' OCR without holding every page in memory at once); text
 * pages pass through.
 */
import type { Page } from '../core/contracts';
import type { PipelineContext } from './context';
import type { IngestedFile } from './ingest-file';
import { textPage, type PageSource } from './load-pages';
import { recognizePage } from './recognize-page';

/** Pages cleaned up ahead of the engine beyond the ones it reads at once. */
const PAGES_AHEAD = 1;

export async function recognizePages(file: IngestedFile, sources: PageSource[], ctx: PipelineContext): Promise<Page[]> {
  let done = 0;
  const pages: Page[] = new Array(sources.length);
  let next = 0;
  const lane = async () => {
    while (next < sources.length) {
      const i = next++;
      const source = sources[i]!;
      if (source.kind === 'text') {
        pages[i] = textPage(source);
        continue;
      }
      pages[i] = await recognizePage(file.filename, { ...source, imageRef: null }, source.image, ctx);
      ctx.onProgress?.({ documentId: file.documentId, filename: file.filename, stage: 'ocr', page: ++done, pages: sources.length });
    }
  };
  await Promise.all(Array.from({ length: ctx.ocr().parallelism + PAGES_AHEAD }, lane));
  ctx.logger.debug(`${file.filename}: ${pages.map((p) => `page ${p.number}: ${p.route}`).join('; ')}`);
  return pages;
}
