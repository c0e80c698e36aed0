/** The consistency checks reproduce the verdicts (and numbers) of the shared, hand-made check list. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../core/contracts';
import { loadModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { extractIndicators } from '../../extractors/extract-indicators';
import { extractMetadata } from '../../extractors/extract-metadata';
import { checkConsistency } from '../../scoring/check-consistency';
import { FIXTURES } from '../helpers/cli';

async function checksOf(seed: string, restore = false): Promise<CheckResult[]> {
  let text = (await readFile(join(FIXTURES, 'gold', `${seed}.txt`), 'utf8')).normalize('NFC');
  if (restore) text = restoreDiacritics(text, await loadModel()).text;
  const indicators = extractIndicators(text, { metadata: extractMetadata(text) });
  return checkConsistency(seed, text, indicators).checks;
}

const find = (checks: CheckResult[], test: (c: CheckResult) => boolean) => {
  const found = checks.find(test);
  if (!found) throw new Error(`no such check among: ${checks.map((c) => c.description).join(' | ')}`);
  return found;
};

describe.each([
  ['002_ce3978a132362554', false],
  ['000_da7100ae5e4971d0', true],
])('consistency checks of decision 416 (%s)', (seed, restore) => {
  let checks: CheckResult[];
  beforeAll(async () => {
    checks = await checksOf(seed, restore);
  });

  it('C01: 184/220 stated as 83,6% holds', () => {
    expect(find(checks, (c) => /184\/220 stated as 83.6%/.test(c.description))).toMatchObject({ result: 'holds', computed: 83.6364, stated: 83.6 });
  });

  it('C02, C03: the district breakdown sums to 183/221, not 184/220', () => {
    expect(find(checks, (c) => c.id.includes('breakdown-numerators'))).toMatchObject({ result: 'fails', computed: 183, stated: 184 });
    expect(find(checks, (c) => c.id.includes('breakdown-denominators'))).toMatchObject({ result: 'fails', computed: 221, stated: 220 });
  });

  it('C08: the school shares agree with their fractions', () => {
    expect(find(checks, (c) => /47\/47 stated as 100%/.test(c.description)).result).toBe('holds');
    expect(find(checks, (c) => /158\/188 stated as 84.04%/.test(c.description))).toMatchObject({ result: 'holds', computed: 84.0426 });
    expect(find(checks, (c) => /144\/282 stated as 51.1%/.test(c.description))).toMatchObject({ result: 'holds', computed: 51.0638 });
  });

  it('C07: the on-time rate is the complement of the late share', () => {
    expect(find(checks, (c) => c.id.includes('complement'))).toMatchObject({ result: 'holds', computed: 98.98, stated: 98.98 });
  });

  it('C12: 31/11/2020 is not a date', () => {
    expect(find(checks, (c) => c.id.endsWith(':dates'))).toMatchObject({ result: 'fails', computed: ['31/11/2020'] });
  });

  it('C13: decision 169/QĐ-UBND is cited with two dates', () => {
    expect(find(checks, (c) => c.id.includes('citation:169/QĐ-UBND'))).toMatchObject({ result: 'fails', computed: ['5/4/2019', '5/4/2020'] });
  });

  it('C04: 15 districts stated, but the list has 17 with a connected commune and 9 fully connected', () => {
    expect(find(checks, (c) => c.id.includes(':listed-count:'))).toMatchObject({ result: 'fails', computed: { listed: 17, withAny: 17, complete: 9 }, stated: 15 });
  });

  it('C05, C10: the breakdown lists all 17 districts; district and commune denominators agree (17, 220)', () => {
    expect(find(checks, (c) => c.id.includes(':breakdown-size:'))).toMatchObject({ result: 'holds', computed: 17, stated: 17 });
    expect(find(checks, (c) => c.id.endsWith(':level-denominators:commune'))).toMatchObject({ result: 'holds', stated: 220 });
    expect(find(checks, (c) => c.id.endsWith(':level-denominators:district'))).toMatchObject({ result: 'holds', stated: 17 });
  });

  it('C06, C09, C11: the late share restates 4127/403086; the online share of dossiers and total IT spending are derived', () => {
    expect(find(checks, (c) => /4127\/403086 stated as 1.02%/.test(c.description))).toMatchObject({ result: 'holds', computed: 1.0239 });
    expect(find(checks, (c) => c.id.endsWith(':derived:admin_procedures.online_dossiers_share_pct'))).toMatchObject({ result: 'info', computed: 28.18 });
    expect(find(checks, (c) => c.id.endsWith(':derived:it_investment.total_vnd'))).toMatchObject({ result: 'info', computed: 127524964000 });
  });

  it('flags the indicators of a failed check', async () => {
    let text = (await readFile(join(FIXTURES, 'gold', `${seed}.txt`), 'utf8')).normalize('NFC');
    if (restore) text = restoreDiacritics(text, await loadModel()).text;
    const { indicators } = checkConsistency(seed, text, extractIndicators(text, {}));
    const flagged = indicators.filter((i) => i.flags.includes('check-failed:breakdown-numerators'));
    expect(flagged.length).toBe(18); // the total and its 17 districts
  });
});

describe('consistency checks of the 2017 report (004) and the 2021 article (001)', () => {
  it('C08/C16: school shares agree with their fractions', async () => {
    const checks = await checksOf('001_081aa9f9a8cd461e');
    expect(find(checks, (c) => /147\/282 stated as 52.13%/.test(c.description))).toMatchObject({ result: 'holds', computed: 52.1277 });
    expect(find(checks, (c) => /162\/162 stated as 100%/.test(c.description)).result).toBe('holds');
    expect(find(checks, (c) => /47\/47 stated as 100%/.test(c.description)).result).toBe('holds');
  });

  it('C17: the rankings of 2021 agree with their scores', async () => {
    const rankings = (await checksOf('001_081aa9f9a8cd461e')).filter((c) => c.id.includes(':ranking-order:'));
    expect(rankings.map((c) => [c.result, c.computed])).toEqual([
      ['holds', { top: [117.69, 117.08], bottom: [] }],
      ['holds', { top: [148.43, 148.07], bottom: [127.61, 122.52] }],
    ]);
  });

  it('C18: the score scales of departments, districts and communes differ', async () => {
    expect(find(await checksOf('001_081aa9f9a8cd461e'), (c) => c.id.endsWith(':score-scales'))).toMatchObject({
      result: 'info',
      computed: { province: 117.69, district: 148.43, commune: 60.9 },
    });
  });

  it('C28: the text credits all 405 level-3 services to the 17 departments; their table rows give 304', async () => {
    const checks = await checksOf('004_4e664a8d0f4a395b');
    expect(checks.filter((c) => c.id.includes(':level-total:')).map((c) => [c.result, c.computed, c.stated])).toEqual([
      ['fails', 304, 405],
      ['holds', 63, 63],
    ]);
  });

  it('C29, C30: 17 departments deploy; with the 4 named as not, 21 against the 20 departments; the table has 17 departments among 18 provincial rows', async () => {
    const checks = await checksOf('004_4e664a8d0f4a395b');
    expect(find(checks, (c) => c.id.includes(':units-named:'))).toMatchObject({ result: 'fails', computed: 21, stated: 20 });
    expect(find(checks, (c) => c.id.includes(':units-in-table:'))).toMatchObject({ result: 'holds', computed: { provincialRows: 18, departments: 17 }, stated: 17 });
  });

  it('C14: the appendix caption of the clean draft dates the decision in June, its header in July', async () => {
    expect(find(await checksOf('002_ce3978a132362554'), (c) => c.id.includes(':annex-date:'))).toMatchObject({ result: 'fails', computed: '6/2021', stated: '7/2021' });
  });

  it('C27: the appendix totals are the totals the text gives (405 and 63)', async () => {
    const checks = await checksOf('004_4e664a8d0f4a395b');
    expect(checks.filter((c) => c.id.includes(':table-text:')).map((c) => [c.result, c.computed])).toEqual([
      ['holds', 405],
      ['holds', 63],
    ]);
  });

  it('C25, C26, C31, C33, C34 on the report and its appendix table', async () => {
    const checks = await checksOf('004_4e664a8d0f4a395b');
    const tableTotals = checks.filter((c) => c.id.includes('table-total'));
    expect(tableTotals.map((c) => [c.result, c.computed, c.stated])).toEqual([
      ['holds', 405, 405],
      ['holds', 63, 63],
    ]);
    expect(find(checks, (c) => /65\/222 stated as 30%/.test(c.description))).toMatchObject({ result: 'holds', computed: 29.2793 });
    expect(find(checks, (c) => c.id.includes('numbering')).computed).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '20']);
    expect(find(checks, (c) => c.id.endsWith(':dates'))).toMatchObject({ result: 'fails', computed: ['31/11/2016'] });
  });
});
