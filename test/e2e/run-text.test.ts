/** The CLI on seed 000 (a real OCR of decision 416/QĐ-UBND that lost its diacritics). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '../../store/open-database';
import { parseCsv, runCli, SAMPLES } from '../helpers/cli';

const SEED_000 = join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sohoa-e2e-text-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('sohoa run on a diacritic-stripped OCR text', () => {
  it('restores the text and extracts the headline indicators', async () => {
    const out = join(work, 'out');
    const result = await runCli(['--data', join(work, 'data'), 'run', SEED_000, '--out', out]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);

    const rows = parseCsv(await readFile(join(out, 'indicators.csv'), 'utf8'));
    expect(rows).toContainEqual(expect.objectContaining({ value: '184', denominator: '220', unit: 'xã', year: '2020', province: 'Gia Lai' }));
    expect(rows).toContainEqual(expect.objectContaining({ value: '403086', unit: 'hồ sơ', key: 'admin_procedures.dossiers_received' }));

    const docDir = join(out, 'gia-lai-416-qd-ubnd-2021.ocr.txt');
    const text = await readFile(join(docDir, 'text.txt'), 'utf8');
    expect(text).toContain('QUYẾT ĐỊNH');
    expect(text).toContain('Phê duyệt kết quả đánh giá, xếp hạng mức');
    expect(text).toContain('Chính quyền điện tử trong');
    expect(text).toContain('Ủy ban nhân dân tỉnh Gia Lai');

    const metadata = JSON.parse(await readFile(join(docDir, 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({ type: 'Quyết định', number: '416/QĐ-UBND', date: '2021-07-14', province: 'Gia Lai', year: 2020 });
    const score = JSON.parse(await readFile(join(docDir, 'score.json'), 'utf8'));
    expect(score.total).toBeGreaterThan(0);
    expect(score.criteria.length).toBeGreaterThan(0);
    const indicators = JSON.parse(await readFile(join(docDir, 'indicators.json'), 'utf8'));
    const fraction = indicators.find((i: { valueText: string }) => i.valueText === '184/220');
    expect(text.slice(fraction.span[0], fraction.span[1])).toBe('184/220');
    // Provenance in the file as given, and the restated percentage kept with its fraction.
    expect((await readFile(SEED_000, 'utf8')).slice(fraction.sourceSpan[0], fraction.sourceSpan[1])).toBe('184/220');
    expect(rows).toContainEqual(expect.objectContaining({ value: '184', denominator: '220', stated_percent: '83.6', qualifier: 'đạt' }));
    const checks = JSON.parse(await readFile(join(docDir, 'checks.json'), 'utf8'));
    expect(checks).toContainEqual(expect.objectContaining({ result: 'fails', computed: 183, stated: 184 }));
    expect(rows.filter((r) => (r.flags ?? '').includes('check-failed:breakdown-numerators'))).toHaveLength(18);
    const ocr = JSON.parse(await readFile(join(docDir, 'ocr.json'), 'utf8'));
    expect(ocr.pages[0]).toMatchObject({ number: 1, textSource: 'text-file' });
    // Quality signals: as read, a quarter of the words are no Vietnamese syllable; once restored, nearly all are.
    expect(ocr.pages[0].quality.dictionaryShare).toBeLessThan(0.8);
    expect(ocr.pages[0].quality.restoredDictionaryShare).toBeGreaterThan(0.95);
    expect(ocr.pages[0].quality.meanWordConfidence).toBeNull();
  });

  it('does not create a second document when the same file runs again, and --force reprocesses it', async () => {
    const data = join(work, 'data');
    const again = await runCli(['--data', data, 'run', SEED_000, '--out', join(work, 'out2')]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already processed/);
    const forced = await runCli(['--data', data, 'run', SEED_000, '--out', join(work, 'out3'), '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).not.toMatch(/already processed/);

    const repo = await openRepository({ kind: 'pglite', dataDir: join(data, 'db') });
    try {
      expect(await repo.listDocuments()).toHaveLength(1);
    } finally {
      await repo.close();
    }
  });
});

describe('subcommands for scripts', () => {
  it('restore reads standard input and writes restored text', async () => {
    const result = await runCli(['restore'], { input: 'Uy ban nhan dan tinh Gia Lai ban hanh quyet dinh\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Ủy ban nhân dân tỉnh Gia Lai ban hành quyết định\n');
  });

  it('extract prints indicators and score scores them', async () => {
    const extracted = await runCli(['extract', SEED_000]);
    expect(extracted.code).toBe(0);
    const indicators = JSON.parse(extracted.stdout);
    expect(indicators).toContainEqual(expect.objectContaining({ value: 184, denominator: 220, unit: 'xã' }));
    const file = join(work, 'indicators.json');
    await require('node:fs/promises').writeFile(file, extracted.stdout);
    const scored = await runCli(['score', file]);
    expect(scored.code).toBe(0);
    const report = JSON.parse(scored.stdout);
    expect(report.scores).toContainEqual(expect.objectContaining({ entity: 'Gia Lai', year: 2020, rubric: 'default@0.2', rank: 1 }));
    expect(report.series).toContainEqual(expect.objectContaining({ entity: 'Gia Lai' }));
    const csv = await runCli(['score', file, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^entity,year,rank,total/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['run'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['run', SEED_000, '--ocr', 'sometimes'])).code).toBe(2);
  });
});
