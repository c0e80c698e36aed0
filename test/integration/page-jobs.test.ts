/**
 * A scanned PDF through the document jobs on the embedded queue, with each OCR engine: the split
 * only finds the pages (each page's scan is planned as stored, a CCITT G4 TIFF, never decoded
 * there), and each page's own job cleans it up, keeps the cleaned page and reads it, its route
 * naming every step and the engine with its model.
 */
import { join } from 'node:path';
import { createApp } from '../../app/create-app';
import { resolveConfig } from '../../core/config';
import { silentLogger } from '../../core/logger';
import { sniffMime } from '../../core/sniff-mime';
import { FIXTURES } from '../helpers/cli';

describe.each([
  ['wasm', /ocr: tesseract\.js, vie 4\.0\.0_best_int from @tesseract\.js-data\/vie/],
  ['native', /ocr: native tesseract [\d.]+, vie from \S+vie\.traineddata/],
] as const)('page jobs with the %s engine', (engine, named) => {
  it('plans the scans as stored and cleans each page up in its own job', async () => {
    const config = resolveConfig({ ephemeral: true, queue: 'embedded', ocrWorkers: 2, ocrEngine: engine }, {});
    const app = await createApp(config, silentLogger);
    try {
      const outcome = (await app.processFiles([join(FIXTURES, 'real-scans', 'scans', 'nq_115_ba_vi.pdf')]))[0]!;
      if (outcome.state !== 'completed') throw new Error(outcome.error);
      const documentId = outcome.result.results.document.id;
      const tasks = await app.repo.getPageTasks(documentId);
      const pages = await app.repo.getPages(documentId);
      expect(tasks.map((t) => t.number)).toEqual([1, 2]);
      for (const task of tasks) {
        expect(sniffMime(await app.blobs.get(task.imageRef))).toBe('image/tiff');
        expect(task.route).toMatch(/CCITT G4 1-bit/);
        const page = pages.find((p) => p.number === task.number)!;
        expect(page.skipped).toBeNull();
        expect(page.imageRef).not.toBe(task.imageRef);
        expect(sniffMime(await app.blobs.get(page.imageRef!))).toBe('image/png');
        expect(page.route.startsWith(task.route)).toBe(true);
        expect(page.route).toMatch(/; preprocess: normalize .*; ocr: /);
        expect(page.route).toMatch(named);
      }
      expect(pages[0]!.text).toMatch(/NGHỊ QUYẾT/);
    } finally {
      await app.close();
    }
  }, 180_000);
});
