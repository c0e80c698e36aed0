/**
 * The scanned-PDF case of `npm run bench:ocr`: one multi-page scanned PDF as an archive holds it
 * (synthetic A4 text pages at 300 dpi, clean as a Flate grey image, noisy and heavy as JPEG, and
 * the first pages of three real 2026 scans, 1-bit CCITT G4 at 200 dpi with their small overlay
 * image), through `sohoa ocr` and `sohoa run`, against OCRmyPDF (`-j <cores> --deskew`, PDF/A
 * output) and the native `tesseract -l vie` CLI on the same page images, one process per core.
 * Every command is timed as a whole process, all at the priority OCRMyPDF gives itself (nice 5);
 * the commands take turns within each repetition (the
 * order rotates), so ratios come from the same minutes of a shared machine: the medians of the
 * ratios pair by pair are what to quote.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { degradePage } from '../corpus/degrade-page';
import { A4_HEIGHT_300DPI, A4_WIDTH_300DPI, rawPageToPng, renderTextPage, wrapText } from '../corpus/render-text-page';
import { shippedFile } from '../core/paths';
import { characterErrorRate } from '../core/text-metrics';

const run = promisify(execFile);
const SEEDS = ['001_081aa9f9a8cd461e', '002_ce3978a132362554', '004_4e664a8d0f4a395b'];
const LINES_PER_PAGE = 36;
const PARTS_PER_SEED = 2;
const REAL = ['cv_3722_metro', 'nq_115_ba_vi', 'tt_21_bct_fuel'];
const SOHOA = shippedFile('bin', 'sohoa.js');

type Kind = 'flate grey' | 'jpeg noisy' | 'jpeg heavy' | 'ccitt real';
const KINDS: Kind[] = ['flate grey', 'jpeg noisy', 'jpeg heavy', 'ccitt real'];

interface BenchPage {
  kind: Kind;
  /** The page image as a file, for the native CLI. */
  image: string;
  dpi: number;
  truth: string;
}

/** A grey raw page as an image XObject with FlateDecode, as a scanner writes a grey page. */
function embedFlateGrey(doc: PDFDocument, pixels: Buffer, width: number, height: number) {
  const stream = doc.context.flateStream(pixels, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  return doc.context.register(stream);
}

/** Draws an image XObject over the whole of a new page sized from the image and its resolution. */
function addImagePage(doc: PDFDocument, ref: ReturnType<typeof embedFlateGrey>, width: number, height: number, dpi: number): void {
  const [w, h] = [(width / dpi) * 72, (height / dpi) * 72];
  const page = doc.addPage([w, h]);
  const name = page.node.newXObject('Scan', ref);
  const content = doc.context.flateStream(`q ${w.toFixed(3)} 0 0 ${h.toFixed(3)} 0 0 cm ${name.toString()} Do Q`);
  page.node.set(PDFName.of('Contents'), doc.context.register(content));
}

export async function makeScannedPdf(dir: string): Promise<{ pdf: string; pages: BenchPage[] }> {
  const doc = await PDFDocument.create();
  const pages: BenchPage[] = [];
  for (const [n, seed] of SEEDS.entries()) {
    const text = readFileSync(shippedFile('test', 'fixtures', 'gold', `${seed}.txt`), 'utf8').normalize('NFC');
    const all = wrapText(text.replace(/\s+/g, ' '), 64);
    for (let part = 0; part < PARTS_PER_SEED; part++) {
      const lines = all.slice(part * LINES_PER_PAGE, (part + 1) * LINES_PER_PAGE);
      const truth = lines.join('\n');
      // One grey channel, A4 at 300 dpi.
      const raw = await renderTextPage(lines, { fontSizePx: 46, lineHeightPx: 78 });
      const cleanFile = join(dir, `${seed}-${part}-clean.png`);
      writeFileSync(cleanFile, await rawPageToPng(raw));
      addImagePage(doc, embedFlateGrey(doc, raw, A4_WIDTH_300DPI, A4_HEIGHT_300DPI), A4_WIDTH_300DPI, A4_HEIGHT_300DPI, 300);
      pages.push({ kind: 'flate grey', image: cleanFile, dpi: 300, truth });
      const seedNoise = n * 10 + part;
      for (const [kind, degradation] of [
        ['jpeg noisy', { degrees: 1.2, blur: 0, noise: 30, quality: 60, seed: seedNoise + 30 }],
        ['jpeg heavy', { degrees: 3.5, blur: 1.3, noise: 55, quality: 35, seed: seedNoise + 55 }],
      ] as const) {
        const jpeg = await sharp(await degradePage(raw, degradation)).withMetadata({ density: 300 }).toBuffer();
        const meta = await sharp(jpeg).metadata();
        const file = join(dir, `${seed}-${part}-${kind.replace(' ', '-')}.jpg`);
        writeFileSync(file, jpeg);
        // pdf-lib keeps a JPEG as it is (DCTDecode).
        const image = await doc.embedJpg(jpeg);
        const [w, h] = [(meta.width! / 300) * 72, (meta.height! / 300) * 72];
        doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
        pages.push({ kind, image: file, dpi: 300, truth });
      }
    }
  }
  for (const name of REAL) {
    const source = await PDFDocument.load(readFileSync(shippedFile('test', 'fixtures', 'real-scans', 'scans', `${name}.pdf`)));
    const [copied] = await doc.copyPages(source, [0]);
    doc.addPage(copied!);
    pages.push({
      kind: 'ccitt real',
      image: shippedFile('test', 'fixtures', 'real-scans', 'pages', `${name}-p1.png`),
      dpi: 200,
      truth: readFileSync(shippedFile('test', 'fixtures', 'real-scans', 'gt', `${name}-p1.txt`), 'utf8').normalize('NFC'),
    });
  }
  const pdf = join(dir, 'scanned.pdf');
  writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
  return { pdf, pages };
}

interface Timed {
  wall: number;
  peakBytes: number;
  /** Text per page, in page order. */
  texts: string[];
}

/**
 * OCRmyPDF lowers its own priority by 5 (os.nice(5) at start): every other command runs at that
 * priority too, so that on a machine others load all contenders get the same share.
 */
const OCRMYPDF_NICENESS = 5;

/** Runs a command under GNU time: wall seconds and the peak RSS of the largest process. */
async function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, niceness = OCRMYPDF_NICENESS): Promise<{ wall: number; peakBytes: number; stdout: string }> {
  const start = process.hrtime.bigint();
  const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'peak-kb %M', 'nice', '-n', String(niceness), command, ...args], { env, maxBuffer: 256 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  return { wall, peakBytes: Number(/peak-kb (\d+)/.exec(stderr)?.[1] ?? 0) * 1024, stdout };
}

interface Contender {
  name: string;
  run(rep: number): Promise<Timed>;
}

function contenders(pdf: string, pages: BenchPage[], dir: string, cores: number, sohoaEngines: string[], baseline: string | null): Contender[] {
  const sohoaOcr = (engine: string, bin = SOHOA, label = 'sohoa'): Contender => ({
    name: engine ? `${label} ocr --ocr-engine ${engine}` : `${label} ocr`,
    async run() {
      const result = await timed(process.execPath, [bin, '-q', 'ocr', pdf, '--format', 'json', ...(engine ? ['--ocr-engine', engine] : [])]);
      const json = JSON.parse(result.stdout) as { pages: Array<{ text: string }> };
      return { ...result, texts: json.pages.map((p) => p.text) };
    },
  });
  const sohoaRun = (engine: string, bin = SOHOA, label = 'sohoa'): Contender => ({
    name: engine ? `${label} run --ocr-engine ${engine}` : `${label} run`,
    async run(rep) {
      const out = join(dir, `run-${label}-${engine || 'default'}-${rep}`);
      const result = await timed(process.execPath, [bin, '-q', '--data', join(out, 'data'), 'run', pdf, '-o', join(out, 'out'), ...(engine ? ['--ocr-engine', engine] : [])]);
      const json = JSON.parse(readFileSync(join(out, 'out', 'scanned.pdf', 'ocr.json'), 'utf8')) as { pages: Array<{ text: string }> };
      return { ...result, texts: json.pages.map((p) => p.text) };
    },
  });
  const engines = sohoaEngines.length ? sohoaEngines : [''];
  // Another checkout's CLI (the code before a change), with its own defaults.
  const before = baseline ? [sohoaOcr('', join(baseline, 'bin', 'sohoa.js'), 'baseline'), sohoaRun('', join(baseline, 'bin', 'sohoa.js'), 'baseline')] : [];
  return [
    ...before,
    ...engines.map((e) => sohoaOcr(e)),
    ...engines.map((e) => sohoaRun(e)),
    {
      name: `ocrmypdf -j ${cores} --deskew`,
      async run(rep) {
        const sidecar = join(dir, `ocrmypdf-${rep}.txt`);
        const args = ['-q', '-l', 'vie', '-j', String(cores), '--deskew', '--output-type', 'pdfa', '--sidecar', sidecar, pdf, join(dir, `ocrmypdf-${rep}.pdf`)];
        const result = await timed('ocrmypdf', args, process.env, 0);
        return { ...result, texts: readFileSync(sidecar, 'utf8').split('\f') };
      },
    },
    {
      name: `tesseract -l vie (${cores} processes)`,
      async run() {
        const texts: string[] = new Array(pages.length);
        let peakBytes = 0;
        let next = 0;
        const start = process.hrtime.bigint();
        const lane = async () => {
          while (next < pages.length) {
            const i = next++;
            // One thread per process: the fair way to use every core is one process per core.
            const page = await timed('tesseract', [pages[i]!.image, 'stdout', '-l', 'vie', '--psm', '3', '--dpi', String(pages[i]!.dpi)], { ...process.env, OMP_THREAD_LIMIT: '1' });
            peakBytes = Math.max(peakBytes, page.peakBytes);
            texts[i] = page.stdout;
          }
        };
        await Promise.all(Array.from({ length: cores }, lane));
        return { wall: Number(process.hrtime.bigint() - start) / 1e9, peakBytes, texts };
      },
    },
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export interface PdfBenchOptions {
  dir: string;
  cores: number;
  repeat: number;
  /** `--ocr-engine` values to run sohoa with; empty: sohoa's default only. */
  sohoaEngines: string[];
  /** Another checkout of sohoa (built) to run beside this one, e.g. the code before a change. */
  baseline: string | null;
}

export async function benchScannedPdf(options: PdfBenchOptions): Promise<void> {
  const { dir, cores, repeat } = options;
  mkdirSync(dir, { recursive: true });
  const { pdf, pages } = await makeScannedPdf(dir);
  const all = contenders(pdf, pages, dir, cores, options.sohoaEngines, options.baseline);
  process.stdout.write(
    `\nscanned PDF: ${pages.length} pages (${KINDS.map((k) => `${pages.filter((p) => p.kind === k).length} ${k}`).join(', ')}), ${cores} cores, ${repeat} repetitions, commands in turn (order rotating)\n`,
  );
  const results = new Map<string, Timed[]>(all.map((c) => [c.name, []]));
  for (let rep = 0; rep < repeat; rep++) {
    for (let k = 0; k < all.length; k++) {
      const contender = all[(k + rep) % all.length]!;
      const result = await contender.run(rep);
      results.get(contender.name)!.push(result);
      process.stderr.write(`  rep ${rep + 1}: ${contender.name} ${result.wall.toFixed(1)} s\n`);
    }
    // The table so far after every repetition: a long run stopped early still leaves its figures.
    process.stdout.write(`after ${rep + 1} of ${repeat} repetitions (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):\n${table(all, results, pages)}\n`);
  }
}

function table(all: Contender[], results: Map<string, Timed[]>, pages: BenchPage[]): string {
  const perMinute = (t: Timed) => (pages.length / t.wall) * 60;
  const header = `${'command'.padEnd(36)} ${'pages/min (min-max)'.padStart(22)} ${'peak RSS'.padStart(9)} ${KINDS.map((k) => `CER ${k}`.padStart(16)).join(' ')}`;
  const rows = [header];
  for (const contender of all) {
    const runs = results.get(contender.name)!;
    const rates = runs.map(perMinute);
    // CER from the first repetition: every run reads the same pages the same way.
    const texts = runs[0]!.texts;
    const cer = KINDS.map((kind) => {
      const idx = pages.map((p, i) => (p.kind === kind ? i : -1)).filter((i) => i >= 0);
      const edits = idx.map((i) => characterErrorRate(texts[i] ?? '', pages[i]!.truth));
      return pct(edits.reduce((a, b) => a + b, 0) / edits.length).padStart(16);
    });
    const peak = Math.max(...runs.map((r) => r.peakBytes));
    rows.push(
      `${contender.name.padEnd(36)} ${`${median(rates).toFixed(1)} (${Math.min(...rates).toFixed(1)}-${Math.max(...rates).toFixed(1)})`.padStart(22)} ${`${Math.round(peak / 1e6)} MB`.padStart(9)} ${cer.join(' ')}`,
    );
  }
  const ratio = (a: string, b: string) => {
    const pairs = results.get(a)!.map((r, i) => results.get(b)![i]!.wall / r.wall);
    return `${median(pairs).toFixed(2)} (${Math.min(...pairs).toFixed(2)}-${Math.max(...pairs).toFixed(2)})`;
  };
  const ocrmypdf = all.find((c) => c.name.startsWith('ocrmypdf'))!.name;
  const native = all.find((c) => c.name.startsWith('tesseract'))!.name;
  rows.push('pages/min ratios, median of the pairs within each repetition (min-max):');
  for (const contender of all.filter((c) => / run/.test(c.name))) rows.push(`  ${contender.name} / OCRmyPDF ${ratio(contender.name, ocrmypdf)} (target >= 2)`);
  for (const contender of all.filter((c) => / ocr/.test(c.name) && !c.name.startsWith('ocrmypdf'))) {
    rows.push(`  ${contender.name} / native CLI ${ratio(contender.name, native)} (target >= 0.8 with the native engine, >= 0.5 with tesseract.js)`);
  }
  const baseline = all.filter((c) => c.name.startsWith('baseline'));
  for (const contender of baseline) {
    const same = all.find((c) => c.name === contender.name.replace('baseline', 'sohoa') || c.name.startsWith(`${contender.name.replace('baseline', 'sohoa')} --ocr-engine wasm`));
    if (same) rows.push(`  ${same.name} / ${contender.name} ${ratio(same.name, contender.name)} (this code against the baseline)`);
  }
  return rows.join('\n');
}
