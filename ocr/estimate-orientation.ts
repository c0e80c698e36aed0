/**
 * Which way up a text page is (0, 90, 180 or 270°), from the ink alone. Text lines make the row
 * profile of an upright or upside-down page sharp and the column profile flat (and the reverse for
 * a sideways page). Upright Vietnamese carries much more ink above the x-height band (ascenders,
 * tone and vowel marks) than below it (descenders): turned over, the ratio inverts.
 */
import sharp from 'sharp';
import { darkPixels, levelLines, transposed } from './estimate-skew';
import { sharpOf, toGrey, type GreyImage } from './grey-image';

/** Long side of the working copy: text lines need about ten pixels of height for their core and marks to show. */
const WORK_SIZE = 1414;
/** The other profile must be this much sharper to call a page sideways. */
const SIDEWAYS = 1.5;
/** Ink above the core over ink below it: upright pages measure 3.6-4.3, upside-down ones 0.23-0.27. */
const UPRIGHT_RATIO = 1.5;
const OVERTURNED_RATIO = 1 / UPRIGHT_RATIO;

/** Inked pixels per row. */
function inkRows(data: Buffer, width: number, height: number): Float64Array {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i]!;
  const threshold = Math.min(160, (sum / data.length) * 0.75);
  const rows = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    let ink = 0;
    for (let i = y * width, end = i + width; i < end; i++) if (data[i]! < threshold) ink++;
    rows[y] = ink;
  }
  return rows;
}

/** Over each text line (a run of inked rows): ink above its dense core over ink below it. */
function upperLowerRatio(rows: Float64Array): number {
  let upper = 0;
  let lower = 0;
  let y = 0;
  while (y < rows.length) {
    while (y < rows.length && rows[y]! < 2) y++;
    const start = y;
    while (y < rows.length && rows[y]! >= 2) y++;
    if (y - start < 4) continue;
    let max = 0;
    for (let k = start; k < y; k++) max = Math.max(max, rows[k]!);
    let coreStart = -1;
    let coreEnd = -1;
    for (let k = start; k < y; k++) {
      if (rows[k]! >= 0.5 * max) {
        if (coreStart < 0) coreStart = k;
        coreEnd = k;
      }
    }
    for (let k = start; k < coreStart; k++) upper += rows[k]!;
    for (let k = coreEnd + 1; k < y; k++) lower += rows[k]!;
  }
  return upper / (lower || 1);
}

function turn(g: GreyImage, degrees: number): Promise<GreyImage> {
  return toGrey(sharpOf(g).rotate(degrees, { background: '#ffffff' }));
}

/** Ink above the core over ink below it, once the page's lines are levelled by `level` degrees. */
async function ratioWhenLevelled(page: GreyImage, level: number): Promise<number> {
  const levelled = await turn(page, level);
  return upperLowerRatio(inkRows(levelled.data, levelled.width, levelled.height));
}

export interface PageGeometry {
  /** Degrees to turn the page by (sharp's rotate, clockwise) to set it upright; 0 when unsure. */
  turn: 0 | 90 | 180 | 270;
  /**
   * The deskew turn measured on the way (a half turn keeps a line's slope, so it holds for 0 and
   * 180); null for a sideways page, whose lines are measured again once it is upright.
   */
  skew: number | null;
}

/** Degrees to turn the page by (sharp's rotate, clockwise) to set it upright; 0 when unsure. */
export async function estimateOrientation(image: Buffer | sharp.Sharp): Promise<0 | 90 | 180 | 270> {
  return (await estimatePageGeometry(image)).turn;
}

/** Which way up the page is and, when it reads across, how far its lines are turned. */
export async function estimatePageGeometry(image: Buffer | sharp.Sharp): Promise<PageGeometry> {
  const input = Buffer.isBuffer(image) ? sharp(image) : image.clone();
  const small = await toGrey(input.resize({ width: WORK_SIZE, height: WORK_SIZE, fit: 'inside' }));
  const pixels = await darkPixels(sharpOf(small));
  if (pixels.xs.length < 500) return { turn: 0, skew: 0 };
  // Lines run across the page when the rows, levelled within ±15°, are sharper than the columns.
  const rows = levelLines(pixels);
  // Telling sideways from not needs only the whole-degree search of the columns.
  if (levelLines(transposed(pixels), { refine: false }).sharpness > SIDEWAYS * rows.sharpness) {
    const quarter = await turn(small, 90);
    const ratio = await ratioWhenLevelled(quarter, levelLines(await darkPixels(sharpOf(quarter))).degrees);
    if (ratio >= UPRIGHT_RATIO) return { turn: 90, skew: null };
    if (ratio <= OVERTURNED_RATIO) return { turn: 270, skew: null };
    return { turn: 0, skew: null };
  }
  // The rows were levelled already: their angle serves again.
  const upsideDown = (await ratioWhenLevelled(small, rows.degrees)) <= OVERTURNED_RATIO;
  return { turn: upsideDown ? 180 : 0, skew: rows.degrees };
}
