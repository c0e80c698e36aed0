/**
 * A newcomer's path in real headless Chromium against a real `sohoa serve` on the embedded
 * default: sign in with the printed admin token, upload a scan, watch it processed, review a
 * record beside its highlighted source, correct a value and a syllable's diacritics, undo,
 * and export a CSV that holds the correction. Leaves a screenshot in test-artifacts/.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { FIXTURES, parseCsv, REPO_ROOT } from '../helpers/cli';
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';

const CHROMIUM = process.env.SOHOA_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
/**
 * The outlines of a record's source words. The page marks them with the record's id only once its
 * image has decoded, so waiting for these waits for the image too (a locator, not an evaluated
 * string: the page's content security policy forbids eval).
 */
const outlinesOf = (page: Page, recordId: number) => page.locator(`#boxes[data-record-id="${recordId}"] .box`);

/**
 * An element's box once Chromium can measure it. Just after a page-sized image has laid out, a
 * busy renderer (CI on two cores) can briefly answer "no box" for an element it reports visible.
 */
async function measure(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const box = await locator.boundingBox();
    if (box) return box;
    if (Date.now() > deadline) throw new Error(`${String(locator)} could not be measured within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let work = '';
let server: Running;
let base = '';
let adminToken = '';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is needed at ${CHROMIUM} for the browser tests: install it (Debian: apt-get install chromium) or set SOHOA_CHROMIUM; .ci/run installs it`);
  }
  work = await mkdtemp(join(tmpdir(), 'sohoa-browser-'));
  const port = await freePort();
  server = startCli(['--data', join(work, 'data'), 'serve', '--port', String(port)], { SOHOA_QUEUE: 'embedded' });
  await waitUntil('the server to listen', () => server.log().includes('serving on'), 60_000).catch((error: Error) => {
    throw new Error(`${error.message}; it said: ${server.log()}`);
  });
  base = `http://127.0.0.1:${port}`;
  adminToken = /admin token \(shown once; keep it safe\): (sohoa_\S+)/.exec(server.log())![1]!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  server?.process.kill('SIGTERM');
  if (server) await server.exited;
  if (work) await rm(work, { recursive: true, force: true });
});

const api = async (path: string) => (await fetch(base + path, { headers: { authorization: `Bearer ${adminToken}` } })).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the review page in Chromium', () => {
  it('refuses a wrong token and signs in with the admin token', async () => {
    await page.goto(`${base}/`);
    await page.getByTestId('token').fill('sohoa_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That token is not valid').waitFor();
    await page.getByTestId('token').fill(adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').getByText('admin (admin)').waitFor();
  });

  it('uploads a scan and follows its progress to done', async () => {
    await page.getByTestId('files').setInputFiles(join(FIXTURES, 'scan-page.png'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('[data-testid="uploads"] li[data-state="done"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('documents').getByText('scan-page.png').waitFor();
  }, 150_000);

  it('reviews a record beside its highlighted source and corrects its value with the keyboard', async () => {
    const item = page.getByTestId('queue').locator('li', { hasText: '184/220' }).first();
    await item.click();
    await page.getByTestId('context').locator('.value', { hasText: '184' }).first().waitFor();
    // The source words are outlined on the page image, from the OCR boxes.
    const id = Number(await page.getByTestId('item').getAttribute('data-id'));
    await outlinesOf(page, id).first().waitFor();
    const box = await measure(outlinesOf(page, id).first());
    const sheet = await measure(page.locator('#page-image'));
    // 184/220 sits about 28 % down the A4 page and to the right of its middle.
    expect(box.width).toBeGreaterThan(10);
    expect((box.y - sheet.y) / sheet.height).toBeGreaterThan(0.2);
    expect((box.y - sheet.y) / sheet.height).toBeLessThan(0.4);
    expect((box.x - sheet.x) / sheet.width).toBeGreaterThan(0.5);
    expect(await page.getByTestId('field-value').inputValue()).toBe('184');

    await page.getByTestId('field-value').fill('185');
    await page.getByTestId('field-value').press('Enter');
    await page.getByTestId('status').getByText(/Saved the correction of record/).waitFor();
    const corrected = (await api('/api/indicators?reviewState=corrected')).items;
    expect(corrected).toEqual([expect.objectContaining({ value: 185, denominator: 220, unit: 'xã', reviewState: 'corrected' })]);
  });

  it('accepts with a key and undoes it with another', async () => {
    await page.getByTestId('item').waitFor();
    const id = Number(await page.getByTestId('item').getAttribute('data-id'));
    // Escape leaves the form field, so single keys act on the record again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('a');
    await page.getByTestId('status').getByText(`Accepted record ${id}.`).waitFor();
    expect((await api(`/api/indicators/${id}`)).record.reviewState).toBe('accepted');
    await page.keyboard.press('u');
    await page.getByTestId('status').getByText(`Undid the last action on record ${id}.`).waitFor();
    expect((await api(`/api/indicators/${id}`)).record.reviewState).toBe('pending');
  });

  it("corrects a syllable's diacritics with an alternative the model proposes", async () => {
    const before = (await api('/api/search?q=' + encodeURIComponent('huyện'))).items.length;
    expect(before).toBe(1);
    const word = page.getByTestId('context').locator('.word', { hasText: /^huyện$/ }).first();
    await word.click();
    const alternatives = page.getByTestId('alternatives').locator('button.alternative');
    await alternatives.first().waitFor();
    const chosen = (await alternatives.first().getAttribute('data-text'))!;
    expect(chosen).not.toBe('huyện');
    await alternatives.first().click();
    await page.getByTestId('status').getByText(`Corrected the text: “${chosen}”.`).waitFor();
    const documentId = (await api('/api/documents')).items[0].id;
    const { text, corrections } = await api(`/api/documents/${documentId}/text`);
    expect(text.kind).toBe('reviewed');
    expect(corrections).toEqual([expect.objectContaining({ before: 'huyện', after: chosen, author: 'admin' })]);
    expect(text.text).toContain(chosen);
  });

  it('exports a CSV that contains the correction, and leaves a screenshot of the review page', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const rows = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(rows).toContainEqual(expect.objectContaining({ value: '185', denominator: '220', review_state: 'corrected', reviewed_by: 'admin', page: '1' }));
    expect(rows.find((r) => r.value === '185')!.filename).toBe('scan-page.png');

    const first = page.getByTestId('queue').locator('li').first();
    const firstId = Number(await first.getAttribute('data-id'));
    await first.click();
    await outlinesOf(page, firstId).first().waitFor();
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'review-page.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'review-page.png'))).toBe(true);
  });
});
