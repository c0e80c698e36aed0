/**
 * Real scans: four real 2026 first pages (test/fixtures/real-scans, copied from shared/real-scans:
 * 200 dpi, mostly 1-bit, seals, received-stamps, signatures, handwriting) read through sohoa's own
 * path with real tesseract.js and the vie data, against their corrected transcriptions. Asserts
 * the template's zones come out as separate blocks in reading order, that no body line of the
 * transcription is lost, and that no stamp text or scribble is read into the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStageRuntime, type StageRuntime } from '../../app/create-app';
import { resolveConfig } from '../../core/config';
import type { Page } from '../../core/contracts';
import { fold } from '../../core/fold';
import { silentLogger } from '../../core/logger';
import { characterErrorRate } from '../../core/text-metrics';
import { attributeReadingErrors } from '../../ocr/attribute-reading-errors';
import { renderHocr } from '../../ocr/render-hocr';
import { ingestFile } from '../../pipeline/ingest-file';
import { loadPages } from '../../pipeline/load-pages';
import { recognizePages } from '../../pipeline/recognize-pages';
import { FIXTURES } from '../helpers/cli';

const DIR = join(FIXTURES, 'real-scans');
const names = readdirSync(join(DIR, 'pages')).map((f) => f.replace(/\.png$/, '')).sort();
const truthOf = (name: string) => readFileSync(join(DIR, 'gt', `${name}.txt`), 'utf8').normalize('NFC');
/** Paragraphs of the transcription (one line each): the body, as against headings and signatures. */
const BODY_LINE_CHARS = 60;

let app: StageRuntime;
const read = new Map<string, Page>();

beforeAll(async () => {
  app = createStageRuntime(resolveConfig({ ephemeral: true, ocrWorkers: 2 }), silentLogger);
  await Promise.all(
    names.map(async (name) => {
      const file = await ingestFile(join(DIR, 'pages', `${name}.png`), app.ctx);
      const [page] = await recognizePages(file, await loadPages(file, app.ctx), app.ctx);
      read.set(name, page!);
    }),
  );
}, 240_000);
afterAll(async () => {
  await app?.close();
});

/** The OCR line closest to a transcription line, if one is close at all. */
function lineLike(page: Page, text: string): number {
  let best = -1;
  let bestRate = 0.3;
  page.lines.forEach((line, i) => {
    const rate = characterErrorRate(line.text, text);
    if (rate < bestRate) [best, bestRate] = [i, rate];
  });
  return best;
}

describe.each(names)('real first page %s', (name) => {
  it('reads the issuer and the national motto as two blocks, issuer first, neither interleaved with the other', () => {
    const page = read.get(name)!;
    // The issuer heads the left column; the national motto (fixed by law) heads the right one.
    const truth = truthOf(name).split('\n');
    const [issuer, motto] = [truth[0]!, truth.find((l) => fold(l).startsWith('cong hoa xa hoi'))!];
    const [i, m] = [lineLike(page, issuer), lineLike(page, motto)];
    expect(i).toBeGreaterThanOrEqual(0);
    expect(m).toBeGreaterThanOrEqual(0);
    const [issuerBlock, mottoBlock] = [page.lines[i]!.block!, page.lines[m]!.block!];
    expect(issuerBlock).toBeLessThan(mottoBlock);
    const order = page.lines.map((l) => l.block!);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(renderHocr([page], name).match(/class="ocr_carea"/g)!.length).toBe(new Set(order).size);
  });

  it('loses no body line of the transcription and reads no stamp or scribble into the text', () => {
    const page = read.get(name)!;
    const errors = attributeReadingErrors(page.text.split('\n'), truthOf(name));
    const body = errors.referenceLines.filter((l) => l.text.length >= BODY_LINE_CHARS);
    expect(body.length).toBeGreaterThan(0);
    expect(body.filter((l) => l.covered < 0.9).map((l) => l.text)).toEqual([]);
    // Short lines too (headings, a title beside a scribble, a signature title under the seal): at
    // most one per page still lost, the print under a received-stamp's letters or a seal's ring.
    expect(errors.referenceLines.filter((l) => l.covered < 0.5).length).toBeLessThanOrEqual(1);
    expect(errors.extraLines / errors.referenceChars).toBeLessThan(0.015);
  });
});
