/**
 * Binary layout of model.bin: magic, a JSON header (vocabulary, discounts, array lengths),
 * then the typed arrays, each 8-byte aligned so they can be viewed without copying.
 */
import { ModelError } from '../core/errors';
import type { Discounts, NgramArrays } from './ngram-model';

// Version 2: Kneser-Ney continuation counts for the lower orders.
const MAGIC = Buffer.from('SOHOALM2');

interface Header {
  vocab: string[];
  discounts: [Discounts, Discounts];
  lengths: Record<ArrayName, number>;
}

const ARRAY_NAMES = [
  'unigramCounts',
  'unigramContinuation',
  'continuationTotal',
  'continuationBackoffMass',
  'bigramKeys',
  'bigramContinuation',
  'bigramFollowTotal',
  'bigramBackoffMass',
  'trigramKeys',
  'trigramCounts',
] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];
// An array's element type follows from its name: *Keys are Float64, *Mass Float32, the rest Uint32.
const arrayType = (name: ArrayName) => (name.endsWith('Keys') ? Float64Array : name.endsWith('Mass') ? Float32Array : Uint32Array);

const pad8 = (n: number) => (8 - (n % 8)) % 8;

export function encodeModel(a: NgramArrays): Buffer {
  const lengths = Object.fromEntries(ARRAY_NAMES.map((n) => [n, a[n].length])) as Record<ArrayName, number>;
  const header: Header = { vocab: a.vocab, discounts: a.discounts, lengths };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: Buffer[] = [MAGIC];
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length);
  parts.push(len, headerBytes);
  let offset = MAGIC.length + 4 + headerBytes.length;
  for (const name of ARRAY_NAMES) {
    const pad = pad8(offset);
    parts.push(Buffer.alloc(pad));
    offset += pad;
    const arr = a[name];
    const bytes = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
    parts.push(bytes);
    offset += bytes.length;
  }
  return Buffer.concat(parts);
}

export function decodeModel(buffer: Buffer, file: string): NgramArrays {
  if (buffer.length < 12 || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ModelError(`${file}: not a sohoa language model file (bad magic)`);
  }
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const header = JSON.parse(buffer.subarray(offset, offset + headerLength).toString('utf8')) as Header;
  offset += headerLength;
  // Views share the file's bytes; a copy is made only when the buffer does not start on an
  // 8-byte boundary (a large file read whole does, and copying 30 MB costs a tenth of a second).
  // A Buffer read from a file is backed by a plain ArrayBuffer, never a shared one.
  let body = buffer.buffer as ArrayBuffer;
  let base = buffer.byteOffset;
  if (base % 8 !== 0) {
    body = new ArrayBuffer(buffer.length);
    new Uint8Array(body).set(buffer);
    base = 0;
  }
  const views: Partial<Record<ArrayName, Float64Array | Float32Array | Uint32Array>> = {};
  for (const name of ARRAY_NAMES) {
    offset += pad8(offset);
    const count = header.lengths[name];
    const Type = arrayType(name);
    const bytes = count * Type.BYTES_PER_ELEMENT;
    if (offset + bytes > buffer.length) throw new ModelError(`${file}: truncated model file`);
    views[name] = new Type(body, base + offset, count);
    offset += bytes;
  }
  return {
    vocab: header.vocab,
    discounts: header.discounts,
    unigramCounts: views.unigramCounts as Uint32Array,
    unigramContinuation: views.unigramContinuation as Uint32Array,
    continuationTotal: views.continuationTotal as Uint32Array,
    continuationBackoffMass: views.continuationBackoffMass as Float32Array,
    bigramKeys: views.bigramKeys as Float64Array,
    bigramContinuation: views.bigramContinuation as Uint32Array,
    bigramFollowTotal: views.bigramFollowTotal as Uint32Array,
    bigramBackoffMass: views.bigramBackoffMass as Float32Array,
    trigramKeys: views.trigramKeys as Float64Array,
    trigramCounts: views.trigramCounts as Uint32Array,
  };
}
