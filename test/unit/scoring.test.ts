import type { Indicator } from '../../core/contracts';
import { loadRubric, parseRubric } from '../../scoring/rubric';
import { scoreIndicators } from '../../scoring/score-indicators';

function indicator(partial: Partial<Indicator>): Indicator {
  return {
    key: 'unclassified', value: 0, denominator: null, unit: null, qualifier: null, percent: null, year: 2020, province: 'Gia Lai',
    entity: null, level: null, phrase: '', valueText: '', span: [0, 0], page: 1, confidence: 0.8, flags: [], reviewState: 'pending',
    ...partial,
  };
}

describe('scoring', () => {
  it('scores a ratio as tỷ lệ × điểm tối đa and explains it', async () => {
    const rubric = await loadRubric();
    const score = scoreIndicators(
      [indicator({ key: 'videoconf.communes_connected', value: 184, denominator: 220, percent: 83.64, valueText: '184/220' })],
      rubric,
      { entity: 'Gia Lai', year: 2020 },
    );
    const criterion = score.criteria.find((c) => c.indicatorKey === 'videoconf.communes_connected')!;
    expect(criterion.points).toBeCloseTo(8.36, 2);
    expect(criterion.explanation).toContain('184/220');
    expect(score.coverage).toBeGreaterThan(0);
    expect(score.coverage).toBeLessThan(1);
  });

  it('never scores a target or a rejected value', async () => {
    const rubric = await loadRubric();
    const score = scoreIndicators(
      [
        indicator({ key: 'admin_procedures.on_time_rate_pct', value: 100, percent: 100, flags: ['target'] }),
        indicator({ key: 'eforms.units_using_pct', value: 100, percent: 100, reviewState: 'rejected' }),
      ],
      rubric,
      { entity: 'Gia Lai', year: 2020 },
    );
    expect(score.total).toBe(0);
    expect(score.criteria.every((c) => c.missing)).toBe(true);
  });

  it('names the field of an invalid rubric', () => {
    expect(() => parseRubric({ name: 'x', version: '1', groups: [{ id: '1', name: 'g', criteria: [{ id: 'c', name: 'n', keys: [], function: 'ratio', maxPoints: 1 }] }] }, 'bad.json'))
      .toThrow(/bad.json: rubric field groups.0.criteria.0.keys/);
  });
});
