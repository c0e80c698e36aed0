/**
 * The skew of a text page, by projection profiles: on a small binarized copy, the angle at which
 * the dark pixels pile up into the sharpest rows is the angle of the text lines. Searched within
 * ±15°, coarse then fine.
 */
import sharp from 'sharp';

/** Width of the copy the angle is measured on: enough for text lines, cheap to project. */
const WORK_WIDTH = 1000;
const MAX_DEGREES = 15;
const MAX_DARK_PIXELS = 120_000;

/** Otsu's threshold of a grey histogram. */
function otsu(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * histogram[i]!;
  let background = 0;
  let backgroundSum = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    background += histogram[t]!;
    if (background === 0) continue;
    const foreground = data.length - background;
    if (foreground === 0) break;
    backgroundSum += t * histogram[t]!;
    const meanB = backgroundSum / background;
    const meanF = (sum - backgroundSum) / foreground;
    const between = background * foreground * (meanB - meanF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/** How sharply the dark pixels fall into rows when the page is turned by `degrees`. */
function profileSharpness(xs: Float64Array, ys: Float64Array, degrees: number, height: number, width: number): number {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const offset = Math.ceil(width * Math.abs(sin)) + 1;
  const rows = new Float64Array(height + 2 * offset + 2);
  // Shifted by `offset` so every row is positive and truncation rounds.
  const shift = offset + 0.5;
  for (let i = 0; i < xs.length; i++) {
    const row = (ys[i]! * cos - xs[i]! * sin + shift) | 0;
    if (row >= 0 && row < rows.length) rows[row]!++;
  }
  let sharpness = 0;
  for (let r = 1; r < rows.length; r++) sharpness += (rows[r]! - rows[r - 1]!) ** 2;
  return sharpness;
}

/** The dark pixels of a small binarized copy of the page. */
export interface DarkPixels {
  xs: Float64Array;
  ys: Float64Array;
  width: number;
  height: number;
}

export async function darkPixels(image: Buffer | sharp.Sharp): Promise<DarkPixels> {
  const input = Buffer.isBuffer(image) ? sharp(image) : image.clone();
  const { data, info } = await input.greyscale().resize({ width: WORK_WIDTH, height: WORK_WIDTH, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const threshold = otsu(data);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  // A noisy scan can make a third of the copy "dark": an even sample keeps the profiles' shape at a fraction of the work.
  const stride = Math.max(1, Math.ceil(xs.length / MAX_DARK_PIXELS));
  const sampled = (values: number[]) => Float64Array.from({ length: Math.ceil(values.length / stride) }, (_, i) => values[i * stride]!);
  return { xs: sampled(xs), ys: sampled(ys), width: info.width, height: info.height };
}

/** The same pixels with rows and columns exchanged: a sideways page's lines become rows. */
export function transposed(p: DarkPixels): DarkPixels {
  return { xs: p.ys, ys: p.xs, width: p.height, height: p.width };
}

/**
 * The turn (sharp's rotate, degrees) that levels the pixels' text lines within ±15°, and how sharp
 * the rows then are; 0 and no sharpness when there is too little ink to tell.
 */
export function levelLines(p: DarkPixels, options: { refine: boolean } = { refine: true }): { degrees: number; sharpness: number } {
  if (p.xs.length < 500) return { degrees: 0, sharpness: 0 };
  const search = (from: number, to: number, step: number) => {
    let best = 0;
    let bestScore = -1;
    for (let a = from; a <= to + 1e-9; a += step) {
      const score = profileSharpness(p.xs, p.ys, a, p.height, p.width);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return { best, bestScore };
  };
  const whole = search(-MAX_DEGREES, MAX_DEGREES, 1);
  if (!options.refine) return { degrees: -whole.best || 0, sharpness: whole.bestScore };
  const coarse = whole.best;
  const fine = search(coarse - 1, coarse + 1, 0.1).best;
  const finest = search(fine - 0.1, fine + 0.1, 0.02);
  // Rows measured at angle a level the lines that a turn of -a levels too (image y points down).
  return { degrees: -Math.round(finest.best * 100) / 100 || 0, sharpness: finest.bestScore };
}

/**
 * Degrees to turn the page by (sharp's rotate: positive is clockwise) to level its text lines, or
 * 0 when the page has too little text to tell.
 */
export async function estimateSkew(image: Buffer | sharp.Sharp): Promise<number> {
  return levelLines(await darkPixels(image)).degrees;
}
