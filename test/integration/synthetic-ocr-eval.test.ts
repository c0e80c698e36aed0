/**
 * Threshold (c) of the diacritics model: held-out text rendered to a page, read back with
 * Tesseract's English data (real tesseract.js OCR) and restored, scored against the source.
 */
import { join } from 'node:path';
import { silentLogger } from '../../core/logger';
import { evaluateModel } from '../../diacritics/evaluate-model';
import { DEFAULT_MODEL_DIR } from '../../diacritics/load-model';
import { TesseractPool } from '../../ocr/tesseract-pool';
import { FIXTURES, runCli } from '../helpers/cli';

it('restores English-model OCR of held-out administrative text to at least 90%', async () => {
  const engine = new TesseractPool({ language: 'eng', pageSegmentationMode: 6, size: 1 });
  try {
    const [result] = await evaluateModel(
      {
        modelDir: DEFAULT_MODEL_DIR,
        garbled: [],
        synthetic: { files: [join(FIXTURES, 'heldout', '004-report.heldout.txt')], pages: 1, read: async (png) => (await engine.recognize(png)).text },
        sources: [],
        heldOutDocuments: [],
        heldOutSlices: [],
        buildOptions: { toneStyle: 'old', minCount: 2, minBigramCount: 2, minTrigramCount: 2 },
      },
      silentLogger,
    );
    expect(result!.kind).toBe('synthetic');
    expect(result!.report.aligned).toBeGreaterThan(300);
    expect(result!.report.accuracy).toBeGreaterThanOrEqual(0.9);
  } finally {
    await engine.close();
  }
});

it('restores vie OCR of a poorly scanned held-out page better with OCR word confidences, changing almost no syllable OCR read right', async () => {
  // The real entry point: the pipeline's preprocessing and vie OCR pool, then restoration.
  const file = join(FIXTURES, 'heldout', 'legal-vbpl-documents.heldout.txt');
  const result = await runCli(['model', 'eval', '--scanned', file, '--scanned-pages', '1', '--json']);
  expect(result.code).toBe(0);
  const cases = JSON.parse(result.stdout) as Array<{ name: string; kind: string; report: { accuracy: number; aligned: number }; rightChanged?: number }>;
  const [read, alone, withConfidence] = cases;
  expect(cases.map((c) => c.kind)).toEqual(['vie-ocr', 'vie-ocr', 'vie-ocr']);
  expect(read!.name).toContain('as read by vie OCR');
  expect(withConfidence!.name).toContain('with OCR word confidences');
  expect(read!.report.aligned).toBeGreaterThan(400);
  // The page is hard enough that OCR gets some marks wrong, and confidences help mend them.
  expect(read!.report.accuracy).toBeLessThan(0.995);
  expect(withConfidence!.report.accuracy).toBeGreaterThan(read!.report.accuracy + 0.005);
  expect(withConfidence!.report.accuracy).toBeGreaterThan(alone!.report.accuracy);
  expect(withConfidence!.rightChanged).toBeLessThanOrEqual(0.005);
}, 120_000);
