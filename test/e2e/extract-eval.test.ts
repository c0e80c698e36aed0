/** `sohoa extract --eval` against the shared gold catalogue, on the garbled OCR and its clean text. */
import { join } from 'node:path';
import { FIXTURES, runCli } from '../helpers/cli';

interface Score {
  doc: string;
  gold: number;
  matched: number;
  recall: number;
  precision: number;
  key: { hits: number; total: number };
}

describe('extraction evaluated against the gold catalogue', () => {
  let scores: Score[];
  beforeAll(async () => {
    const gold = join(FIXTURES, 'gold');
    const result = await runCli(['extract', '--json', '--eval', join(gold, 'indicators.json'), join(gold, '000_da7100ae5e4971d0.txt'), join(gold, '002_ce3978a132362554.txt')]);
    if (result.code !== 0) throw new Error(result.stderr);
    scores = JSON.parse(result.stdout) as Score[];
  });

  it('scores every gold mention of each document', () => {
    expect(scores.map((s) => [s.doc, s.gold])).toEqual([
      ['000_da7100ae5e4971d0', 62],
      ['002_ce3978a132362554', 62],
    ]);
  });

  it('finds as many values in the garbled OCR (spans mapped back through restoration) as in the clean text', () => {
    const [garbled, clean] = scores;
    expect(Math.abs(garbled!.matched - clean!.matched)).toBeLessThanOrEqual(2);
  });

  it('does not fall below the measured recall and precision', () => {
    // Measured 90-92% recall and 90-93% precision on these two; targets are 97% and 95%.
    // Key accuracy: 88% on the clean text, 57% on the garbled OCR (target 90% on both).
    for (const s of scores) {
      expect(s.recall).toBeGreaterThanOrEqual(0.88);
      expect(s.precision).toBeGreaterThanOrEqual(0.88);
    }
    expect(scores[1]!.key.hits / scores[1]!.key.total).toBeGreaterThanOrEqual(0.85);
  });
});
