/** Scoring: each function, rubric validation, missing-data policies, rankings, series, and Gia Lai 2020/2021 from the seeds. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Indicator } from '../../core/contracts';
import { extractText } from '../../pipeline/extract-text';
import { checkConsistency } from '../../scoring/check-consistency';
import { loadRubric, parseRubric, parseRubricText, type Rubric } from '../../scoring/rubric';
import { scoreEntities, scoreReportCsv } from '../../scoring/score-entities';
import { scoreIndicators } from '../../scoring/score-indicators';
import { FIXTURES } from '../helpers/cli';

function indicator(partial: Partial<Indicator>): Indicator {
  return {
    key: 'k', kind: 'value', value: 0, denominator: null, unit: null, qualifier: null, percent: null, year: 2020, province: 'Gia Lai',
    entity: null, level: null, phrase: '', valueText: '', span: [0, 0], page: 1, confidence: 0.8, flags: [], reviewState: 'pending',
    ...partial,
  };
}

const rubricWith = (criteria: unknown[], extra: Record<string, unknown> = {}): Rubric =>
  parseRubric({ name: 't', version: '1', groups: [{ id: 'g', name: 'g', criteria }], ...extra }, 'test');

const pointsOf = (criterion: Record<string, unknown>, record: Partial<Indicator>) =>
  scoreIndicators([indicator({ key: 'k', ...record })], rubricWith([{ id: 'c', name: 'c', keys: ['k'], maxPoints: 10, ...criterion }]), { entity: 'Gia Lai', year: 2020 }).criteria[0]!;

describe('scoring functions', () => {
  it('ratio: tỷ lệ × điểm tối đa, from a percentage or a fraction', () => {
    expect(pointsOf({ function: 'ratio' }, { value: 184, denominator: 220, unit: 'xã' }).points).toBe(8.36);
    expect(pointsOf({ function: 'ratio' }, { value: 98.98, unit: '%' }).points).toBe(9.9);
  });

  it('inverse-ratio: less is better', () => {
    expect(pointsOf({ function: 'inverse-ratio' }, { value: 4127, denominator: 403086, unit: 'hồ sơ' }).points).toBe(9.9);
  });

  it('target: the value against a target, capped', () => {
    expect(pointsOf({ function: 'target', target: 500 }, { value: 349, unit: 'dịch vụ' }).points).toBe(6.98);
    expect(pointsOf({ function: 'target', target: 500 }, { value: 1069, unit: 'dịch vụ' }).points).toBe(10);
  });

  it('goalposts: linear between min and max, clamped', () => {
    expect(pointsOf({ function: 'goalposts', min: 1e9, max: 11e9 }, { value: 6e9, unit: 'VND' }).points).toBe(5);
    expect(pointsOf({ function: 'goalposts', min: 1e9, max: 11e9 }, { value: 5e8, unit: 'VND' }).points).toBe(0);
  });

  it('thresholds: the points of the highest step reached', () => {
    const steps = { function: 'thresholds', of: 'percent', steps: [{ atLeast: 50, points: 4 }, { atLeast: 80, points: 8 }, { atLeast: 100, points: 10 }] };
    expect(pointsOf(steps, { value: 83.6, unit: '%' }).points).toBe(8);
    expect(pointsOf(steps, { value: 40, unit: '%' }).points).toBe(0);
  });

  it('qualifiers: the rubric chooses the reading, and the range shows both ends', () => {
    const range = pointsOf({ function: 'ratio' }, { value: 10, unit: '%', bounds: [10, 15], valueText: '10-15%' });
    expect(range).toMatchObject({ points: 1, range: [1, 1.5] });
    expect(pointsOf({ function: 'ratio', qualified: 'upper' }, { value: 10, unit: '%', bounds: [10, 15] }).points).toBe(1.5);
  });

  it('cohort: min-max and z-score against the entities of the same year', () => {
    const rubric = (method: string) => rubricWith([{ id: 'c', name: 'c', keys: ['k'], maxPoints: 10, function: 'cohort', method }], { entities: 'district' });
    const records = [20, 60, 100].map((value, i) => indicator({ key: 'k', entity: `D${i}`, value, unit: '%' }));
    const minMax = scoreEntities(records, rubric('min-max')).scores.map((s) => [s.entity, s.total]);
    expect(minMax).toEqual([['D0', 0], ['D1', 5], ['D2', 10]]);
    const z = scoreEntities(records, rubric('z-score')).scores.map((s) => s.total);
    expect(z[1]).toBe(5);
    expect(z[0]).toBeCloseTo(10 - z[2]!, 2);
  });
});

describe('rubric validation', () => {
  it('names the line and the field of a mistake in YAML', () => {
    const yaml = ['name: r', 'version: "1"', 'groups:', '  - id: "1"', '    name: g', '    criteria:', '      - id: c', '        name: n', '        keys: [k]', '        function: target', '        maxPoints: 5'].join('\n');
    expect(() => parseRubricText(yaml, 'mine.yaml')).toThrow(/mine\.yaml: rubric line 7, field groups\.0\.criteria\.0\.target/);
  });

  it('names the line in JSON too, and refuses unknown functions', () => {
    const json = JSON.stringify({ name: 'r', version: '1', groups: [{ id: '1', name: 'g', criteria: [{ id: 'c', name: 'n', keys: ['k'], function: 'magic', maxPoints: 5 }] }] }, null, 2);
    expect(() => parseRubricText(json, 'mine.json')).toThrow(/mine\.json: rubric line \d+, field groups\.0\.criteria\.0\.function/);
    expect(() => parseRubricText('name: [unclosed', 'broken.yaml')).toThrow(/broken\.yaml: rubric is not valid YAML or JSON at line 1/);
  });

  it('the default rubric marks every point value as a placeholder', async () => {
    const rubric = await loadRubric();
    expect(rubric.groups.map((g) => g.id)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4']);
    expect(rubric.groups.flatMap((g) => g.criteria).every((c) => c.placeholder)).toBe(true);
  });
});

describe('missing data', () => {
  const criteria = [
    { id: 'a', name: 'a', keys: ['a'], function: 'ratio', maxPoints: 10 },
    { id: 'b', name: 'b', keys: ['b'], function: 'ratio', maxPoints: 10 },
  ];
  const only = [indicator({ key: 'a', value: 50, unit: '%', year: 2021 })];

  it('zero scores a missing criterion 0; reweight scales the rest to the full total', () => {
    expect(scoreIndicators(only, rubricWith(criteria), { entity: 'Gia Lai', year: 2021 }).total).toBe(5);
    expect(scoreIndicators(only, rubricWith(criteria, { missing: { policy: 'reweight' } }), { entity: 'Gia Lai', year: 2021 }).total).toBe(10);
  });

  it('carry-forward takes the last earlier year and says so; coverage counts this year only', () => {
    const records = [...only, indicator({ key: 'b', value: 80, unit: '%', year: 2019 }), indicator({ key: 'b', value: 90, unit: '%', year: 2020 })];
    const report = scoreEntities(records, rubricWith(criteria, { missing: { policy: 'carry-forward' } }));
    const score2021 = report.scores.find((s) => s.year === 2021)!;
    expect(score2021).toMatchObject({ total: 14, coverage: 0.5 });
    expect(score2021.criteria[1]).toMatchObject({ points: 9, source: 'carried forward from 2020' });
  });

  it('withholds the composite below the coverage threshold', () => {
    const score = scoreIndicators(only, rubricWith(criteria, { missing: { policy: 'zero', minCoverage: 0.75 } }), { entity: 'Gia Lai', year: 2021 });
    expect(score.total).toBeNull();
    expect(score.withheld).toMatch(/coverage 50% is under the rubric's minimum of 75%/);
  });

  it('never scores a target, a change or a rejected value', () => {
    const score = scoreIndicators(
      [indicator({ key: 'a', value: 100, unit: '%', flags: ['target'] }), indicator({ key: 'b', value: 100, unit: '%', reviewState: 'rejected' })],
      rubricWith(criteria),
      { entity: 'Gia Lai', year: 2020 },
    );
    expect(score.total).toBe(0);
    expect(score.criteria.every((c) => c.missing)).toBe(true);
  });
});

describe('Gia Lai from the seeds with the default rubric', () => {
  let report: ReturnType<typeof scoreEntities>;
  beforeAll(async () => {
    const records: Indicator[] = [];
    for (const seed of ['004_4e664a8d0f4a395b', '002_ce3978a132362554', '001_081aa9f9a8cd461e']) {
      // As the pipeline does: failed consistency checks flag the records they involve.
      const { indicators, restored } = extractText(await readFile(join(FIXTURES, 'gold', `${seed}.txt`), 'utf8'), { model: null });
      records.push(...checkConsistency(seed, restored, indicators).indicators);
    }
    report = scoreEntities(records, await loadRubric());
  });

  it('scores 2020 with explanations in the seeds rule (tỷ lệ × điểm tối đa)', () => {
    const s2020 = report.scores.find((s) => s.entity === 'Gia Lai' && s.year === 2020)!;
    expect(s2020.total).toBe(97.23);
    const communes = s2020.criteria.find((c) => c.criterion === '1.1.b')!;
    expect(communes).toMatchObject({ indicatorKey: 'videoconf.communes_connected', points: 8.36, source: 'document' });
    expect(communes.explanation).toContain('184/220');
    expect(communes.explanation).toContain('tỷ lệ 83.64% × 10 = 8.36');
    expect(communes.explanation).toContain('doubtful: check-failed');
  });

  it('scores 2021, carrying forward what the 2021 article does not state', () => {
    const s2021 = report.scores.find((s) => s.entity === 'Gia Lai' && s.year === 2021)!;
    expect(s2021.total).toBe(104.25);
    expect(s2021.criteria.find((c) => c.criterion === '1.2.b')).toMatchObject({ points: 3, source: 'document' });
    expect(s2021.criteria.find((c) => c.criterion === '1.1.b')!.source).toBe('carried forward from 2020');
  });

  it('follows Gia Lai from 2017 to 2021; the 2017 report states too little for a composite', () => {
    const series = report.series.find((s) => s.entity === 'Gia Lai')!;
    expect(series.points.map((p) => [p.year, p.total])).toEqual([
      [2017, null],
      [2020, 97.23],
      [2021, 104.25],
    ]);
    expect(report.scores.find((s) => s.year === 2017)!.withheld).toMatch(/coverage/);
  });

  it('ranks the districts of 2020 on a district rubric, ties sharing a rank, and writes CSV', async () => {
    const districtRubric = rubricWith([{ id: 'x', name: 'Xã kết nối HNTH', keys: ['videoconf.communes_connected_by_district'], function: 'ratio', maxPoints: 10 }], { entities: 'district' });
    const text = await readFile(join(FIXTURES, 'gold', '002_ce3978a132362554.txt'), 'utf8');
    const districts = scoreEntities(extractText(text, { model: null }).indicators, districtRubric);
    const ranking = districts.rankings.find((r) => r.year === 2020)!.entities;
    expect(ranking).toHaveLength(17);
    expect(ranking.filter((e) => e.rank === 1).map((e) => e.total)).toEqual(Array(9).fill(10)); // 9 districts fully connected
    expect(ranking[ranking.length - 1]).toMatchObject({ entity: 'Ia Grai', total: 3.08, rank: 17 });
    const csv = scoreReportCsv(districts);
    expect(csv.split('\n')[0]).toBe('entity,year,rank,total,max_total,coverage,withheld,group,criterion,function,indicator_key,value,points,max_points,weight,missing,source,flags,explanation');
    expect(csv).toContain('Ia Grai,2020,17,3.08');
  });
});
