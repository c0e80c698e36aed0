/**
 * One behaviour for every OcrEngine: the fixture scan read right, words with boxes inside their
 * lines and the page, confidences on 0-100 with the page's mean their mean, a crop read as one
 * block, pages read at once the same as one at a time, a closed engine refusing work. And, for
 * two engines given the same model, the same words, boxes and confidences within tolerance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { OcrLine } from '../../core/contracts';
import { characterErrorRate } from '../../core/text-metrics';
import type { OcrEngine, OcrPageResult } from '../../ocr/ocr-engine';
import { FIXTURES } from '../helpers/cli';

const PAGE = readFileSync(join(FIXTURES, 'scan-page.png'));
const TRUTH = readFileSync(join(FIXTURES, 'scan-source.txt'), 'utf8').normalize('NFC');
const textOf = (lines: OcrLine[]) => lines.map((l) => l.text).join('\n');

export function describeOcrEngine(name: string, make: () => OcrEngine): void {
  describe(`OcrEngine conformance: ${name}`, () => {
    let engine: OcrEngine;
    let page: OcrPageResult;
    beforeAll(async () => {
      engine = make();
      page = await engine.recognize(PAGE);
    }, 120_000);
    afterAll(async () => {
      await engine.close();
    });

    it('names itself and its model, and says how many pages it reads at once', () => {
      expect(engine.name.length).toBeGreaterThan(0);
      expect(engine.model).toMatch(/vie/);
      expect(engine.parallelism).toBeGreaterThanOrEqual(1);
    });

    it('reads the fixture scan', () => {
      expect(characterErrorRate(textOf(page.lines), TRUTH)).toBeLessThan(0.02);
    });

    it('gives every word a box inside its line and the page, and a confidence on 0-100 whose mean is the page mean', async () => {
      const { width, height } = await sharp(PAGE).metadata();
      const words = page.lines.flatMap((l) => l.words);
      expect(words.length).toBeGreaterThan(100);
      for (const line of page.lines) {
        expect(line.text.trim()).toBe(line.words.map((w) => w.text).join(' '));
        expect(line.confidence).toBeGreaterThanOrEqual(0);
        expect(line.confidence).toBeLessThanOrEqual(100);
        for (const word of line.words) {
          const { x0, y0, x1, y1 } = word.bbox;
          expect(x0 < x1 && y0 < y1 && x0 >= 0 && y0 >= 0 && x1 <= width! && y1 <= height!).toBe(true);
          expect(x0 >= line.bbox.x0 - 2 && x1 <= line.bbox.x1 + 2 && y0 >= line.bbox.y0 - 2 && y1 <= line.bbox.y1 + 2).toBe(true);
          expect(word.confidence).toBeGreaterThanOrEqual(0);
          expect(word.confidence).toBeLessThanOrEqual(100);
        }
      }
      expect(page.meanConfidence).toBeCloseTo(words.reduce((s, w) => s + w.confidence, 0) / words.length, 6);
      expect(page.meanConfidence!).toBeGreaterThan(80);
    });

    it('reads a crop of one line as one block', async () => {
      const line = page.lines[2]!;
      const pad = 20;
      const crop = await sharp(PAGE)
        .extract({ left: Math.max(0, line.bbox.x0 - pad), top: Math.max(0, line.bbox.y0 - pad), width: line.bbox.x1 - line.bbox.x0 + 2 * pad, height: line.bbox.y1 - line.bbox.y0 + 2 * pad })
        .png()
        .toBuffer();
      const block = await engine.recognize(crop, { segmentation: 'block' });
      expect(block.lines).toHaveLength(1);
      expect(characterErrorRate(block.lines[0]!.text, line.text)).toBeLessThan(0.05);
    }, 60_000);

    it('reads pages at once as it reads them one at a time', async () => {
      const half = await sharp(PAGE).extract({ left: 0, top: 0, width: 2480, height: 1754 }).png().toBuffer();
      const alone = await engine.recognize(half);
      const together = await Promise.all([engine.recognize(half), engine.recognize(PAGE), engine.recognize(half)]);
      expect(textOf(together[0]!.lines)).toBe(textOf(alone.lines));
      expect(textOf(together[2]!.lines)).toBe(textOf(alone.lines));
      expect(textOf(together[1]!.lines)).toBe(textOf(page.lines));
    }, 120_000);

    it('refuses work once closed, and closes twice without harm', async () => {
      const other = make();
      await other.close();
      await other.close();
      await expect(other.recognize(PAGE)).rejects.toThrow(/closed/i);
    });
  });
}

/** Two engines given the same trained data agree on words, boxes and confidences. */
export function describeSameReading(names: [string, string], make: () => [OcrEngine, OcrEngine]): void {
  describe(`OcrEngine conformance: ${names[0]} and ${names[1]} read alike with the same model`, () => {
    it('gives the same words, boxes within a few pixels and confidences within a few points', async () => {
      const [a, b] = make();
      try {
        const [readA, readB] = await Promise.all([a.recognize(PAGE), b.recognize(PAGE)]);
        const wordsA = readA.lines.flatMap((l) => l.words);
        const wordsB = readB.lines.flatMap((l) => l.words);
        expect(characterErrorRate(textOf(readA.lines), textOf(readB.lines))).toBeLessThan(0.005);
        // Each word of one engine against the other's word at the same place.
        const centre = (w: (typeof wordsA)[number]) => [(w.bbox.x0 + w.bbox.x1) / 2, (w.bbox.y0 + w.bbox.y1) / 2] as const;
        let matched = 0;
        let boxError = 0;
        let confidenceError = 0;
        for (const word of wordsA) {
          const [cx, cy] = centre(word);
          const twin = wordsB.find((w) => w.text === word.text && Math.abs(centre(w)[0] - cx) < 10 && Math.abs(centre(w)[1] - cy) < 10);
          if (!twin) continue;
          matched++;
          boxError += Math.max(...(['x0', 'y0', 'x1', 'y1'] as const).map((k) => Math.abs(twin.bbox[k] - word.bbox[k])));
          confidenceError += Math.abs(twin.confidence - word.confidence);
        }
        expect(matched / wordsA.length).toBeGreaterThan(0.98);
        expect(Math.abs(wordsA.length - wordsB.length)).toBeLessThanOrEqual(wordsA.length * 0.02);
        expect(boxError / matched).toBeLessThan(3);
        expect(confidenceError / matched).toBeLessThan(5);
        expect(Math.abs(readA.meanConfidence! - readB.meanConfidence!)).toBeLessThan(3);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    }, 180_000);
  });
}
