/**
 * Threshold (c) of the diacritics model: held-out text rendered to a page, read back with
 * Tesseract's English data (real tesseract.js OCR) and restored, scored against the source.
 */
import { join } from 'node:path';
import { silentLogger } from '../../core/logger';
import { evaluateModel } from '../../diacritics/evaluate-model';
import { DEFAULT_MODEL_DIR } from '../../diacritics/load-model';
import { TesseractPool } from '../../ocr/tesseract-pool';
import { FIXTURES } from '../helpers/cli';

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
