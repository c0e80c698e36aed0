/** `sohoa ocr <file>`: pages and OCR only, printed as text, JSON, hOCR, ALTO or a searchable PDF/A. */
import { resolve } from 'node:path';
import { createStageRuntime } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { InputError } from '../../core/errors';
import { joinParagraphs } from '../../ocr/join-paragraphs';
import { renderAlto } from '../../ocr/render-alto';
import { renderHocr } from '../../ocr/render-hocr';
import { ingestFile } from '../../pipeline/ingest-file';
import { loadPages } from '../../pipeline/load-pages';
import { recognizePages } from '../../pipeline/recognize-pages';
import { PAGE_SEPARATOR } from '../../pipeline/restore-text';
import { hasScannedPages } from '../../pipeline/write-outputs';
import { EXIT_OK } from '../exit-codes';

export type OcrFormat = 'text' | 'json' | 'hocr' | 'alto' | 'pdf';

export async function ocrCommand(path: string, format: OcrFormat, config: AppConfig, logger: Logger): Promise<number> {
  const app = createStageRuntime({ ...config, ephemeral: true }, logger);
  try {
    const file = await ingestFile(resolve(path), app.ctx);
    const pages = await recognizePages(file, await loadPages(file, app.ctx), app.ctx);
    if (format === 'json') {
      process.stdout.write(JSON.stringify({ document: { id: file.documentId, filename: file.filename, mime: file.mime }, pages }, null, 2) + '\n');
    } else if (format === 'pdf') {
      if (!hasScannedPages(pages)) throw new InputError('BAD_INPUT', path, 'no scanned page to make searchable (text pages are searchable already)');
      const { renderSearchablePdf } = await import('../../ocr/render-searchable-pdf.js');
      process.stdout.write(await renderSearchablePdf(pages, (ref) => app.ctx.blobs.get(ref), file.filename));
    } else if (format === 'hocr') {
      process.stdout.write(renderHocr(pages, file.filename));
    } else if (format === 'alto') {
      process.stdout.write(renderAlto(pages, file.filename));
    } else {
      // Read as text, a paragraph is one line; the lines and boxes stay in the other formats.
      process.stdout.write(pages.map((p) => (p.lines.length ? joinParagraphs(p.lines) : p.text)).join(PAGE_SEPARATOR));
    }
  } finally {
    await app.close();
  }
  return EXIT_OK;
}
