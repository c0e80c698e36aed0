/**
 * Scanned PDF pages taken as stored (pdf/find-page-scan.ts): the embedded stream goes to libvips
 * undecoded (JPEG as it is, CCITT G4 and Flate inside a TIFF or PNG header), and what libvips
 * decodes from it is, pixel for pixel, what poppler or pdf.js decode from the same page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { sniffMime } from '../../core/sniff-mime';
import type { PipelineContext } from '../../pipeline/context';
import { loadPages, type PageSource } from '../../pipeline/load-pages';
import { FIXTURES, REPO_ROOT } from '../helpers/cli';

const ctx = { limits: { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 }, ocrMode: 'auto', preprocess: [] } as unknown as PipelineContext;
const pdfFile = (bytes: Buffer, name = 'test.pdf') => ({ path: name, filename: name, documentId: 'ab'.repeat(32), mime: 'application/pdf' as const, bytes });
const image = (page: PageSource | undefined) => {
  if (page?.kind !== 'image') throw new Error('not an image page');
  return page;
};

async function greyPixels(input: Buffer): Promise<Buffer> {
  return sharp(input).greyscale().raw().toBuffer();
}

/** The page's image as pdf.js decodes it in JavaScript (the path these pages no longer take). */
async function pdfJsPixels(pdf: Buffer, pageNumber: number): Promise<Buffer> {
  const reader = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    const found = await reader.getImage({ partial: [pageNumber], imageBuffer: true, imageDataUrl: false, imageThreshold: 300 });
    const [decoded] = found.pages.find((p) => p.pageNumber === pageNumber)!.images;
    return greyPixels(Buffer.from(decoded!.data));
  } finally {
    await reader.destroy();
  }
}

/**
 * The page's first image as poppler's pdfimages decodes it. pdf.js is no oracle for 1-bit images:
 * pdf-parse unpacks their rows without the padding to a whole byte, shearing any page whose width
 * is not a multiple of 8 (the path these pages took before).
 */
function popplerPixels(pdfPath: string, pageNumber: number): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'sohoa-pdfimages-'));
  try {
    execFileSync('pdfimages', ['-f', String(pageNumber), '-l', String(pageNumber), '-png', pdfPath, join(dir, 'image')]);
    return greyPixels(readFileSync(join(dir, 'image-000.png')));
  } catch (error) {
    throw new Error(`this test compares with poppler's pdfimages: install it (Debian: apt-get install poppler-utils): ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-page PDF drawing one image XObject over the whole page, from its stream and dictionary. */
async function pdfWithImage(data: Buffer, dict: Record<string, unknown>, width: number, height: number, dpi: number, extra = ''): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const ref = doc.context.register(doc.context.stream(data, { Type: 'XObject', Subtype: 'Image', Width: width, Height: height, ...dict }));
  const [w, h] = [(width / dpi) * 72, (height / dpi) * 72];
  const page = doc.addPage([w, h]);
  const name = page.node.newXObject('Scan', ref);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`q ${w} 0 0 ${h} 0 0 cm ${name.toString()} Do Q ${extra}`)));
  return Buffer.from(await doc.save());
}

describe('scanned PDF pages taken as stored', () => {
  it('wraps a real 1-bit CCITT G4 scan in a TIFF that decodes to the same pixels as poppler gives, at 200 dpi', async () => {
    const path = join(FIXTURES, 'real-scans', 'scans', 'nq_115_ba_vi.pdf');
    const pdf = await readFile(path);
    const pages = await loadPages(pdfFile(pdf), ctx);
    expect(pages).toHaveLength(2);
    const first = image(pages[0]);
    expect(sniffMime(first.image)).toBe('image/tiff');
    expect(first).toMatchObject({ width: 1671, height: 2431, dpi: 200 });
    expect(first.route).toMatch(/embedded 1671x2431 scan at 200 dpi, used as it is \(CCITT G4 1-bit;/);
    // The wrapper holds the fax data itself: a few bytes of header more than the stream.
    expect(first.image.length).toBeLessThan(36_000);
    expect((await greyPixels(first.image)).equals(await popplerPixels(path, 1))).toBe(true);
    expect(image(pages[1]).route).toMatch(/CCITT G4 1-bit;/);
  }, 60_000);

  it('hands over a JPEG page byte for byte', async () => {
    const jpeg = await readFile(join(FIXTURES, 'scan-page.jpg'));
    const doc = await PDFDocument.create();
    const embedded = await doc.embedJpg(jpeg);
    doc.addPage([595.28, 841.89]).drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const [page] = await loadPages(pdfFile(Buffer.from(await doc.save())), ctx);
    expect(image(page).image.equals(jpeg)).toBe(true);
    expect(image(page).route).toMatch(/scan at 300 dpi, used as it is \(JPEG/);
  });

  it('takes Flate pages without and with PNG predictors, the same pixels as pdf.js decodes', async () => {
    const sample = await readFile(join(REPO_ROOT, 'samples', 'scan-page.pdf'));
    const [plain] = await loadPages(pdfFile(sample), ctx);
    expect(image(plain).route).toMatch(/\(Flate colour;/);
    expect((await greyPixels(image(plain).image)).equals(await pdfJsPixels(sample, 1))).toBe(true);

    // A PNG's image data is Flate with PNG predictors: the stream a PDF writer copies from a PNG.
    const png = await readFile(join(FIXTURES, 'scan-page.png'));
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
    const filtered = Buffer.alloc((info.width + 1) * info.height);
    for (let y = 0; y < info.height; y++) {
      filtered[y * (info.width + 1)] = 1; // "Sub": each byte less its left neighbour
      for (let x = 0; x < info.width; x++) {
        const left = x > 0 ? data[y * info.width + x - 1]! : 0;
        filtered[y * (info.width + 1) + 1 + x] = (data[y * info.width + x]! - left) & 0xff;
      }
    }
    const predicted = await pdfWithImage(
      deflateSync(filtered),
      { ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode', DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: info.width } },
      info.width,
      info.height,
      300,
    );
    const [page] = await loadPages(pdfFile(predicted), ctx);
    expect(sniffMime(image(page).image)).toBe('image/png');
    expect((await greyPixels(image(page).image)).equals(data)).toBe(true);
    expect((await pdfJsPixels(predicted, 1)).equals(data)).toBe(true);
  }, 60_000);

  it('turns a page the PDF shows turned, and renders a page that paints text over its scan', async () => {
    const jpeg = await readFile(join(FIXTURES, 'scan-page.jpg'));
    const doc = await PDFDocument.create();
    const embedded = await doc.embedJpg(jpeg);
    const turned = doc.addPage([595.28, 841.89]);
    turned.drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
    turned.setRotation({ type: 'degrees' as never, angle: 90 });
    const annotated = doc.addPage([595.28, 841.89]);
    annotated.drawImage(embedded, { x: 0, y: 0, width: 595.28, height: 841.89 });
    annotated.drawText('APPROVED', { x: 40, y: 40, size: 10 });
    const pages = await loadPages(pdfFile(Buffer.from(await doc.save())), ctx);
    expect(image(pages[0])).toMatchObject({ width: 3508, height: 2480 });
    expect(image(pages[0]).route).toMatch(/turned 90°/);
    expect((await sharp(image(pages[0]).image).metadata()).width).toBe(3508);
    expect(image(pages[1]).route).toMatch(/rendered at 300 dpi \(it paints text besides images\)/);
  }, 60_000);

  it('refuses a scan over the pixel limit before decoding it, naming the file and the page', async () => {
    const huge = await pdfWithImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'DCTDecode' }, 20_000, 20_000, 1200);
    await expect(loadPages(pdfFile(huge, 'huge-scan.pdf'), ctx)).rejects.toThrow(/huge-scan\.pdf: page 1's image \(20000x20000\) has more pixels than the limit of 100,000,000/);
  });
});
