/**
 * Page clean-up in worker threads gives, byte for byte, what clean-up on the calling thread gives,
 * and closes once for all. The threads run the compiled worker: this suite loads the build in
 * dist/ (`npm test` compiles first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { preprocessPage } from '../../pipeline/preprocess-page';
import type { PageCleaner } from '../../pipeline/preprocess-threads';
import { FIXTURES, REPO_ROOT } from '../helpers/cli';

const compiled = join(REPO_ROOT, 'dist', 'pipeline', 'preprocess-threads.js');
if (!existsSync(compiled)) throw new Error(`${compiled} is missing: compile first (npx tsc -p tsconfig.json)`);
const { createPageCleaner } = require(compiled) as { createPageCleaner: (size: number) => PageCleaner };

const ctx = { preprocess: ['normalize', 'orient', 'deskew', 'upscale'] as const, limits: { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 } };

describe('page clean-up threads', () => {
  it('clean pages up as the calling thread does, several at once', async () => {
    const cleaner = createPageCleaner(2);
    try {
      const pages = [
        { image: readFileSync(join(FIXTURES, 'scan-page.png')), dpi: 300, storeAs: 'png' as const },
        { image: readFileSync(join(FIXTURES, 'scan-page.jpg')), dpi: 300, storeAs: 'jpeg' as const },
        { image: readFileSync(join(FIXTURES, 'real-scans', 'pages', 'nq_115_ba_vi-p1.png')), dpi: 200, storeAs: 'png' as const },
      ];
      const threaded = await Promise.all(pages.map((page) => cleaner.clean(page, ctx)));
      for (const [i, page] of pages.entries()) {
        const here = await preprocessPage(page, ctx);
        expect(threaded[i]!.image.equals(here.image)).toBe(true);
        expect(threaded[i]).toMatchObject({ width: here.width, height: here.height, dpi: here.dpi });
        expect(threaded[i]!.summary).toMatch(/^preprocess: normalize/);
      }
      await expect(cleaner.clean({ image: Buffer.from('not an image'), dpi: 300 }, ctx)).rejects.toThrow(/unsupported image format|Input buffer/i);
    } finally {
      await cleaner.close();
      await cleaner.close();
    }
    await expect(cleaner.clean({ image: Buffer.alloc(1), dpi: null }, ctx)).rejects.toThrow(/closed/);
  }, 120_000);
});
