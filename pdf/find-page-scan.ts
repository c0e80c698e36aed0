/**
 * A scanned PDF page is one image drawn over the page. This finds that image and hands over its
 * stream as an encoding libvips reads, without decoding a pixel: DCT data is a JPEG file as it
 * stands, CCITT fax, Flate and LZW data go inside a TIFF header (pdf/wrap-in-tiff.ts), Flate data
 * with PNG predictors inside a PNG. The resolution comes from the page geometry (image pixels over
 * the inches the image covers). Anything else (visible text or drawings, several large images, a
 * colour space or filter libvips cannot take) gives the reason the page must be rendered instead.
 */
import { crc32, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import { PDFArray, PDFBool, PDFDict, PDFName, PDFNumber, type PDFObject, type PDFPage, type PDFRawStream } from 'pdf-lib';
import { listPageContent, type Matrix } from './list-page-content';
import { wrapInTiff, type TiffCompression } from './wrap-in-tiff';

const inflateAsync = promisify(inflate);

export interface PageScan {
  /** JPEG, TIFF or PNG bytes, as libvips reads them. */
  bytes: Buffer;
  format: 'jpeg' | 'tiff' | 'png';
  width: number;
  height: number;
  dpi: number;
  /** Clockwise quarter turns that make the image look as the page shows it. */
  rotate: 0 | 90 | 180 | 270;
  /** Sample 1 is black (a Decode array of [1 0]): the decoded image is to be inverted. */
  invert: boolean;
  /** "CCITT G4 1-bit 1672x2357 at 200 dpi", for the page's route. */
  description: string;
  /** Small images left out (a logo, a signature mark), for the page's route. */
  leftOut: number;
}

export type PageScanResult = { scan: PageScan } | { reason: string };

/** The scan must cover at least this share of the page. */
const MIN_PAGE_COVER = 0.8;
/** Other images may cover at most this share of the page together (logos, signature marks). */
const MAX_OVERLAY_COVER = 0.02;

const name = (dict: PDFDict, key: string) => {
  const value = dict.lookup(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : null;
};
const number = (dict: PDFDict | undefined, key: string) => {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFNumber ? value.asNumber() : null;
};

/** The page box's corners in default user space: CropBox within MediaBox. */
function pageBox(page: PDFPage): { x0: number; y0: number; x1: number; y1: number } {
  const box = page.getCropBox();
  return { x0: box.x, y0: box.y, x1: box.x + box.width, y1: box.y + box.height };
}

/** The axis-aligned box an image's unit square lands on. */
function placedBox(m: Matrix): { x0: number; y0: number; x1: number; y1: number } {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function area(b: { x0: number; y0: number; x1: number; y1: number }): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
}

function intersect(a: ReturnType<typeof placedBox>, b: ReturnType<typeof placedBox>) {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}

/**
 * The clockwise turn that shows the image as placed: the image's rows run along the matrix's
 * first column. Null for a skewed or mirrored placement.
 */
function placementTurn(m: Matrix): 0 | 90 | 180 | 270 | null {
  const [a, b, c, d] = m;
  if (a * d - b * c <= 0) return null;
  const axisAligned = (x: number, y: number) => Math.abs(y) < 1e-3 * Math.abs(x);
  if (axisAligned(a, b) && axisAligned(d, c)) return a > 0 ? 0 : 180;
  if (axisAligned(b, a) && axisAligned(c, d)) return b > 0 ? 270 : 90;
  return null;
}

function filtersOf(dict: PDFDict): { filters: string[]; params: Array<PDFDict | undefined> } {
  const filter = dict.lookup(PDFName.of('Filter'));
  const parms = dict.lookup(PDFName.of('DecodeParms')) ?? dict.lookup(PDFName.of('DP'));
  const filters = filter instanceof PDFName ? [filter.decodeText()] : filter instanceof PDFArray ? filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : '?')) : [];
  const asDict = (p: PDFObject | undefined) => (p instanceof PDFDict ? p : undefined);
  const params = parms instanceof PDFArray ? parms.asArray().map((p) => asDict(dict.context.lookup(p))) : [asDict(parms)];
  return { filters, params };
}

/** Colour components from the colour space, or the reason libvips cannot take it as is. */
function componentsOf(dict: PDFDict): { components: 1 | 3 | 4 } | { reason: string } {
  if (dict.lookup(PDFName.of('ImageMask')) === PDFBool.True) return { components: 1 };
  const space = dict.lookup(PDFName.of('ColorSpace'));
  if (space instanceof PDFArray) {
    const family = space.lookup(0);
    const familyName = family instanceof PDFName ? family.decodeText() : '?';
    if (familyName === 'ICCBased') {
      const profile = space.lookup(1);
      const n = number(profile instanceof PDFDict ? profile : (profile as PDFRawStream | undefined)?.dict, 'N');
      if (n === 1 || n === 3 || n === 4) return { components: n };
      return { reason: 'an ICC colour space without a component count' };
    }
    if (familyName === 'CalGray') return { components: 1 };
    if (familyName === 'CalRGB') return { components: 3 };
    return { reason: `a ${familyName} colour space` };
  }
  const spaceName = space instanceof PDFName ? space.decodeText() : null;
  if (spaceName === 'DeviceGray' || spaceName === 'G') return { components: 1 };
  if (spaceName === 'DeviceRGB' || spaceName === 'RGB') return { components: 3 };
  if (spaceName === 'DeviceCMYK' || spaceName === 'CMYK') return { components: 4 };
  return { reason: spaceName ? `the colour space ${spaceName}` : 'no colour space' };
}

/** A Decode array of [1 0] on a grey image inverts it; any other non-default one is refused. */
function decodeInverts(dict: PDFDict, components: number): boolean | null {
  const decode = dict.lookupMaybe(PDFName.of('Decode'), PDFArray);
  if (!decode) return false;
  const values = decode.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  const isDefault = values.every((v, i) => v === (i % 2 === 0 ? 0 : 1));
  if (isDefault) return false;
  if (components === 1 && values.length === 2 && values[0] === 1 && values[1] === 0) return true;
  return null;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Flate data with PNG predictors is a PNG's image data already: a PNG header around it. */
function wrapInPng(data: Uint8Array, width: number, height: number, bits: number, components: 1 | 3): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bits;
  header[9] = components === 1 ? 0 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** `blackIsOne`: CCITT data decoded with black as 1, which a grey reading shows inverted. */
type Encoded = { bytes: Buffer; format: PageScan['format']; codec: string; blackIsOne?: boolean } | { reason: string };

async function encodedImage(stream: PDFRawStream, width: number, height: number, bits: number, components: 1 | 3 | 4, dpi: number): Promise<Encoded> {
  const { filters, params } = filtersOf(stream.dict);
  let data: Uint8Array = stream.contents;
  let steps = filters;
  // A JPEG or a fax stream Flate-compressed once more (some PDF writers do it) is inflated first, natively.
  if (filters.length === 2 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl') && ['DCTDecode', 'DCT', 'CCITTFaxDecode', 'CCF'].includes(filters[1]!)) {
    data = await inflateAsync(data);
    steps = filters.slice(1);
    params.shift();
  }
  if (steps.length !== 1) return { reason: steps.length === 0 ? 'an uncompressed image' : `filters ${steps.join(', ')}` };
  const filter = steps[0]!;
  const parms = params[0];
  const layout = { width, height, bitsPerComponent: bits, components, dpi };
  if (filter === 'DCTDecode' || filter === 'DCT') return { bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength), format: 'jpeg', codec: 'JPEG' };
  if (filter === 'CCITTFaxDecode' || filter === 'CCF') {
    const k = number(parms, 'K') ?? 0;
    if (parms?.lookup(PDFName.of('EncodedByteAlign')) === PDFBool.True) return { reason: 'byte-aligned CCITT data' };
    const columns = number(parms, 'Columns') ?? 1728;
    if (columns !== width) return { reason: `CCITT columns ${columns} unlike the image width ${width}` };
    const compression: TiffCompression = k < 0 ? { kind: 'ccitt-g4' } : { kind: 'ccitt-g3', twoDimensional: k > 0 };
    // Fax data codes white and black runs: a TIFF that says white is zero shows them as printed.
    const bytes = wrapInTiff(data, { ...layout, bitsPerComponent: 1, components: 1, zeroIsWhite: true, compression });
    return { bytes, format: 'tiff', codec: k < 0 ? 'CCITT G4' : 'CCITT G3', blackIsOne: parms?.lookup(PDFName.of('BlackIs1')) === PDFBool.True };
  }
  if (filter === 'FlateDecode' || filter === 'Fl' || filter === 'LZWDecode' || filter === 'LZW') {
    const predictor = number(parms, 'Predictor') ?? 1;
    const lzw = filter.startsWith('LZW');
    if (lzw && (number(parms, 'EarlyChange') ?? 1) !== 1) return { reason: 'LZW data without early change' };
    if ((number(parms, 'Colors') ?? components) !== components || (number(parms, 'BitsPerComponent') ?? bits) !== bits || (number(parms, 'Columns') ?? width) !== width) {
      return { reason: 'predictor parameters unlike the image' };
    }
    if (predictor >= 10 && !lzw && components !== 4) {
      return { bytes: wrapInPng(data, width, height, bits, components), format: 'png', codec: 'Flate (PNG predictors)' };
    }
    if (predictor !== 1 && predictor !== 2) return { reason: `predictor ${predictor} with ${filter}` };
    const compression: TiffCompression = { kind: lzw ? 'lzw' : 'deflate', horizontalDifferencing: predictor === 2 };
    // PDF grey samples are 0 for black, as TIFF's BlackIsZero.
    return { bytes: wrapInTiff(data, { ...layout, zeroIsWhite: false, compression }), format: 'tiff', codec: lzw ? 'LZW' : 'Flate' };
  }
  return { reason: `the ${filter} filter` };
}

export async function findPageScan(page: PDFPage): Promise<PageScanResult> {
  const content = listPageContent(page);
  if (content.otherPainting.length > 0) return { reason: `it paints ${[...new Set(content.otherPainting)].join(', ')} besides images` };
  const box = pageBox(page);
  const pageArea = area(box);
  if (!(pageArea > 0)) return { reason: 'it has no page area' };
  const placed = content.images
    .map((image) => ({ image, cover: area(intersect(placedBox(image.matrix), box)) / pageArea }))
    .sort((a, b) => b.cover - a.cover);
  const main = placed[0];
  if (!main) return { reason: 'it paints no image' };
  if (main.cover < MIN_PAGE_COVER) return { reason: `its largest image covers ${Math.round(main.cover * 100)} % of the page` };
  const overlays = placed.slice(1);
  const overlayCover = overlays.reduce((s, o) => s + o.cover, 0);
  if (overlayCover > MAX_OVERLAY_COVER) return { reason: `other images cover ${(overlayCover * 100).toFixed(1)} % of it` };

  const { dict } = main.image.stream;
  const width = number(dict, 'Width');
  const height = number(dict, 'Height');
  if (!width || !height) return { reason: 'its image has no size' };
  if (dict.lookup(PDFName.of('SMask')) || dict.lookup(PDFName.of('Mask'))) return { reason: 'its image has a mask' };
  const colour = componentsOf(dict);
  if ('reason' in colour) return { reason: `its image has ${colour.reason}` };
  const mask = dict.lookup(PDFName.of('ImageMask')) === PDFBool.True;
  const bits = mask ? 1 : number(dict, 'BitsPerComponent') ?? 8;
  // 2-, 4- and 16-bit samples are rare in scans (and 16-bit ones are big-endian, unlike the TIFF written here).
  if (bits !== 1 && bits !== 8) return { reason: `its image has ${bits} bits a sample` };
  const turn = placementTurn(main.image.matrix);
  if (turn === null) return { reason: 'its image is skewed or mirrored on the page' };
  // A stencil mask paints its 0 samples; as a grey image 0 is black already.
  const invert = decodeInverts(dict, colour.components);
  if (invert === null) return { reason: 'its image has a Decode array' };

  const m = main.image.matrix;
  const inchesAcross = Math.hypot(m[0], m[1]) / 72;
  const dpi = Math.round(width / inchesAcross);
  const encoded = await encodedImage(main.image.stream, width, height, bits, colour.components, dpi);
  if ('reason' in encoded) return { reason: `its image has ${encoded.reason}` };
  const pageTurn = ((page.getRotation().angle % 360) + 360) % 360;
  const rotate = ((turn + pageTurn) % 360) as PageScan['rotate'];
  return {
    scan: {
      bytes: encoded.bytes,
      format: encoded.format,
      width,
      height,
      dpi,
      rotate,
      invert: invert !== Boolean(encoded.blackIsOne),
      description: `${encoded.codec} ${bits === 1 ? '1-bit' : colour.components === 1 ? 'grey' : colour.components === 3 ? 'colour' : 'CMYK'} ${width}x${height} at ${dpi} dpi`,
      leftOut: overlays.length,
    },
  };
}
