/**
 * Fault suite: what `sohoa run` leaves for people. Two inputs with the same name in different
 * folders overwrote each other's output folder; CSV cells starting with = + - @ (file names,
 * "- " bullets in phrases) went out as spreadsheet formulas.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, runCli, SAMPLES } from '../helpers/cli';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sohoa-outputs-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('sohoa run outputs', () => {
  it('gives inputs of the same name their own folders, and writes no CSV cell a spreadsheet would evaluate', async () => {
    const lines = (await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8')).split('\n');
    const half = Math.floor(lines.length / 2);
    await mkdir(join(work, 'a'));
    await mkdir(join(work, 'b'));
    await writeFile(join(work, 'a', 'doc.txt'), lines.slice(0, half).join('\n'));
    await writeFile(join(work, 'b', 'doc.txt'), lines.slice(half).join('\n'));
    await writeFile(join(work, '=SUM(1,2).txt'), '- Ket noi 184/220 xa, dat 83,6%.\n+ Co 403.086 ho so.\n');
    const out = join(work, 'out');
    const result = await runCli(['--data', join(work, 'data'), 'run', join(work, 'a', 'doc.txt'), join(work, 'b', 'doc.txt'), join(work, '=SUM(1,2).txt'), '--out', out]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);

    const folders = (await readdir(out)).filter((f) => f.startsWith('doc.txt'));
    expect(folders).toHaveLength(2);
    const texts = await Promise.all(folders.map((f) => readFile(join(out, f, 'text.txt'), 'utf8')));
    expect(new Set(texts).size).toBe(2);

    const csv = await readFile(join(out, 'indicators.csv'), 'utf8');
    const rows = parseCsv(csv);
    expect(rows.length).toBeGreaterThan(2);
    const cells = rows.flatMap((row) => Object.values(row));
    const formulas = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
    expect(formulas).toEqual([]);
    expect(cells).toContain("'=SUM(1,2).txt");
    expect(rows.some((row) => (row.phrase ?? '').startsWith("'-") || (row.phrase ?? '').startsWith("'+"))).toBe(true);
  }, 120_000);
});
