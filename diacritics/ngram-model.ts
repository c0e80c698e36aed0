/**
 * A syllable trigram language model with interpolated absolute discounting, held in flat
 * typed arrays (sorted keys + counts) so it loads fast and stays small in memory.
 */
import { SENTENCE_START, UNKNOWN } from './lm-units';

export interface NgramArrays {
  vocab: string[];
  unigramCounts: Uint32Array;
  /** Per history word: total bigram count and distinct followers, before pruning. */
  unigramFollowTotal: Uint32Array;
  unigramFollowTypes: Uint32Array;
  bigramKeys: Float64Array;
  bigramCounts: Uint32Array;
  bigramFollowTotal: Uint32Array;
  bigramFollowTypes: Uint32Array;
  trigramKeys: Float64Array;
  trigramCounts: Uint32Array;
  discounts: [number, number];
}

function findKey(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid]!;
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class NgramModel {
  readonly vocab: string[];
  readonly size: number;
  private readonly ids = new Map<string, number>();
  private readonly totalCount: number;
  readonly unknownId: number;
  readonly startId: number;

  constructor(private readonly a: NgramArrays) {
    this.vocab = a.vocab;
    this.size = a.vocab.length;
    a.vocab.forEach((w, i) => this.ids.set(w, i));
    let total = 0;
    for (const c of a.unigramCounts) total += c;
    this.totalCount = total;
    this.unknownId = this.ids.get(UNKNOWN) ?? -1;
    this.startId = this.ids.get(SENTENCE_START) ?? -1;
    if (this.unknownId < 0 || this.startId < 0) throw new Error('model vocabulary lacks <unk> or <s>');
  }

  id(unit: string): number {
    return this.ids.get(unit) ?? this.unknownId;
  }

  has(unit: string): boolean {
    return this.ids.has(unit);
  }

  count(id: number): number {
    return this.a.unigramCounts[id] ?? 0;
  }

  private unigramProb(w: number): number {
    // Add-half smoothing keeps unseen words possible without flattening frequent ones.
    return ((this.a.unigramCounts[w] ?? 0) + 0.5) / (this.totalCount + 0.5 * this.size);
  }

  private bigramProb(v: number, w: number): number {
    const lower = this.unigramProb(w);
    const total = this.a.unigramFollowTotal[v] ?? 0;
    if (total === 0) return lower;
    const d = this.a.discounts[0];
    const i = findKey(this.a.bigramKeys, v * this.size + w);
    const c = i >= 0 ? this.a.bigramCounts[i]! : 0;
    return Math.max(c - d, 0) / total + (d * this.a.unigramFollowTypes[v]!) / total * lower;
  }

  /** log P(w | u v), natural log. */
  logProb(u: number, v: number, w: number): number {
    const lower = this.bigramProb(v, w);
    const bi = findKey(this.a.bigramKeys, u * this.size + v);
    if (bi < 0) return Math.log(lower);
    const total = this.a.bigramFollowTotal[bi]!;
    if (total === 0) return Math.log(lower);
    const d = this.a.discounts[1];
    const t = findKey(this.a.trigramKeys, (u * this.size + v) * this.size + w);
    const c = t >= 0 ? this.a.trigramCounts[t]! : 0;
    return Math.log(Math.max(c - d, 0) / total + (d * this.a.bigramFollowTypes[bi]!) / total * lower);
  }

  get arrays(): NgramArrays {
    return this.a;
  }
}
