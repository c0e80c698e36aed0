/**
 * Fault suite: files whose pages once stalled a run or failed without naming themselves. A PDF
 * that shows one image on several pages never finished splitting (pdf.js left the request for
 * the shared image unsettled and the run ended with nothing done); a 5,000-frame TIFF had no
 * cap; a huge PDF page failed in the renderer with "Create skia surface failed".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { InputError } from '../../core/errors';
import type { PipelineContext } from '../../pipeline/context';
import { loadPages } from '../../pipeline/load-pages';
import { FIXTURES } from '../helpers/cli';

const ctx = { limits: { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 }, ocrMode: 'auto', preprocess: [] } as unknown as PipelineContext;
const file = (name: string, mime: 'application/pdf' | 'image/tiff', bytes: Buffer) => ({ path: name, filename: name, documentId: 'ab'.repeat(32), mime, bytes });

describe('page inputs that once stalled or failed silently', () => {
  it('splits a PDF whose pages share one scanned image, after a page that had to be rendered', async () => {
    const pdf = await PDFDocument.create();
    const scan = await pdf.embedPng(await readFile(join(FIXTURES, 'scan-page.png')));
    pdf.addPage([841.89, 595.28]).drawImage(scan, { x: 20, y: 20, width: 300, height: 424 }); // landscape sheet: rendered
    for (let n = 0; n < 2; n++) pdf.addPage([595.28, 841.89]).drawImage(scan, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const pages = await loadPages(file('shared-image.pdf', 'application/pdf', Buffer.from(await pdf.save())), ctx);
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(pages[0]!.route).toMatch(/rendered at 300 dpi/);
    for (const page of pages.slice(1)) expect(page.route).toMatch(/embedded 2480x3508 scan/);
  }, 60_000);

  it('refuses a TIFF with more frames than the page limit, naming the file', async () => {
    const tiff = await readFile(join(FIXTURES, 'scan-two-pages.tif'));
    const capped = { ...ctx, limits: { ...ctx.limits, maxPages: 1 } } as PipelineContext;
    const refused = loadPages(file('many-frames.tif', 'image/tiff', tiff), capped);
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(/many-frames\.tif: 2 frames, over the limit of 1/);
  });

  it('refuses a PDF with more pages than the limit, naming the file', async () => {
    const pdf = await PDFDocument.create();
    for (let n = 0; n < 3; n++) pdf.addPage([100, 100]);
    const capped = { ...ctx, limits: { ...ctx.limits, maxPages: 2 } } as PipelineContext;
    await expect(loadPages(file('many-pages.pdf', 'application/pdf', Buffer.from(await pdf.save())), capped)).rejects.toThrow(/many-pages\.pdf: 3 pages, over the limit of 2/);
  });

  it('refuses a huge scanned PDF page before rendering it, naming the file, the page and the cause', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([14_400, 14_400]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
    await expect(loadPages(file('huge-page.pdf', 'application/pdf', Buffer.from(await pdf.save())), ctx)).rejects.toThrow(
      /huge-page\.pdf: page 1 \(200x200 in\) renders at 300 dpi to 3,600,000,000 pixels, more than the limit of 100,000,000/,
    );
  });
});
