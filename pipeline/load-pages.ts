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
 * A scanned PDF page is usually one image over the whole page: that image, at its own resolution,
 * beats rendering the page again (no resampling). Null when the page has other content, several
 * images, or an image of another shape.
 */
async function wholePageImage(parser: PDFParse, pageNumber: number): Promise<{ image: sharp.Sharp; width: number; height: number; dpi: number } | null> {
  const found = await parser.getImage({ partial: [pageNumber], imageBuffer: true, imageDataUrl: false, imageThreshold: 300 });
  const images = found.pages.find((p) => p.pageNumber === pageNumber)?.images ?? [];
  if (images.length !== 1) return null;
  const image = images[0]!;
  // The page's size in points, from a thumbnail (scale 0.05 of 72 dpi).
  const thumb = (await parser.getScreenshot({ partial: [pageNumber], scale: 0.05, imageDataUrl: false, imageBuffer: false })).pages[0];
  if (!thumb) return null;
  const [pageWidth, pageHeight] = [thumb.width / 0.05, thumb.height / 0.05];
  if (Math.abs(image.width / image.height - pageWidth / pageHeight) > SAME_SHAPE * (pageWidth / pageHeight)) return null;
  return { image: sharp(Buffer.from(image.data)), width: image.width, height: image.height, dpi: Math.round(image.width / (pageWidth / 72)) };
}

async function loadPdfPages(file: IngestedFile, ctx: PipelineContext): Promise<PageSource[]> {
  const parser = new PDFParse({ data: new Uint8Array(file.bytes) });
  try {
    let text: Awaited<ReturnType<typeof parser.getText>>;
    try {
      text = await parser.getText();
    } catch (error) {
      const name = (error as Error).name ?? '';
      if (/password/i.test(name) || /password/i.test((error as Error).message)) {
        throw new InputError('ENCRYPTED_PDF', file.path, 'the PDF is encrypted (password protected); decrypt it first, e.g. qpdf --decrypt');
      }
      throw new InputError('CORRUPT_FILE', file.path, `cannot read PDF: ${(error as Error).message}`, error);
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
      const embedded = await wholePageImage(parser, page.num);
      if (embedded) {
        if (embedded.width * embedded.height > ctx.limits.maxPixels) {
          throw new InputError('IMAGE_TOO_LARGE', file.path, `page ${page.num}'s image has more pixels than the limit`);
        }
        const clean = await preprocessPage({ image: embedded.image, dpi: embedded.dpi }, ctx);
        const route = `PDF page: its embedded ${embedded.width}x${embedded.height} scan at ${embedded.dpi} dpi, used as it is (${reason}); ${clean.summary}`;
        pages.push({ number: page.num, kind: 'image', image: clean.image, width: clean.width, height: clean.height, dpi: clean.dpi, route });
        continue;
      }
      const shot = await parser.getScreenshot({ partial: [page.num], scale: RENDER_DPI / 72, imageDataUrl: false, imageBuffer: true });
      const rendered = shot.pages[0];
      if (!rendered) throw new InputError('CORRUPT_FILE', file.path, `page ${page.num} cannot be rendered`);
      if (rendered.width * rendered.height > ctx.limits.maxPixels) {
        throw new InputError('IMAGE_TOO_LARGE', file.path, `page ${page.num} renders to more pixels than the limit`);
      }
      const clean = await preprocessPage({ image: sharp(Buffer.from(rendered.data)), dpi: RENDER_DPI }, ctx);
      pages.push({ number: page.num, kind: 'image', image: clean.image, width: clean.width, height: clean.height, dpi: clean.dpi, route: `PDF page rendered at ${RENDER_DPI} dpi: ${reason}; ${clean.summary}` });
    }
    return pages;
  } finally {
    await parser.destroy();
  }
}
