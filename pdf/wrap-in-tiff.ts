/**
 * A PDF image stream's compressed bytes inside a one-strip TIFF, so libvips (libtiff) decodes them
 * natively: CCITT G3/G4 fax data, Flate (TIFF's Adobe Deflate) and LZW are the same codecs in both
 * formats. Only the header is written; the data is never decoded or re-encoded here.
 */

export type TiffCompression =
  | { kind: 'ccitt-g4' }
  /** `twoDimensional`: PDF's K > 0 (mixed 1-D and 2-D coding). */
  | { kind: 'ccitt-g3'; twoDimensional: boolean }
  /** `horizontalDifferencing`: PDF's Predictor 2, which is TIFF's predictor 2. */
  | { kind: 'deflate' | 'lzw'; horizontalDifferencing: boolean };

export interface TiffLayout {
  width: number;
  height: number;
  bitsPerComponent: number;
  /** 1 grey, 3 RGB, 4 CMYK. */
  components: 1 | 3 | 4;
  /** For grey: true when a 0 sample is white (CCITT's runs are white and black whatever PDF's BlackIs1 says). */
  zeroIsWhite: boolean;
  dpi: number;
  compression: TiffCompression;
}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  samplesPerPixel: 277,
  rowsPerStrip: 278,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  planarConfig: 284,
  t4Options: 292,
  resolutionUnit: 296,
  predictor: 317,
  inkSet: 332,
} as const;

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;

function compressionCode(c: TiffCompression): number {
  switch (c.kind) {
    case 'ccitt-g4':
      return 4;
    case 'ccitt-g3':
      return 3;
    case 'lzw':
      return 5;
    case 'deflate':
      return 8;
  }
}

function photometric(layout: TiffLayout): number {
  if (layout.components === 3) return 2;
  if (layout.components === 4) return 5;
  return layout.zeroIsWhite ? 0 : 1;
}

/** A little-endian TIFF: header, one IFD, the values that do not fit in an entry, then the strip. */
export function wrapInTiff(data: Uint8Array, layout: TiffLayout): Buffer {
  type Entry = { tag: number; type: number; values: number[] };
  const entries: Entry[] = [
    { tag: TAG.width, type: LONG, values: [layout.width] },
    { tag: TAG.height, type: LONG, values: [layout.height] },
    { tag: TAG.bitsPerSample, type: SHORT, values: Array(layout.components).fill(layout.bitsPerComponent) },
    { tag: TAG.compression, type: SHORT, values: [compressionCode(layout.compression)] },
    { tag: TAG.photometric, type: SHORT, values: [photometric(layout)] },
    { tag: TAG.stripOffsets, type: LONG, values: [0] },
    { tag: TAG.samplesPerPixel, type: SHORT, values: [layout.components] },
    { tag: TAG.rowsPerStrip, type: LONG, values: [layout.height] },
    { tag: TAG.stripByteCounts, type: LONG, values: [data.length] },
    { tag: TAG.xResolution, type: RATIONAL, values: [Math.round(layout.dpi * 100), 100] },
    { tag: TAG.yResolution, type: RATIONAL, values: [Math.round(layout.dpi * 100), 100] },
    { tag: TAG.planarConfig, type: SHORT, values: [1] },
    { tag: TAG.resolutionUnit, type: SHORT, values: [2] },
  ];
  const c = layout.compression;
  if (c.kind === 'ccitt-g3') entries.push({ tag: TAG.t4Options, type: LONG, values: [c.twoDimensional ? 1 : 0] });
  if ((c.kind === 'deflate' || c.kind === 'lzw') && c.horizontalDifferencing) entries.push({ tag: TAG.predictor, type: SHORT, values: [2] });
  if (layout.components === 4) entries.push({ tag: TAG.inkSet, type: SHORT, values: [1] });
  entries.sort((a, b) => a.tag - b.tag);

  const size = (e: Entry) => e.values.length * (e.type === SHORT ? 2 : 4);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let extraOffset = ifdOffset + ifdSize;
  const extras = new Map<Entry, number>();
  for (const e of entries) {
    if (size(e) > 4) {
      extras.set(e, extraOffset);
      extraOffset += size(e) + (size(e) % 2);
    }
  }
  const dataOffset = extraOffset;
  entries.find((e) => e.tag === TAG.stripOffsets)!.values[0] = dataOffset;

  const out = Buffer.alloc(dataOffset + data.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entries.length, ifdOffset);
  const writeValues = (e: Entry, at: number) => {
    e.values.forEach((v, i) => (e.type === SHORT ? out.writeUInt16LE(v, at + i * 2) : out.writeUInt32LE(v, at + i * 4)));
  };
  entries.forEach((e, i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(e.tag, at);
    out.writeUInt16LE(e.type, at + 2);
    out.writeUInt32LE(e.type === RATIONAL ? e.values.length / 2 : e.values.length, at + 4);
    const extra = extras.get(e);
    if (extra === undefined) writeValues(e, at + 8);
    else {
      out.writeUInt32LE(extra, at + 8);
      writeValues(e, extra);
    }
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);
  out.set(data, dataOffset);
  return out;
}
