/**
 * A researcher's path in real headless Chromium against a real `sohoa serve`, over documents
 * that `sohoa run` processed (a scan of decision 416 and the seeds' texts): sign in, find a key without typing
 * its diacritics, open it, see its chart and table, switch to targets and back, export what is
 * shown, click a point of the chart and reach its record on the review page, beside its source.
 * Leaves screenshots in test-artifacts/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIXTURES, parseCsv, REPO_ROOT, runCli } from '../helpers/cli';
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';

const CHROMIUM = process.env.SOHOA_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
const SEEDS = join(REPO_ROOT, 'test', 'fixtures', 'gold');
const KEY = 'admin_procedures.dossiers_received';

let work = '';
let server: Running;
let base = '';
let researcherToken = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is needed at ${CHROMIUM} for the browser tests: install it (Debian: apt-get install chromium) or set SOHOA_CHROMIUM; .ci/run installs it`);
  }
  work = await mkdtemp(join(tmpdir(), 'sohoa-datasets-'));
  const data = join(work, 'data');
  const seeds = ['000_da7100ae5e4971d0.txt', '002_ce3978a132362554.txt', '001_081aa9f9a8cd461e.txt'].map((name) => join(SEEDS, name));
  const run = await runCli(['--data', data, 'run', join(FIXTURES, 'scan-page.png'), ...seeds, '-o', join(work, 'out')], { env: { SOHOA_QUEUE: 'embedded' } });
  expect([run.code, run.stderr.slice(-2000)]).toEqual([0, expect.any(String)]);
  const token = await runCli(['--data', data, 'token', 'create', '--role', 'researcher', '--name', 'lan']);
  expect(token.code).toBe(0);
  researcherToken = token.stdout.trim();
  const port = await freePort();
  server = startCli(['--data', data, 'serve', '--port', String(port)], { SOHOA_QUEUE: 'embedded' });
  await waitUntil('the server to listen', () => server.log().includes('serving on'), 60_000).catch((error: Error) => {
    throw new Error(`${error.message}; it said: ${server.log()}`);
  });
  base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  // Everything the page loads comes from this server: the chart library included.
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('blob:') && !request.url().startsWith('data:')) throw new Error(`the page asked another site: ${request.url()}`);
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.process.kill('SIGTERM');
  if (server) await server.exited;
  if (work) await rm(work, { recursive: true, force: true });
});

/** Where Chart.js drew each point, read from the chart itself (the page's content security policy forbids evaluated strings, not functions). */
async function chartPoints(): Promise<Array<{ series: string; year: string; x: number; y: number; recordId: number | null }>> {
  return page.evaluate(() => {
    const chart = (globalThis as any).Chart.getChart('chart'); // eslint-disable-line @typescript-eslint/no-explicit-any
    return chart.data.datasets.flatMap((dataset: any, i: number) => // eslint-disable-line @typescript-eslint/no-explicit-any
      chart.getDatasetMeta(i).data.map((point: { x: number; y: number }, j: number) => ({ series: dataset.label, year: chart.data.labels[j], x: point.x, y: point.y, recordId: dataset.recordIds[j] })),
    );
  });
}

describe('the dataset page in Chromium', () => {
  it('signs a researcher in and finds a key without typing its diacritics', async () => {
    await page.goto(`${base}/datasets`);
    await page.getByTestId('token').fill(researcherToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').getByText('lan (researcher)').waitFor();
    await page.getByTestId('keys').locator('li').first().waitFor();
    await page.getByTestId('key-search').fill('tiep nhan ho so');
    const item = page.getByTestId('keys').locator(`li[data-key="${KEY}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('4 records · 4 documents · 1 provinces · 2 years (2020–2021)');
  });

  it('opens the key: a chart of the series, the table with unreviewed records marked, targets apart', async () => {
    await page.getByTestId('keys').locator(`li[data-key="${KEY}"]`).click();
    await page.locator(`#key-panel[data-key="${KEY}"][data-kind="value"]`).waitFor();
    const points = await chartPoints();
    expect(points.map((p) => [p.series, p.year])).toEqual([['Gia Lai', '2020'], ['Gia Lai', '2021']]);
    expect(points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    // 508.364 in 2021 is drawn above 403.086 in 2020 (canvas y grows downwards).
    expect(points[1]!.y).toBeLessThan(points[0]!.y);
    const table = page.getByTestId('table');
    await table.locator('tbody tr[data-series="Gia Lai"]').waitFor();
    expect(await table.locator('thead th').allTextContents()).toEqual(['province · breakdown', '2020', '2021']);
    // The scan and two texts of decision 416 give 2020; the 2021 report gives 2021; nobody reviewed any.
    expect(await table.locator('a.unreviewed').count()).toBe(4);
    expect(await table.locator('a', { hasText: '403.086' }).first().getAttribute('title')).toMatch(/Quyết định số 416\/QĐ-UBND, ngày 14\/7\/2021/);

    await page.getByTestId('kind-target').check();
    await page.locator(`#key-panel[data-key="${KEY}"][data-kind="target"]`).waitFor();
    await page.getByText('No records of this kind.').waitFor();
    await page.getByTestId('kind-value').check();
    await page.locator(`#key-panel[data-key="${KEY}"][data-kind="value"]`).waitFor();
    await table.locator('a', { hasText: '508.364' }).waitFor();
  });

  it('exports what is shown as CSV with a citation per record, and the chart as PNG', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const rows = parseCsv(await readFile((await csv.path())!, 'utf8'));
    expect(rows.map((r) => [r.year, r.value]).sort()).toEqual([['2020', '403086'], ['2020', '403086'], ['2020', '403086'], ['2021', '508364']]);
    expect(rows.every((r) => r.citation!.includes('trang 1'))).toBe(true);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe(`sohoa-${KEY}-value.png`);
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'datasets-page.png'), fullPage: true });
  });

  it('clicks a point of the chart and reaches its record beside its source on the review page', async () => {
    const point = (await chartPoints()).find((p) => p.year === '2021')!;
    const canvas = (await page.getByTestId('chart').boundingBox())!;
    await Promise.all([page.waitForURL(`${base}/review#record=${point.recordId}`), page.mouse.click(canvas.x + point.x, canvas.y + point.y)]);
    const item = page.locator(`[data-testid="item"][data-id="${point.recordId}"]`);
    await item.waitFor();
    await page.getByTestId('context').locator('.value', { hasText: '508.364' }).waitFor();
    expect(await page.getByTestId('field-value').inputValue()).toBe('508364');
    expect(await page.getByTestId('item-meta').textContent()).toContain('001_081aa9f9a8cd461e.txt · page 1, line');
    await page.screenshot({ path: join(ARTIFACTS, 'datasets-record.png'), fullPage: true });
  });

  it("opens a scan's record from its figure in the table, with the source words outlined on the page image", async () => {
    await page.goto(`${base}/datasets`);
    await page.getByTestId('keys').locator('li').first().waitFor();
    // The scan's 184/220 communes, under the key `sohoa run` wrote for it.
    const written = parseCsv(await readFile(join(work, 'out', 'indicators.csv'), 'utf8')).find((r) => r.filename === 'scan-page.png' && r.value === '184' && r.denominator === '220');
    expect(written).toBeDefined();
    const key = written!.key!;
    const data = (await (await fetch(`${base}/api/datasets/keys/${encodeURIComponent(key)}`, { headers: { authorization: `Bearer ${researcherToken}` } })).json()) as {
      cells: Array<{ records: Array<{ id: number; value: number; source: { filename: string } }> }>;
    };
    const recordId = data.cells.flatMap((c) => c.records).find((r) => r.value === 184 && r.source.filename === 'scan-page.png')!.id;
    const found = { key, recordId };
    await page.getByTestId('key-search').fill(found!.key);
    await page.getByTestId('keys').locator(`li[data-key="${found!.key}"]`).click();
    await Promise.all([page.waitForURL(`${base}/review#record=${found!.recordId}`), page.getByTestId('table').locator(`a[data-record-id="${found!.recordId}"]`).click()]);
    await page.locator(`#boxes[data-record-id="${found!.recordId}"] .box`).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'datasets-scan-record.png'), fullPage: true });
  });
});
