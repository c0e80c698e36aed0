/** Routing of scanned PDF pages: a whole-page scan is used as it is, anything else is rendered at 300 dpi. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { loadPages } from '../../pipeline/load-pages';
import type { PipelineContext } from '../../pipeline/context';
import { FIXTURES, REPO_ROOT } from '../helpers/cli';

const ctx = { limits: { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 }, ocrMode: 'auto', preprocess: [] } as unknown as PipelineContext;
const pdfFile = (bytes: Buffer) => ({ path: 'test.pdf', filename: 'test.pdf', documentId: 'ab'.repeat(32), mime: 'application/pdf' as const, bytes });

describe('scanned PDF pages', () => {
  it('uses the embedded scan of a whole page at its own resolution, without resampling', async () => {
    const [page] = await loadPages(pdfFile(await readFile(join(REPO_ROOT, 'samples', 'scan-page.pdf'))), ctx);
    expect(page).toMatchObject({ kind: 'image', width: 2480, height: 3508, dpi: 300 });
    expect(page!.route).toMatch(/embedded 2480x3508 scan at 300 dpi, used as it is/);
  });

  it('renders a page at 300 dpi when its image covers only part of it', async () => {
    const pdf = await PDFDocument.create();
    const image = await pdf.embedPng(await readFile(join(FIXTURES, 'scan-page.png')));
    pdf.addPage([841.89, 595.28]).drawImage(image, { x: 20, y: 20, width: 300, height: 424 }); // landscape sheet, portrait scan
    const [page] = await loadPages(pdfFile(Buffer.from(await pdf.save())), ctx);
    expect(page!.route).toMatch(/rendered at 300 dpi/);
    expect(page).toMatchObject({ kind: 'image', height: 2480, dpi: 300 });
    expect(Math.abs(page!.width - 3508)).toBeLessThanOrEqual(1); // 841.89 pt at 300 dpi
  });
});
