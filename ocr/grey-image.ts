/**
 * A page held as raw 8-bit grey pixels while preprocessing decides, and the encoding it is kept
 * in (PNG, or JPEG for a JPEG scan), which is also what Tesseract reads. One grey channel matters:
 * Tesseract's WebAssembly decoder takes a three-channel PNG of a noisy page 0.4 s longer.
 */
import sharp from 'sharp';
import { sniffMime } from '../core/sniff-mime';

export interface GreyImage {
  data: Buffer;
  width: number;
  height: number;
}

/** How a page image is kept: PNG for lossless sources, JPEG for pages that came as JPEG. */
export type StoredImageFormat = 'png' | 'jpeg';

/** The one rule for how a scan of this type is kept: a JPEG stays JPEG, anything else becomes PNG. */
export const storedFormatFor = (mime: string): StoredImageFormat => (mime === 'image/jpeg' ? 'jpeg' : 'png');

/** A kept JPEG page at this quality is within a few percent of a q60-q90 source scan's size. */
const STORED_JPEG_QUALITY = 90;

export const sharpOf = (image: GreyImage): sharp.Sharp => sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });

export async function toGrey(input: sharp.Sharp): Promise<GreyImage> {
  const { data, info } = await input.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface EncodedPage {
  bytes: Buffer;
  width: number;
  height: number;
}

/** The image to keep for the page view and the searchable PDF, with its resolution recorded. */
export async function encodeStored(page: sharp.Sharp, format: StoredImageFormat, dpi: number | null): Promise<EncodedPage> {
  // Without 'b-w' libvips writes one grey channel as three identical colour channels.
  const grey = page.toColourspace('b-w');
  const encoder = dpi ? grey.withDensity(dpi) : grey;
  // zlib level 3: within 2-15 % of the default's size at half its time on a noisy 300 dpi page.
  const encoded = format === 'jpeg' ? encoder.jpeg({ quality: STORED_JPEG_QUALITY }) : encoder.png({ compressionLevel: 3 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

export type StoredImageMime = 'image/png' | 'image/jpeg';

/** PNG or JPEG by their signatures; null for anything else (a TIFF is never kept as it came). */
export function storedImageMime(bytes: Buffer): StoredImageMime | null {
  const mime = sniffMime(bytes);
  return mime === 'image/png' || mime === 'image/jpeg' ? mime : null;
}
