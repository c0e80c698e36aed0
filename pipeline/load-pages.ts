/**
 * Stage 2: turn the file into pages. Text files are one page of text; images give one page per
 * frame (multi-page TIFF too); a PDF page keeps its text layer when it has one, otherwise its
 * embedded scan is taken as it is stored (pdf/find-page-scan.ts), and only a page that is not one
 * scan is rendered at 300 dpi. Nothing is decoded here unless it must be: a page image is cleaned
 * up where it is read (pipeline/recognize-page.ts), so pages fan out as soon as they exist. Each
 * page records why it took its route.
 */
import { PDFDocument } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import type { Page } from '../core/contracts';
import { InputError } from '../core/errors';
import { findPageScan, type PageScan } from '../pdf/find-page-scan';
import type { PipelineContext } from './context';
import type { IngestedFile } from './ingest-file';

export type PageSource =
  | { number: number; kind: 'text'; text: string; textSource: 'text-file' | 'pdf-text'; route: string; width: number; height: number }
  /** `image`: the page as found (JPEG, PNG or TIFF bytes), not yet cleaned up; its size and resolution. */
  | { number: number; kind: 'image'; image: Buffer; width: number; height: number; dpi: number | null; route: string };

/** A text page is final as loaded: no OCR, no boxes. */
export function textPage(source: Extract<PageSource, { kind: 'text' }>): Page {
  return {
    number: source.number,
    imageRef: null,
    width: source.width,
    height: source.height,
    dpi: null,
    textSource: source.textSource,
    route: source.route,
    text: source.text,
    lines: [],
    meanConfidence: null,
    skipped: null,
  };
}

const RENDER_DPI = 300;
/** A text layer with fewer letters than this is treated as absent (scans often carry a stray few). */
const MIN_TEXT_LAYER_LETTERS = 30;

export async function loadPages(file: IngestedFile, ctx: PipelineContext): Promise<PageSource[]> {
  switch (file.mime) {
    case 'text/plain':
      return [loadTextPage(file)];
    case 'application/pdf':
      return loadPdfPages(file, ctx);
    default:
      return loadImagePages(file, ctx);
  }
}

function loadTextPage(file: IngestedFile): PageSource {
  const text = file.bytes.toString('utf8').replace(/^\uFEFF/, '').normalize('NFC');
  if (text.trim().length === 0) throw new InputError('EMPTY_FILE', file.path, 'the text file holds only white space');
  return { number: 1, kind: 'text', text, textSource: 'text-file', route: 'text file: taken as OCR output', width: 0, height: 0 };
}

function imageError(file: IngestedFile, error: unknown): InputError {
  const message = (error as Error).message ?? String(error);
  if (/pixel limit/i.test(message)) {
    return new InputError('IMAGE_TOO_LARGE', file.path, 'image exceeds the pixel limit (possible decompression bomb); raise --max-pixels if it is genuine');
  }
  return new InputError('CORRUPT_FILE', file.path, `cannot decode image: ${message}`, error);
}

async function loadImagePages(file: IngestedFile, ctx: PipelineContext): Promise<PageSource[]> {
  const limitInputPixels = ctx.limits.maxPixels;
  let meta: sharp.Metadata;
  try {
    meta = await sharp(file.bytes, { limitInputPixels }).metadata();
  } catch (error) {
    throw imageError(file, error);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > limitInputPixels) {
    throw imageError(file, new Error('pixel limit'));
  }
  const frames = meta.pages ?? 1;
  refuseTooManyPages(file, frames, 'frames', ctx);
  const route = (i: number) => `image frame ${i + 1}/${frames}: OCR`;
  if (frames === 1) {
    return [{ number: 1, kind: 'image', image: file.bytes, width: meta.width!, height: meta.height!, dpi: meta.density ?? null, route: route(0) }];
  }
  const pages: PageSource[] = [];
  for (let i = 0; i < frames; i++) {
    try {
      // A frame of a multi-page TIFF becomes an image of its own, losslessly and quickly (libvips, off the main thread).
      const { data, info } = await sharp(file.bytes, { page: i, limitInputPixels }).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
      pages.push({ number: i + 1, kind: 'image', image: data, width: info.width, height: info.height, dpi: meta.density ?? null, route: route(i) });
    } catch (error) {
      throw imageError(file, error);
    }
  }
  return pages;
}

/**
 * How long one call into the PDF reader may take. pdf.js can leave a promise unsettled for good
 * (an image shared by several pages, asked for after a render); the file then fails, naming
 * itself, instead of the run ending silently with nothing done.
 */
const PDF_CALL_MS = 120_000;

function refuseTooManyPages(file: IngestedFile, count: number, what: string, ctx: PipelineContext): void {
  if (count > ctx.limits.maxPages) {
    throw new InputError('TOO_LARGE', file.path, `${count} ${what}, over the limit of ${ctx.limits.maxPages}; split the file, or raise --max-pages if it is genuine`);
  }
}

async function within<T>(file: IngestedFile, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InputError('CORRUPT_FILE', file.path, `the PDF reader did not finish ${what} within ${PDF_CALL_MS / 1000} s`)), PDF_CALL_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The page's scan as stored, turned and inverted as the page shows it when it has to be (the one
 * case that decodes it, in libvips). Null, with the reason, when the page must be rendered.
 */
async function pageScan(file: IngestedFile, document: PDFDocument | string, pageNumber: number, ctx: PipelineContext): Promise<{ scan: PageScan; image: Buffer } | { reason: string }> {
  if (typeof document === 'string') return { reason: document };
  const found = await findPageScan(document.getPage(pageNumber - 1));
  if ('reason' in found) return found;
  const { scan } = found;
  if (scan.width * scan.height > ctx.limits.maxPixels) {
    throw new InputError('IMAGE_TOO_LARGE', file.path, `page ${pageNumber}'s image (${scan.width}x${scan.height}) has more pixels than the limit of ${ctx.limits.maxPixels.toLocaleString('en')}`);
  }
  if (scan.rotate === 0 && !scan.invert) return { scan, image: scan.bytes };
  let image = sharp(scan.bytes, { limitInputPixels: ctx.limits.maxPixels }).rotate(scan.rotate);
  if (scan.invert) image = image.negate({ alpha: false });
  const encoded = scan.format === 'jpeg' ? image.jpeg({ quality: 95 }) : image.png({ compressionLevel: 1 });
  return { scan, image: await encoded.withDensity(scan.dpi).toBuffer() };
}

/** The PDF as pdf-lib reads it, or why it cannot (then every page is rendered by pdf.js). */
async function openForScans(file: IngestedFile): Promise<PDFDocument | string> {
  try {
    return await PDFDocument.load(file.bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch (error) {
    return `its objects cannot be read for their scans (${(error as Error).message})`;
  }
}

function pdfReadError(file: IngestedFile, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const name = (error as Error).name ?? '';
  if (/password/i.test(name) || /password/i.test((error as Error).message)) {
    return new InputError('ENCRYPTED_PDF', file.path, 'the PDF is encrypted (password protected); decrypt it first, e.g. qpdf --decrypt');
  }
  return new InputError('CORRUPT_FILE', file.path, `cannot read PDF: ${(error as Error).message}`, error);
}

async function loadPdfPages(file: IngestedFile, ctx: PipelineContext): Promise<PageSource[]> {
  // Text and embedded images come from one reader, renders from another: pdf.js never settles a
  // request for an image that several pages share once the same reader has rendered a page.
  const reader = new PDFParse({ data: new Uint8Array(file.bytes) });
  let renderer: PDFParse | null = null;
  let scans: PDFDocument | string | null = null;
  try {
    let text: Awaited<ReturnType<typeof reader.getText>>;
    let sizes: Map<number, { width: number; height: number }>;
    try {
      text = await within(file, 'reading the text layer', reader.getText());
      refuseTooManyPages(file, text.pages.length, 'pages', ctx);
      const info = await within(file, 'reading the page sizes', reader.getInfo({ parsePageInfo: true }));
      sizes = new Map(info.pages.map((p) => [p.pageNumber, { width: p.width, height: p.height }]));
    } catch (error) {
      throw pdfReadError(file, error);
    }
    if (text.pages.length === 0) throw new InputError('CORRUPT_FILE', file.path, 'the PDF has no pages');
    const pages: PageSource[] = [];
    for (const page of text.pages) {
      const letters = (page.text.match(/\p{L}/gu) ?? []).length;
      const hasTextLayer = letters >= MIN_TEXT_LAYER_LETTERS;
      if (hasTextLayer && ctx.ocrMode !== 'always') {
        pages.push({ number: page.num, kind: 'text', text: page.text.normalize('NFC'), textSource: 'pdf-text', route: `PDF text layer (${letters} letters)`, width: 0, height: 0 });
        continue;
      }
      if (ctx.ocrMode === 'never') {
        pages.push({ number: page.num, kind: 'text', text: page.text.normalize('NFC'), textSource: 'pdf-text', route: 'no usable text layer, OCR disabled', width: 0, height: 0 });
        continue;
      }
      const reason = hasTextLayer ? 'OCR forced' : `no usable text layer (${letters} letters)`;
      const size = sizes.get(page.num);
      if (!size || !(size.width > 0 && size.height > 0)) throw new InputError('CORRUPT_FILE', file.path, `page ${page.num} has no usable size`);
      scans ??= await openForScans(file);
      const embedded = await pageScan(file, scans, page.num, ctx);
      if ('scan' in embedded) {
        const { scan } = embedded;
        const [width, height] = scan.rotate % 180 === 0 ? [scan.width, scan.height] : [scan.height, scan.width];
        const extras = [scan.description.replace(/ \d+x\d+ at \d+ dpi$/, ''), scan.rotate ? `turned ${scan.rotate}°` : '', scan.invert ? 'inverted' : '', scan.leftOut ? `${scan.leftOut} small image(s) over it left out` : ''];
        const route = `PDF page: its embedded ${scan.width}x${scan.height} scan at ${scan.dpi} dpi, used as it is (${extras.filter(Boolean).join(', ')}; ${reason})`;
        pages.push({ number: page.num, kind: 'image', image: embedded.image, width, height, dpi: scan.dpi, route });
        continue;
      }
      // Checked before rendering: the renderer fails on a huge page with a message that names neither file nor cause.
      const scale = RENDER_DPI / 72;
      const renderedPixels = Math.round(size.width * scale) * Math.round(size.height * scale);
      if (renderedPixels > ctx.limits.maxPixels) {
        const inches = `${(size.width / 72).toFixed(0)}x${(size.height / 72).toFixed(0)} in`;
        throw new InputError('IMAGE_TOO_LARGE', file.path, `page ${page.num} (${inches}) renders at ${RENDER_DPI} dpi to ${renderedPixels.toLocaleString('en')} pixels, more than the limit of ${ctx.limits.maxPixels.toLocaleString('en')}`);
      }
      renderer ??= new PDFParse({ data: new Uint8Array(file.bytes) });
      const shot = await within(file, `rendering page ${page.num}`, renderer.getScreenshot({ partial: [page.num], scale, imageDataUrl: false, imageBuffer: true }));
      const rendered = shot.pages[0];
      if (!rendered) throw new InputError('CORRUPT_FILE', file.path, `page ${page.num} cannot be rendered`);
      const image = Buffer.from(rendered.data);
      const renderedSize = await sharp(image).metadata();
      pages.push({
        number: page.num,
        kind: 'image',
        image,
        width: renderedSize.width!,
        height: renderedSize.height!,
        dpi: RENDER_DPI,
        route: `PDF page rendered at ${RENDER_DPI} dpi (${embedded.reason}): ${reason}`,
      });
    }
    return pages;
  } finally {
    await reader.destroy();
    await renderer?.destroy();
  }
}
