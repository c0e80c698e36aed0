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
import { encodeStored, sharpOf, storedImageMime, toGrey, type GreyImage, type StoredImageFormat } from '../ocr/grey-image';
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
  /** The page as kept (page view, searchable PDF): PNG, or JPEG when the source was JPEG. */
  image: Buffer;
  width: number;
  height: number;
  dpi: number | null;
  /** "normalize 20 ms, deskew 4.98° 130 ms": what was done, for the page's route. */
  summary: string;
}

const HISTOGRAM_STRIDE = 5;

/** A grey mapping y = scale * x + offset, applied by libvips. */
interface GreyMapping {
  scale: number;
  offset: number;
}

/**
 * The mapping that stretches the grey range so the darkest 0.5 % of pixels become black and the
 * lightest 0.5 % white; null for a blank or flat page.
 */
function contrastStretch(page: GreyImage): GreyMapping | null {
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
  if (high - low < 16) return null;
  const scale = 255 / (high - low);
  // libvips truncates the float result to a byte: the half rounds it instead.
  return { scale, offset: 0.5 - low * scale };
}

/** The size of a width x height page once turned by `degrees` on a canvas that holds all of it. */
function turnedSize(width: number, height: number, degrees: number): { width: number; height: number } {
  const radians = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.abs(Math.cos(radians)), Math.abs(Math.sin(radians))];
  return { width: Math.round(width * cos + height * sin), height: Math.round(width * sin + height * cos) };
}

/**
 * `image` is an encoded image, or a sharp pipeline that decodes one (a TIFF frame, a rendered PDF
 * page): handing the pipeline over spares a PNG encode and decode before the steps.
 */
export interface PageImageSource {
  image: Buffer | sharp.Sharp;
  dpi: number | null;
  /** How to keep the result: JPEG for a JPEG scan (re-encoding it as PNG would only make it bigger), else PNG. */
  storeAs?: StoredImageFormat;
}

/**
 * The steps decide on the decoded page (a grey mapping, a turn, a scale) and measure on small
 * copies; the full-size page is resampled once, in one libvips pass straight into the kept
 * encoding, rather than once per step.
 */
export async function preprocessPage(source: PageImageSource, ctx: Pick<PipelineContext, 'preprocess' | 'limits'>): Promise<PreprocessedImage> {
  const steps = new Set(ctx.preprocess);
  const input = Buffer.isBuffer(source.image) ? sharp(source.image) : source.image;
  if (steps.size === 0 && Buffer.isBuffer(source.image) && storedImageMime(source.image) !== null) {
    // A PNG or JPEG no step is to touch is kept as it came.
    const meta = await input.metadata();
    return { image: source.image, width: meta.width!, height: meta.height!, dpi: source.dpi, summary: 'no preprocessing' };
  }
  let page = await toGrey(input);
  let mapping: GreyMapping | null = null;
  /** The page as the steps so far leave it, still lazy. */
  const adjusted = () => (mapping ? sharpOf(page).linear(mapping.scale, mapping.offset) : sharpOf(page));
  const done: string[] = [];
  const timed = async (name: string, step: () => Promise<string>) => {
    const start = process.hrtime.bigint();
    const detail = await step();
    done.push(`${name}${detail ? ` ${detail}` : ''} ${Math.round(Number(process.hrtime.bigint() - start) / 1e6)} ms`);
  };
  if (steps.has('normalize')) {
    await timed('normalize', async () => {
      mapping = contrastStretch(page);
      return mapping ? '' : '(flat page, left)';
    });
  }
  if (steps.has('denoise')) {
    // The median needs its neighbours at full size: the one step that makes a new full-size copy.
    await timed('denoise', async () => {
      page = await toGrey(adjusted().median(3));
      mapping = null;
      return '';
    });
  }
  // Orientation levels the lines to read them, so its angle spares deskew a second measurement.
  let turn = 0;
  let measuredSkew: number | null = null;
  if (steps.has('orient')) {
    await timed('orient', async () => {
      const geometry = await estimatePageGeometry(adjusted());
      measuredSkew = geometry.skew;
      turn = geometry.turn;
      return turn === 0 ? 'upright' : `turned ${turn}°`;
    });
  }
  let skew = 0;
  if (steps.has('deskew')) {
    await timed('deskew', async () => {
      const degrees = measuredSkew ?? (await estimateSkew(turn === 0 ? adjusted() : adjusted().rotate(turn)));
      if (Math.abs(degrees) < MIN_SKEW_DEGREES) return `${degrees}° (left)`;
      skew = degrees;
      return `${degrees}°`;
    });
  }
  const angle = turn + skew;
  const turned = turnedSize(page.width, page.height, angle);
  // A resolution is believed only when it makes a page-sized sheet (a 4000-pixel photo "at 72 dpi" is no 55-inch page).
  let dpi = source.dpi;
  const factor = dpi === null ? 1 : TARGET_DPI / dpi;
  const pageSized = dpi !== null && turned.width / dpi <= MAX_PAGE_INCHES;
  const fits = turned.width * turned.height * factor * factor <= ctx.limits.maxPixels;
  let width: number | null = null;
  if (steps.has('upscale') && dpi !== null && dpi < LOW_DPI && pageSized && fits) {
    width = Math.round(turned.width * factor);
    done.push(`upscale ${dpi}->${TARGET_DPI} dpi`);
    dpi = TARGET_DPI;
  }
  const start = process.hrtime.bigint();
  let output = adjusted();
  if (angle !== 0) output = output.rotate(angle, { background: '#ffffff' });
  if (width !== null) output = output.resize({ width, kernel: 'lanczos3' });
  const kept = await encodeStored(output, source.storeAs ?? 'png', dpi);
  done.push(`resample and encode ${Math.round(Number(process.hrtime.bigint() - start) / 1e6)} ms`);
  return { image: kept.bytes, width: kept.width, height: kept.height, dpi, summary: steps.size ? `preprocess: ${done.join(', ')}` : 'no preprocessing' };
}
