/**
 * Stage 3 for a whole file in one process (the `ocr` and `check` commands): every image page
 * through the engine pool in parallel; text pages pass through.
 */
import type { Page } from '../core/contracts';
import type { PipelineContext } from './context';
import type { IngestedFile } from './ingest-file';
import { textPage, type PageSource } from './load-pages';
import { recognizePage } from './recognize-page';

export async function recognizePages(file: IngestedFile, sources: PageSource[], ctx: PipelineContext): Promise<Page[]> {
  let done = 0;
  const pages = await Promise.all(
    sources.map(async (source): Promise<Page> => {
      if (source.kind === 'text') return textPage(source);
      const imageRef = await ctx.blobs.put(source.image);
      const page = await recognizePage(file.filename, { ...source, imageRef }, source.image, ctx);
      ctx.onProgress?.({ documentId: file.documentId, filename: file.filename, stage: 'ocr', page: ++done, pages: sources.length });
      return page;
    }),
  );
  ctx.logger.debug(`${file.filename}: ${pages.map((p) => `page ${p.number}: ${p.route}`).join('; ')}`);
  return pages;
}
