/**
 * `sohoa extract --eval` on annotated documents the extractor was not written for: the development
 * set (tuned on) and the held-out set (only measured). Floors sit a little under the figures
 * measured when they were set, so a change that loses ground fails here; the figures themselves
 * are in the README.
 */
import { join } from 'node:path';
import { FIXTURES, runCli } from '../helpers/cli';

interface Tally {
  hits: number;
  total: number;
}
interface Score {
  doc: string;
  gold: number;
  extracted: number;
  matched: number;
  unit: Tally;
  kind: Tally;
  relations: Tally;
}

async function evaluate(set: string, ...docs: string[]): Promise<Score[]> {
  const result = await runCli(['extract', '--json', '--eval', join(FIXTURES, 'extraction', set), ...docs]);
  if (result.code !== 0) throw new Error(result.stderr);
  const parsed = JSON.parse(result.stdout) as Score[] | { extraction: Score[] };
  return Array.isArray(parsed) ? parsed : parsed.extraction;
}

function pooled(scores: Score[]) {
  const sum = (f: (s: Score) => number) => scores.reduce((n, s) => n + f(s), 0);
  const ratio = (f: (s: Score) => Tally) => sum((s) => f(s).hits) / sum((s) => f(s).total);
  return {
    recall: sum((s) => s.matched) / sum((s) => s.gold),
    precision: sum((s) => s.matched) / sum((s) => s.extracted),
    unit: ratio((s) => s.unit),
    kind: ratio((s) => s.kind),
    relations: ratio((s) => s.relations),
  };
}

describe('extraction on documents it was not written for', () => {
  it('development set: recall, precision, units, kinds and relations hold their ground', async () => {
    const figures = pooled(await evaluate('dev'));
    // With batch 2 (75 documents annotated before any change; 508 quantities, 84 relations in all): 84.4 % recall, 92.1 % precision, 87.6 % units, 90.0 % kinds, 57/84 relations. On the first 150 documents: 84.6 / 96.2 / 90.1 / 87.7 %, 44/55 (before this work: 24.5 / 79.3 / 90.4 / 46.6 %, 0/55).
    expect(figures.recall).toBeGreaterThanOrEqual(0.83);
    expect(figures.precision).toBeGreaterThanOrEqual(0.91);
    expect(figures.unit).toBeGreaterThanOrEqual(0.86);
    expect(figures.kind).toBeGreaterThanOrEqual(0.88);
    expect(figures.relations).toBeGreaterThanOrEqual(0.66);
  });

  it('held-out set (never tuned on): well above the figures before the open grammar', async () => {
    const figures = pooled(await evaluate('heldout'));
    // Measured 78.7 % recall, 84.1 % precision, relations 20/34 (was 77.2 / 84.3 %, 19/34; before this work: 29.2 / 77.6 %, 0/34).
    expect(figures.recall).toBeGreaterThanOrEqual(0.77);
    expect(figures.precision).toBeGreaterThanOrEqual(0.82);
    expect(figures.relations).toBeGreaterThanOrEqual(0.55);
  });

  it('a 12-page plan with a single quantity gives at most two records', async () => {
    const [plan] = await evaluate('dev', 'hanoi_kh_173_festival');
    expect(plan!.gold).toBe(1);
    expect(plan!.matched).toBe(1);
    expect(plan!.extracted).toBeLessThanOrEqual(2);
  });
});
