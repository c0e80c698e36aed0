/** The CLI on scanned inputs: real tesseract.js with the vie data, on committed fixture scans. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { characterErrorRate } from '../../core/text-metrics';
import { FIXTURES, parseCsv, runCli, SAMPLES } from '../helpers/cli';
import { altoErrors, pdfaProblems, xmlErrors } from '../helpers/archival-checks';

let work: string;
let source: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sohoa-e2e-scan-'));
  source = await readFile(join(FIXTURES, 'scan-source.txt'), 'utf8');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface OcrJson {
  pages: Array<{ textSource: string; route: string; text: string; lines: Array<{ words: Array<{ text: string; confidence: number; bbox: object }> }> }>;
}

describe('sohoa run on scans', () => {
  const inputs = [join(FIXTURES, 'scan-page.png'), join(FIXTURES, 'scan-page.jpg'), join(SAMPLES, 'scan-page.pdf'), join(FIXTURES, 'scan-two-pages.tif')];
  let out: string;

  beforeAll(async () => {
    out = join(work, 'out');
    const result = await runCli(['--data', join(work, 'data'), 'run', ...inputs, '--out', out, '--ocr-workers', '2']);
    if (result.code !== 0) throw new Error(`sohoa run failed (${result.code}): ${result.stderr}`);
  }, 300_000);

  it.each(['scan-page.png', 'scan-page.jpg', 'scan-page.pdf', 'scan-two-pages.tif'])('OCRs %s with a character error rate under 2%%', async (name) => {
    const ocr = JSON.parse(await readFile(join(out, name, 'ocr.json'), 'utf8')) as OcrJson;
    const ocrText = ocr.pages.map((p) => p.text).join('\n');
    expect(characterErrorRate(ocrText, source)).toBeLessThan(0.02);
    const restored = await readFile(join(out, name, 'text.txt'), 'utf8');
    expect(characterErrorRate(restored.replace(/\f/g, ''), source)).toBeLessThan(0.02);
    const words = ocr.pages.flatMap((p) => p.lines.flatMap((l) => l.words));
    expect(words.length).toBeGreaterThan(100);
    expect(words.every((w) => w.confidence >= 0 && w.confidence <= 100 && w.bbox)).toBe(true);
  });

  it('routes a scanned PDF page to OCR and reads both TIFF frames', async () => {
    const pdf = JSON.parse(await readFile(join(out, 'scan-page.pdf', 'ocr.json'), 'utf8')) as OcrJson;
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]).toMatchObject({ textSource: 'ocr' });
    expect(pdf.pages[0]!.route).toMatch(/no usable text layer/);
    expect(pdf.pages[0]!.route).toMatch(/embedded 2480x3508 scan at 300 dpi, used as it is/);
    const tiff = JSON.parse(await readFile(join(out, 'scan-two-pages.tif', 'ocr.json'), 'utf8')) as OcrJson;
    expect(tiff.pages).toHaveLength(2);
  });

  it('writes a searchable PDF whose text layer reads back as the OCR text, with the page image under it', async () => {
    const tiff = JSON.parse(await readFile(join(out, 'scan-two-pages.tif', 'ocr.json'), 'utf8')) as OcrJson;
    const parser = new PDFParse({ data: new Uint8Array(await readFile(join(out, 'scan-two-pages.tif', 'searchable.pdf'))) });
    try {
      const text = await parser.getText();
      expect(text.pages).toHaveLength(2);
      for (const [i, page] of text.pages.entries()) {
        // Word order within lines and line breaks may differ; compare the words themselves.
        const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
        expect(characterErrorRate(words(page.text), words(tiff.pages[i]!.text))).toBeLessThan(0.02);
      }
      expect(text.text).toContain('Chính quyền điện tử');
      const shot = await parser.getScreenshot({ partial: [1], scale: 0.5, imageBuffer: true, imageDataUrl: false });
      const { data, info } = await sharp(Buffer.from(shot.pages[0]!.data)).greyscale().raw().toBuffer({ resolveWithObject: true });
      const dark = data.filter((v) => v < 200).length / (info.width * info.height);
      // Printed text covers a few percent of a page; an empty page (image missing) would be 0.
      expect(dark).toBeGreaterThan(0.01);
      const info1 = await parser.getInfo();
      expect(info1.total).toBe(2);
    } finally {
      await parser.destroy();
    }
    const hocr = await readFile(join(out, 'scan-two-pages.tif', 'ocr.hocr'), 'utf8');
    expect(hocr.match(/class="ocr_page"/g)).toHaveLength(2);
    await expect(readFile(join(out, 'scan-page.pdf', 'searchable.pdf'))).resolves.toBeInstanceOf(Buffer);
  });

  it('writes archival outputs that pass their standards: ALTO valid against the XSD, hOCR well-formed, PDF/A-2b', async () => {
    for (const name of ['scan-two-pages.tif', 'scan-page.pdf', 'scan-page.jpg']) {
      const alto = await readFile(join(out, name, 'alto.xml'), 'utf8');
      expect(alto.match(/<String /g)!.length).toBeGreaterThan(50);
      expect({ name, errors: await altoErrors(alto, '4-2') }).toEqual({ name, errors: [] });
      expect({ name, errors: await altoErrors(alto, '4-4') }).toEqual({ name, errors: [] });
      expect({ name, errors: await xmlErrors(await readFile(join(out, name, 'ocr.hocr'), 'utf8')) }).toEqual({ name, errors: [] });
      expect({ name, problems: await pdfaProblems(await readFile(join(out, name, 'searchable.pdf'))) }).toEqual({ name, problems: [] });
    }
  });

  it('keeps a JPEG scan as JPEG in its searchable PDF, with the text layer over it', async () => {
    const bytes = await readFile(join(out, 'scan-page.jpg', 'searchable.pdf'));
    const source = await readFile(join(FIXTURES, 'scan-page.jpg'));
    // The page image is embedded as DCT (JPEG) data, not inflated to a PNG several times its size.
    expect(bytes.includes('/DCTDecode')).toBe(true);
    expect(bytes.length).toBeLessThan(source.length * 2);
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    try {
      expect((await parser.getText()).text).toContain('Chính quyền điện tử');
    } finally {
      await parser.destroy();
    }
  });

  it('extracts the indicators from the scans', async () => {
    const rows = parseCsv(await readFile(join(out, 'indicators.csv'), 'utf8'));
    for (const name of ['scan-page.png', 'scan-page.pdf', 'scan-two-pages.tif']) {
      const mine = rows.filter((r) => r.filename === name);
      expect(mine).toContainEqual(expect.objectContaining({ value: '184', denominator: '220', unit: 'xã' }));
      expect(mine).toContainEqual(expect.objectContaining({ value: '403086', unit: 'hồ sơ' }));
    }
    // Quality signals of a clean scan: confident OCR, nearly every word a Vietnamese syllable.
    const ocr = JSON.parse(await readFile(join(out, 'scan-page.png', 'ocr.json'), 'utf8'));
    expect(ocr.pages[0].quality.meanWordConfidence).toBeGreaterThan(80);
    expect(ocr.pages[0].quality.dictionaryShare).toBeGreaterThan(0.9);
    expect(Array.isArray(ocr.pages[0].quality.lowConfidenceWords)).toBe(true);
    // A record read from a scan points at the OCR words it came from.
    const scanned = JSON.parse(await readFile(join(out, 'scan-page.png', 'indicators.json'), 'utf8')) as Array<{ valueText: string; line?: number; boxes?: unknown[] }>;
    const fraction = scanned.find((i) => i.valueText === '184/220');
    expect(fraction?.line).toBeGreaterThan(0);
    expect(fraction?.boxes?.length).toBeGreaterThan(0);
  });

  it('prints hOCR for a page image', async () => {
    const result = await runCli(['ocr', join(FIXTURES, 'scan-page.png'), '--format', 'hocr', '--ocr-workers', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('class="ocr_page"');
    expect(result.stdout).toMatch(/class="ocrx_word"[^>]*x_wconf \d+">QUYẾT</);
  });
});

/** A PNG whose header claims 30000 x 30000 pixels: a decompression bomb in miniature. */
function bombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(30000, 0);
  ihdr.writeUInt32BE(30000, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('bad inputs', () => {
  it('fails each bad file with one clear line and still completes the good one', async () => {
    const bad = join(work, 'bad');
    await require('node:fs/promises').mkdir(bad, { recursive: true });
    const files = {
      empty: join(bad, 'empty.txt'),
      unsupported: join(bad, 'minutes.docx'),
      corrupt: join(bad, 'corrupt.pdf'),
      bomb: join(bad, 'bomb.png'),
      mislabelled: join(bad, 'photo.png'),
    };
    await writeFile(files.empty, '');
    await writeFile(files.unsupported, 'PK\u0003\u0004 not really a document');
    await writeFile(files.corrupt, '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage');
    await writeFile(files.bomb, bombPng());
    await writeFile(files.mislabelled, '%PDF-1.4 this is not an image');
    const good = join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt');
    const encrypted = join(FIXTURES, 'encrypted.pdf');
    const out = join(work, 'bad-out');
    const result = await runCli(['--data', join(work, 'data-bad'), 'run', files.empty, files.unsupported, good, files.corrupt, encrypted, files.bomb, files.mislabelled, '--out', out]);

    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('error'));
    expect(errors).toHaveLength(6);
    const line = (file: string) => errors.find((l) => l.includes(file)) ?? '';
    expect(line(files.empty)).toMatch(/empty/);
    expect(line(files.unsupported)).toMatch(/unsupported file type '\.docx'/);
    expect(line(files.corrupt)).toMatch(/cannot read PDF/);
    expect(line(encrypted)).toMatch(/encrypted/);
    expect(line(files.bomb)).toMatch(/pixel limit/);
    expect(line(files.mislabelled)).toMatch(/named \.png but its content is application\/pdf/);

    const rows = parseCsv(await readFile(join(out, 'indicators.csv'), 'utf8'));
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.filename))).toEqual(new Set(['gia-lai-416-qd-ubnd-2021.ocr.txt']));
  }, 120_000);
});
