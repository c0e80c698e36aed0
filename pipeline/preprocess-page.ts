/**
 * Stage 2b for a scanned page: cleans the image before OCR, each step switchable and timed, the
 * steps taken written into the page's route. Normalization stretches the grey range, the median
 * filter removes speckle, orientation turns a sideways or upside-down page upright, deskew levels
 * text lines turned up to ±15°, and low-resolution scans (under 200 dpi) are enlarged to 300 dpi,
 * where Tesseract reads best.
 */
import sharp from 'sharp';
import { estimatePageGeometry } from '../ocr/estimate-orientation';
import { estimateSkew } from '../ocr/estimate-skew';
import type { PipelineContext } from './context';

export const PREPROCESS_STEPS = ['normalize', 'denoise', 'orient', 'deskew', 'upscale'] as const;
export type PreprocessStep = (typeof PREPROCESS_STEPS)[number];

/** A smaller turn than this is left alone: resampling costs more sharpness than it gains. */
const MIN_SKEW_DEGREES = 0.3;
const LOW_DPI = 200;
const TARGET_DPI = 300;
/** The widest sheet an archive scans (A3 landscape is 16.5 in). */
const MAX_PAGE_INCHES = 17;

export interface PreprocessedImage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number | null;
  /** "normalize 20 ms, deskew 4.98° 130 ms": what was done, for the page's route. */
  summary: string;
}

/** A grey image held raw between steps: encoding PNG after every step would cost more than the steps. */
interface Grey {
  data: Buffer;
  width: number;
  height: number;
}

const load = (g: Grey) => sharp(g.data, { raw: { width: g.width, height: g.height, channels: 1 } });
async function grey(input: sharp.Sharp): Promise<Grey> {
  const { data, info } = await input.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const HISTOGRAM_STRIDE = 5;

/** Stretches the grey range so the darkest 0.5 % of pixels become black and the lightest 0.5 % white. */
async function stretchContrast(page: Grey): Promise<Grey> {
  // Every fifth pixel is plenty for two percentiles of an eight-megapixel page.
  const histogram = new Uint32Array(256);
  const pixels = page.data;
  let sampled = 0;
  for (let i = 0; i < pixels.length; i += HISTOGRAM_STRIDE, sampled++) histogram[pixels[i]!]!++;
  const cut = sampled * 0.005;
  let low = 0;
  for (let seen = 0; low < 255 && seen + histogram[low]! <= cut; low++) seen += histogram[low]!;
  let high = 255;
  for (let seen = 0; high > 0 && seen + histogram[high]! <= cut; high--) seen += histogram[high]!;
  if (high - low < 16) return page; // a blank or flat page: nothing to stretch
  // The mapping itself runs in libvips: a pass over eight million pixels is slow in JavaScript.
  const scale = 255 / (high - low);
  // libvips truncates the float result to a byte: the half rounds it instead.
  return grey(load(page).linear(scale, 0.5 - low * scale));
}

/**
 * `image` is an encoded image, or a sharp pipeline that decodes one (a TIFF frame, a rendered PDF
 * page): handing the pipeline over spares a PNG encode and decode before the steps.
 */
export async function preprocessPage(source: { image: Buffer | sharp.Sharp; dpi: number | null }, ctx: Pick<PipelineContext, 'preprocess' | 'limits'>): Promise<PreprocessedImage> {
  const steps = new Set(ctx.preprocess);
  const input = Buffer.isBuffer(source.image) ? sharp(source.image) : source.image;
  if (steps.size === 0 && Buffer.isBuffer(source.image)) {
    const meta = await input.metadata();
    return { png: source.image, width: meta.width!, height: meta.height!, dpi: source.dpi, summary: 'no preprocessing' };
  }
  let page = await grey(input);
  let dpi = source.dpi;
  const done: string[] = [];
  const timed = async (name: string, step: () => Promise<string>) => {
    const start = process.hrtime.bigint();
    const detail = await step();
    done.push(`${name}${detail ? ` ${detail}` : ''} ${Math.round(Number(process.hrtime.bigint() - start) / 1e6)} ms`);
  };
  if (steps.has('normalize')) {
    await timed('normalize', async () => {
      page = await stretchContrast(page);
      return '';
    });
  }
  if (steps.has('denoise')) {
    await timed('denoise', async () => {
      page = await grey(load(page).median(3));
      return '';
    });
  }
  // Orientation levels the lines to read them, so its angle spares deskew a second measurement.
  let measuredSkew: number | null = null;
  if (steps.has('orient')) {
    await timed('orient', async () => {
      const geometry = await estimatePageGeometry(load(page));
      measuredSkew = geometry.skew;
      if (geometry.turn === 0) return 'upright';
      page = await grey(load(page).rotate(geometry.turn));
      return `turned ${geometry.turn}°`;
    });
  }
  if (steps.has('deskew')) {
    await timed('deskew', async () => {
      const degrees = measuredSkew ?? (await estimateSkew(load(page)));
      if (Math.abs(degrees) < MIN_SKEW_DEGREES) return `${degrees}° (left)`;
      page = await grey(load(page).rotate(degrees, { background: '#ffffff' }));
      return `${degrees}°`;
    });
  }
  // A resolution is believed only when it makes a page-sized sheet (a 4000-pixel photo "at 72 dpi" is no 55-inch page).
  const factor = dpi === null ? 1 : TARGET_DPI / dpi;
  const pageSized = dpi !== null && page.width / dpi <= MAX_PAGE_INCHES;
  const fits = page.width * page.height * factor * factor <= ctx.limits.maxPixels;
  if (steps.has('upscale') && dpi !== null && dpi < LOW_DPI && pageSized && fits) {
    await timed('upscale', async () => {
      page = await grey(load(page).resize({ width: Math.round(page.width * factor), kernel: 'lanczos3' }));
      const from = dpi;
      dpi = TARGET_DPI;
      return `${from}->${TARGET_DPI} dpi`;
    });
  }
  // zlib level 3: within 2-15 % of the default's size at half its time on a noisy 300 dpi page.
  const png = await load(page).png({ compressionLevel: 3 }).toBuffer();
  return { png, width: page.width, height: page.height, dpi, summary: done.length ? `preprocess: ${done.join(', ')}` : 'no preprocessing' };
}
