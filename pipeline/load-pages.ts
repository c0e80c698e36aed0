/**
 * Stage 2: turn the file into pages. Text files are one page of text; images give one page per
 * frame (multi-page TIFF too); a PDF page keeps its text layer when it has one, otherwise it is
 * rendered at 300 dpi for OCR. Each page records why it took its route.
 */
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import type { Page } from '../core/contracts';
import { InputError } from '../core/errors';
import { storedFormatFor } from '../ocr/grey-image';
import type { PipelineContext } from './context';
import { preprocessPage } from './preprocess-page';
import type { IngestedFile } from './ingest-file';

export type PageSource =
  | { number: number; kind: 'text'; text: string; textSource: 'text-file' | 'pdf-text'; route: string; width: number; height: number }
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
  const pages: PageSource[] = [];
  for (let i = 0; i < frames; i++) {
    try {
      const clean = await preprocessPage({ image: sharp(file.bytes, { page: i, limitInputPixels }), dpi: meta.density ?? null, storeAs: storedFormatFor(file.mime) }, ctx);
      pages.push({ number: i + 1, kind: 'image', image: clean.image, width: clean.width, height: clean.height, dpi: clean.dpi, route: `image frame ${i + 1}/${frames}: OCR; ${clean.summary}` });
    } catch (error) {
      throw imageError(file, error);
    }
  }
  return pages;
}

/** How closely an image's shape must match its page's to be taken for a full-page scan. */
const SAME_SHAPE = 0.02;
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
 * A scanned PDF page is usually one image over the whole page: that image, at its own resolution,
 * beats rendering the page again (no resampling). Null when the page has other content, several
 * images, or an image of another shape. `size` is the page's size in points.
 */
async function wholePageImage(
  file: IngestedFile,
  images: PDFParse,
  pageNumber: number,
  size: { width: number; height: number },
): Promise<{ image: sharp.Sharp; width: number; height: number; dpi: number } | null> {
  const found = await within(file, `reading page ${pageNumber}'s images`, images.getImage({ partial: [pageNumber], imageBuffer: true, imageDataUrl: false, imageThreshold: 300 }));
  const pageImages = found.pages.find((p) => p.pageNumber === pageNumber)?.images ?? [];
  if (pageImages.length !== 1) return null;
  const image = pageImages[0]!;
  if (Math.abs(image.width / image.height - size.width / size.height) > SAME_SHAPE * (size.width / size.height)) return null;
  return { image: sharp(Buffer.from(image.data)), width: image.width, height: image.height, dpi: Math.round(image.width / (size.width / 72)) };
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
      const embedded = await wholePageImage(file, reader, page.num, size);
      if (embedded) {
        if (embedded.width * embedded.height > ctx.limits.maxPixels) {
          throw new InputError('IMAGE_TOO_LARGE', file.path, `page ${page.num}'s image has more pixels than the limit`);
        }
        const clean = await preprocessPage({ image: embedded.image, dpi: embedded.dpi }, ctx);
        const route = `PDF page: its embedded ${embedded.width}x${embedded.height} scan at ${embedded.dpi} dpi, used as it is (${reason}); ${clean.summary}`;
        pages.push({ number: page.num, kind: 'image', image: clean.image, width: clean.width, height: clean.height, dpi: clean.dpi, route });
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
      const clean = await preprocessPage({ image: sharp(Buffer.from(rendered.data)), dpi: RENDER_DPI }, ctx);
      pages.push({ number: page.num, kind: 'image', image: clean.image, width: clean.width, height: clean.height, dpi: clean.dpi, route: `PDF page rendered at ${RENDER_DPI} dpi: ${reason}; ${clean.summary}` });
    }
    return pages;
  } finally {
    await reader.destroy();
    await renderer?.destroy();
  }
}
