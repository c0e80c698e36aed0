/**
 * OCR benchmark: synthetic A4 scans of the seed texts (clean; noisy: slight turn, noise, JPEG;
 * heavy: stronger turn, blur, noise, harsh JPEG), read in the same run by sohoa (its preprocessing
 * and tesseract.js pool) and by the native `tesseract -l vie` CLI, with the Debian data and with
 * sohoa's own model (a like-for-like row). Prints CER, WER, CER ignoring
 * diacritics, seconds per page (one at a time), pages per minute with all cores (sohoa: a pool of
 * one worker per core; native: one process per core) and peak memory; then the ratios. Then the
 * scanned-PDF case (bench/ocr-pdf.ts): the CLI on a multi-page scanned PDF against OCRmyPDF.
 *   npm run bench:ocr        (needs Debian packages tesseract-ocr tesseract-ocr-vie ocrmypdf)
 *   npm run bench:ocr -- --only pdf --repeat 3 [--ocr-engine wasm,native] [--baseline ../before]
 * Targets (issue 4): heavy CER no worse than native with the best preprocessing (<= 0.8 %),
 * clean CER <= 0.2 %, pages per minute >= 0.8x the native CLI.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { degradePage } from '../corpus/degrade-page';
import { A4_HEIGHT_300DPI, A4_WIDTH_300DPI, renderTextPage, wrapText } from '../corpus/render-text-page';
import { shippedFile } from '../core/paths';
import { characterErrorRate, wordErrorRate } from '../core/text-metrics';
import { fold } from '../diacritics/syllable';
import { storedFormatFor } from '../ocr/grey-image';
import { TesseractPool } from '../ocr/tesseract-pool';
import { detectFileType } from '../pipeline/detect-file-type';
import { preprocessPage } from '../pipeline/preprocess-page';
import { readPage } from '../pipeline/read-page';
import { benchScannedPdf } from './ocr-pdf';

const run = promisify(execFile);
const SEEDS = ['001_081aa9f9a8cd461e', '002_ce3978a132362554', '004_4e664a8d0f4a395b'];
const LINES_PER_PAGE = 36;
const RAW = { width: A4_WIDTH_300DPI, height: A4_HEIGHT_300DPI, channels: 1 } as const;
const STEPS = ['normalize', 'orient', 'deskew', 'upscale'] as const;
const LIMITS = { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 };

type Variant = 'clean' | 'noisy' | 'heavy';
interface Page {
  variant: Variant;
  file: string;
  truth: string;
}

async function makePages(dir: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (const [n, seed] of SEEDS.entries()) {
    const text = readFileSync(shippedFile('test', 'fixtures', 'gold', `${seed}.txt`), 'utf8').normalize('NFC');
    const lines = wrapText(text.replace(/\s+/g, ' '), 64).slice(0, LINES_PER_PAGE);
    const raw = await renderTextPage(lines, { fontSizePx: 46, lineHeightPx: 78 });
    const truth = lines.join('\n');
    const variants: Array<[Variant, () => Promise<Buffer>]> = [
      ['clean', () => sharp(raw, { raw: RAW }).png().toBuffer()],
      ['noisy', () => degradePage(raw, { degrees: 1.2, blur: 0, noise: 30, quality: 60, seed: n + 30 })],
      ['heavy', () => degradePage(raw, { degrees: 3.5, blur: 1.3, noise: 55, quality: 35, seed: n + 55 })],
    ];
    for (const [variant, make] of variants) {
      const bytes = await make();
      const file = join(dir, `${seed}-${variant}.${variant === 'clean' ? 'png' : 'jpg'}`);
      writeFileSync(file, await sharp(bytes).withMetadata({ density: 300 }).toBuffer());
      pages.push({ variant, file, truth });
    }
  }
  return pages;
}

interface Reading {
  text: string;
}

async function readWithSohoa(pages: Page[], workers: number): Promise<{ readings: Reading[]; wall: number; peakRss: number }> {
  const pool = new TesseractPool({ size: workers, language: 'vie', variant: 'best' });
  let peakRss = 0;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const start = Date.now();
  try {
    const readings = await Promise.all(
      pages.map(async (page) => {
        // As the pipeline does it: preprocess, keep the page, read the kept page (OCR and layout).
        const image = readFileSync(page.file);
        const clean = await preprocessPage({ image, dpi: 300, storeAs: storedFormatFor(detectFileType(page.file, image)) }, { preprocess: STEPS, limits: LIMITS });
        const result = await readPage(clean.image, { ocr: () => pool });
        return { text: result.text };
      }),
    );
    return { readings, wall: (Date.now() - start) / 1000, peakRss };
  } finally {
    clearInterval(sample);
    await pool.close();
  }
}

async function readWithNative(pages: Page[], processes: number, tessdataDir: string | null): Promise<{ readings: Reading[]; wall: number; peakRss: number }> {
  const readings: Reading[] = new Array(pages.length);
  let peakKb = 0;
  let next = 0;
  const start = Date.now();
  const lane = async () => {
    while (next < pages.length) {
      const i = next++;
      // One thread per process: the fair way to use every core is one process per core.
      const data = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
      const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'peak-kb %M', 'tesseract', pages[i]!.file, 'stdout', ...data, '-l', 'vie', '--psm', '3', '--dpi', '300'], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        maxBuffer: 64 * 1024 * 1024,
      });
      peakKb = Math.max(peakKb, Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? 0));
      readings[i] = { text: stdout };
    }
  };
  await Promise.all(Array.from({ length: processes }, lane));
  return { readings, wall: (Date.now() - start) / 1000, peakRss: peakKb * 1024 };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * `--only images|pdf`, `--repeat N` (PDF case), `--ocr-engine a,b` (sohoa's engines in the PDF case),
 * `--baseline DIR` (another built checkout run beside this one in the PDF case).
 */
function benchOptions(argv: string[]): { only: 'images' | 'pdf' | null; repeat: number; engines: string[]; baseline: string | null } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const only = value('--only');
  if (only !== undefined && only !== 'images' && only !== 'pdf') throw new Error(`--only takes images or pdf, not '${only}'`);
  const repeat = Number(value('--repeat') ?? 3);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error('--repeat takes a positive whole number');
  return { only: only ?? null, repeat, engines: (value('--ocr-engine') ?? '').split(',').filter(Boolean), baseline: value('--baseline') ?? null };
}

function missingTool(command: string, args: string[], check: (out: string) => boolean): boolean {
  try {
    return !check(execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch {
    return true;
  }
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2));
  if (missingTool('tesseract', ['--list-langs'], (out) => /^vie$/m.test(out))) {
    process.stderr.write('bench:ocr compares with the native Tesseract CLI: install it first (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)\n');
    process.exitCode = 2;
    return;
  }
  if (options.only !== 'images' && missingTool('ocrmypdf', ['--version'], () => true)) {
    process.stderr.write('the PDF case of bench:ocr compares with OCRmyPDF: install it first (Debian: apt-get install ocrmypdf), or pass --only images\n');
    process.exitCode = 2;
    return;
  }
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-bench-ocr-'));
  try {
    process.stdout.write(`machine: ${cores} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start\n`);
    if (options.only !== 'pdf') await benchImages(dir, cores);
    if (options.only !== 'images') await benchScannedPdf({ dir: join(dir, 'pdf'), cores, repeat: options.repeat, sohoaEngines: options.engines, baseline: options.baseline });
    process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchImages(dir: string, cores: number): Promise<void> {
  const pages = await makePages(dir);
  process.stdout.write(`${pages.length} synthetic A4 pages at 300 dpi (${SEEDS.length} seed texts x clean/noisy/heavy), ${cores} cores\n`);
  // The same model as sohoa's (the npm package's 4.0.0_best_int data) for a like-for-like row.
  const sameModel = join(dir, 'tessdata');
  mkdirSync(sameModel);
  writeFileSync(join(sameModel, 'vie.traineddata'), gunzipSync(readFileSync(require.resolve('@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz'))));
  // Native Tesseract given the same cleaned-up images sohoa reads: its best preprocessing here.
  // Made one page at a time, so this also times sohoa's preprocessing per page.
  const cleaned: Page[] = [];
  const preprocessSeconds: number[] = [];
  for (const page of pages) {
    const image = readFileSync(page.file);
    const start = process.hrtime.bigint();
    const clean = await preprocessPage({ image, dpi: 300, storeAs: storedFormatFor(detectFileType(page.file, image)) }, { preprocess: STEPS, limits: LIMITS });
    preprocessSeconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    const file = page.file.replace(/\.(\w+)$/, '.pre.$1');
    writeFileSync(file, clean.image);
    cleaned.push({ ...page, file });
  }
  const meanPreprocess = preprocessSeconds.reduce((a, b) => a + b, 0) / preprocessSeconds.length;
  process.stdout.write(`sohoa preprocessing (${STEPS.join(', ')}; decode, then encode the kept page: PNG, or JPEG for a JPEG scan): ${meanPreprocess.toFixed(2)} s/page mean, ${Math.max(...preprocessSeconds).toFixed(2)} s max (target < 0.5 s)\n`);
  const engines = [
    { name: 'sohoa', one: await readWithSohoa(pages, 1), all: await readWithSohoa(pages, cores) },
    { name: 'native+', one: await readWithNative(cleaned, 1, null), all: await readWithNative(cleaned, cores, null) },
    { name: 'native', one: await readWithNative(pages, 1, null), all: await readWithNative(pages, cores, null) },
    { name: 'native=', one: await readWithNative(pages, 1, sameModel), all: await readWithNative(pages, cores, sameModel) },
  ];
  const rows: string[] = [`${'variant'.padEnd(8)} ${'engine'.padEnd(7)} ${'CER'.padStart(7)} ${'WER'.padStart(7)} ${'CER-nd'.padStart(7)} ${'s/page'.padStart(7)} ${'pages/min'.padStart(10)} ${'peak RSS'.padStart(9)}`];
  const summary = new Map<string, number>();
  for (const variant of ['clean', 'noisy', 'heavy'] as const) {
    for (const engine of engines) {
      const idx = pages.map((p, i) => (p.variant === variant ? i : -1)).filter((i) => i >= 0);
      const mean = (f: (i: number) => number) => idx.reduce((s, i) => s + f(i), 0) / idx.length;
      const cer = mean((i) => characterErrorRate(engine.one.readings[i]!.text, pages[i]!.truth));
      const wer = mean((i) => wordErrorRate(engine.one.readings[i]!.text, pages[i]!.truth));
      const cerNd = mean((i) => characterErrorRate(fold(engine.one.readings[i]!.text), fold(pages[i]!.truth)));
      // One page at a time: the one-worker run's wall time per page (queued pages wait, so per-page clocks would overcount).
      const seconds = engine.one.wall / pages.length;
      const perMinute = (pages.length / engine.all.wall) * 60;
      summary.set(`${variant}:${engine.name}:cer`, cer);
      summary.set(`${engine.name}:ppm`, perMinute);
      rows.push(`${variant.padEnd(8)} ${engine.name.padEnd(7)} ${pct(cer).padStart(7)} ${pct(wer).padStart(7)} ${pct(cerNd).padStart(7)} ${seconds.toFixed(2).padStart(7)} ${perMinute.toFixed(1).padStart(10)} ${`${Math.round(Math.max(engine.one.peakRss, engine.all.peakRss) / 1e6)} MB`.padStart(9)}`);
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'inf') : (a / b).toFixed(2));
  rows.push(
    `native: the CLI with the Debian vie data (tessdata_fast) on the pages as scanned; native+: the same on sohoa's cleaned-up pages; native=: the CLI with sohoa's own best_int model on the pages as scanned\n` +
    `summary: CER sohoa/native+ clean ${ratio(summary.get('clean:sohoa:cer')!, summary.get('clean:native+:cer')!)}, noisy ${ratio(summary.get('noisy:sohoa:cer')!, summary.get('noisy:native+:cer')!)}, heavy ${ratio(summary.get('heavy:sohoa:cer')!, summary.get('heavy:native+:cer')!)}; pages/min sohoa/native ${ratio(summary.get('sohoa:ppm')!, summary.get('native:ppm')!)}, sohoa/native= ${ratio(summary.get('sohoa:ppm')!, summary.get('native=:ppm')!)} (targets: heavy CER <= 0.8 %, clean CER <= 0.2 %, pages/min >= 0.80)`,
  );
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
