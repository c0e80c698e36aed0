/**
 * Stage 3: OCR every image page through the engine pool (pages run in parallel); text pages
 * pass through. A page whose OCR fails or times out is marked skipped with the reason and
 * the document still completes.
 */
import type { Page } from '../core/contracts';
import { describeError } from '../core/errors';
import type { PipelineContext } from './context';
import type { IngestedFile } from './ingest-file';
import type { PageSource } from './load-pages';

export async function recognizePages(file: IngestedFile, sources: PageSource[], ctx: PipelineContext): Promise<Page[]> {
  let done = 0;
  const pages = await Promise.all(
    sources.map(async (source): Promise<Page> => {
      if (source.kind === 'text') {
        return {
          number: source.number,
          imageRef: null,
          width: source.width,
          height: source.height,
          dpi: null,
          textSource: source.textSource,
          route: source.route,
          text: source.text,
          lines: [],
          meanConfidence: null,
          skipped: null,
        };
      }
      const imageRef = await ctx.blobs.put(source.png);
      const base = { number: source.number, imageRef, width: source.width, height: source.height, dpi: source.dpi, textSource: 'ocr' as const, route: source.route };
      try {
        const result = await ctx.ocr().recognize(source.png, { signal: ctx.signal });
        ctx.onProgress?.({ documentId: file.documentId, filename: file.filename, stage: 'ocr', page: ++done, pages: sources.length });
        return { ...base, text: result.text, lines: result.lines, meanConfidence: result.meanConfidence, skipped: null };
      } catch (error) {
        const reason = describeError(error);
        ctx.logger.warn(`${file.filename}: page ${source.number} skipped: ${reason}`);
        return { ...base, text: '', lines: [], meanConfidence: null, skipped: reason };
      }
    }),
  );
  ctx.logger.debug(`${file.filename}: ${pages.map((p) => `page ${p.number}: ${p.route}`).join('; ')}`);
  return pages;
}
