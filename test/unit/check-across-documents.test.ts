/** The shared checks that span documents (000-C15, X-C19 … X-C24, X-C32, X-C35), reproduced from extracted records. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../core/contracts';
import { loadModel } from '../../diacritics/load-model';
import { checkDocumentsTogether, flagDocumentsTogether, type CheckableDocument } from '../../pipeline/check-documents-together';
import { extractText } from '../../pipeline/extract-text';
import { FIXTURES } from '../helpers/cli';

const SEEDS: Array<[string, string, boolean]> = [
  ['000', '000_da7100ae5e4971d0', true],
  ['001', '001_081aa9f9a8cd461e', false],
  ['002', '002_ce3978a132362554', false],
  ['004', '004_4e664a8d0f4a395b', false],
];

let checks: CheckResult[];
let documents: CheckableDocument[];

beforeAll(async () => {
  const model = await loadModel();
  documents = [];
  for (const [name, file, garbled] of SEEDS) {
    const { metadata, indicators, restored } = extractText(await readFile(join(FIXTURES, 'gold', `${file}.txt`), 'utf8'), { model: garbled ? model : null });
    documents.push({ name, metadata, indicators, text: restored });
  }
  checks = checkDocumentsTogether(documents);
});

const find = (test: (c: CheckResult) => boolean) => {
  const found = checks.find(test);
  if (!found) throw new Error(`no such check among: ${checks.map((c) => c.description).join(' | ')}`);
  return found;
};

describe('checks across documents', () => {
  it('000-C15: the OCR copy carries the same values as the clean text', () => {
    // Every record of the clean text (its 62 gold mentions and any other count it states) is found in the OCR copy.
    const values = documents.find((d) => d.name === '002')!.indicators.length;
    expect(values).toBeGreaterThanOrEqual(62);
    expect(find((c) => c.id.startsWith('across:copy'))).toMatchObject({ documents: ['000', '002'], result: 'holds', computed: values, stated: values });
  });

  it('000-C15 fails when the copy changes a number, not when it reads a unit differently', () => {
    const [ocr, clean] = [documents.find((d) => d.name === '000')!, documents.find((d) => d.name === '002')!];
    const copyCheck = (indicators: typeof ocr.indicators) => checkDocumentsTogether([{ ...ocr, indicators }, clean]).find((c) => c.id.startsWith('across:copy'))!;
    const otherUnit = ocr.indicators.map((r, i) => (i === 0 ? { ...r, unit: 'lượt' } : r));
    const values = clean.indicators.length;
    expect(copyCheck(otherUnit)).toMatchObject({ result: 'holds', computed: values });
    const otherNumber = ocr.indicators.map((r, i) => (i === 0 ? { ...r, value: r.value + 1 } : r));
    expect(copyCheck(otherNumber)).toMatchObject({ result: 'fails', computed: values - 1, stated: values });
  });

  it('a page scanned from the decision is an excerpt of it: its values must appear in the whole, not all of the whole in it', () => {
    const clean = documents.find((d) => d.name === '002')!;
    const [from, to] = [Math.floor(clean.text.length * 0.35), Math.floor(clean.text.length * 0.65)];
    const page = { ...clean, name: 'page-1', text: clean.text.slice(from, to), indicators: clean.indicators.filter((r) => r.span[0] >= from && r.span[1] <= to) };
    expect(page.indicators.length).toBeGreaterThan(3);
    const copyCheck = (excerpt: CheckableDocument) => checkDocumentsTogether([clean, excerpt]).find((c) => c.id.startsWith('across:copy'))!;
    expect(copyCheck(page)).toMatchObject({ result: 'holds', computed: page.indicators.length, stated: page.indicators.length });
    expect(copyCheck(page).description).toBe('page-1 is an excerpt of 002 and every value it gives appears there');
    const misread = { ...page, indicators: page.indicators.map((r, i) => (i === 0 ? { ...r, value: r.value + 1 } : r)) };
    expect(copyCheck(misread)).toMatchObject({ result: 'fails', computed: page.indicators.length - 1 });
  });

  it('X-C19, X-C20, X-C24: school and unit denominators from 2020 to 2021', () => {
    const denominator = (key: string) => find((c) => c.id.includes(`denominator:key:${key}:2020-2021`));
    expect(denominator('hr.schools_teaching_it_lower_secondary')).toMatchObject({ result: 'fails', computed: [162], stated: [188] });
    expect(denominator('hr.schools_teaching_it_primary')).toMatchObject({ result: 'holds', computed: [282] });
    expect(denominator('hr.schools_teaching_it_upper_secondary')).toMatchObject({ result: 'holds', computed: [47] });
    expect(denominator('one_stop.units_deployed')).toMatchObject({ result: 'holds', computed: [20, 17, 220] });
  });

  it('X-C21: cumulative certificates do not decrease', () => {
    expect(find((c) => c.id.startsWith('across:cumulative:esign.certificates_issued'))).toMatchObject({ result: 'holds', computed: 4830, stated: 3525 });
  });

  it('X-C23: year-on-year growth of dossiers and e-documents is reported', () => {
    expect(find((c) => c.id.startsWith('across:change:admin_procedures.dossiers_received:2020'))).toMatchObject({ result: 'info', computed: 26.1 });
    expect(find((c) => c.id.startsWith('across:change:edoc.documents_exchanged:2020'))).toMatchObject({ result: 'info', computed: 41.3 });
  });

  it('X-C22: level 3 and 4 services together rose from 527 to 1205 while level 3 alone fell', () => {
    expect(find((c) => c.id.startsWith('across:derived:online_services.level3_4_count:2020'))).toMatchObject({ result: 'info', computed: 1205, stated: 527 });
  });

  it('X-C32: 222 communes in 2017 and 220 in 2020 is a drift to note, not an error', () => {
    expect(find((c) => c.id.startsWith('across:denominator:communes'))).toMatchObject({ result: 'info', computed: [220], stated: [222] });
  });

  it('X-C35: the criteria decision is cited as 2392 and as 2393; same-day decisions on other subjects pass', () => {
    const cited = checks.filter((c) => c.id.startsWith('across:citation-number'));
    expect(cited).toHaveLength(1);
    expect(cited[0]).toMatchObject({ result: 'fails', computed: ['2392', '2393'], documents: ['000', '002', '004'] });
  });
});

describe('records of failed checks across documents', () => {
  it('carry the flag: the lower-secondary school fractions of 2020 and 2021', () => {
    const flagged = flagDocumentsTogether(documents, checks);
    for (const name of ['000', '001']) {
      const schools = flagged.get(name)!.filter((i) => i.key === 'hr.schools_teaching_it_lower_secondary' && i.denominator !== null);
      expect(schools.length).toBeGreaterThan(0);
      expect(schools.every((i) => i.flags.includes('check-failed:denominator'))).toBe(true);
    }
  });

  it('two different documents giving one province-year figure differently fail', () => {
    const report = extractText('BÁO CÁO\nTình hình giải quyết thủ tục hành chính tỉnh Gia Lai năm 2020\nTrong năm 2020, toàn tỉnh đã tiếp nhận 403.000 hồ sơ.', { model: null });
    const decision = documents.find((d) => d.name === '002')!;
    const found = checkDocumentsTogether([decision, { name: 'report', metadata: report.metadata, indicators: report.indicators, text: report.restored }]);
    expect(found.find((c) => c.id.startsWith('across:same-year:admin_procedures.dossiers_received'))).toMatchObject({ result: 'fails', stated: '403.086', computed: '403.000' });
  });
});
