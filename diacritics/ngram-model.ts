/**
 * A syllable trigram language model, interpolated modified Kneser-Ney: the trigram level uses
 * counts, discounted by three amounts (for counts of 1, 2 and 3 or more); the bigram and
 * unigram levels, which only matter when the longer history says too little, use continuation
 * counts (how many different words come before), so a syllable frequent only inside one fixed
 * phrase does not look likely everywhere. Held in flat typed arrays (sorted keys + counts) so
 * it loads fast and stays small in memory.
 */
import { SENTENCE_START, UNKNOWN } from './lm-units';

export interface NgramArrays {
  vocab: string[];
  unigramCounts: Uint32Array;
  /** Per word w: how many different words precede it, N1+(. w). */
  unigramContinuation: Uint32Array;
  /** Per history word v, before pruning: the sum of its bigrams' continuation counts, N1+(. v .), and the sum of their discounts (the mass left for the unigram). */
  continuationTotal: Uint32Array;
  continuationBackoffMass: Float32Array;
  bigramKeys: Float64Array;
  /** Per kept bigram (v, w): how many different words precede it, N1+(. v w). */
  bigramContinuation: Uint32Array;
  /** Per kept bigram as a history, before pruning: its trigrams' total count and the sum of their discounts. */
  bigramFollowTotal: Uint32Array;
  bigramBackoffMass: Float32Array;
  trigramKeys: Float64Array;
  trigramCounts: Uint32Array;
  /** Discounts for counts of 1, 2 and 3+: [bigram continuation counts, trigram counts]. */
  discounts: [Discounts, Discounts];
}

export type Discounts = [number, number, number];

/** The discount a count of c pays at a level. */
export const discountOf = (d: Discounts, c: number): number => (c === 0 ? 0 : c === 1 ? d[0] : c === 2 ? d[1] : d[2]);

type Followers = Uint16Array | Uint32Array;

/** The last word of each key: within one history's run, the keys differ only in it. */
function followersOf(keys: Float64Array, size: number): Followers {
  const out = size <= 0xffff ? new Uint16Array(keys.length) : new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = keys[i]! % size;
  return out;
}

/** Index of word w in followers[from, to) (sorted), or -1: short runs are scanned, long ones halved. */
function findFollower(followers: Followers, w: number, from: number, to: number): number {
  let lo = from;
  let hi = to - 1;
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    const x = followers[mid]!;
    if (x === w) return mid;
    if (x < w) lo = mid + 1;
    else hi = mid - 1;
  }
  for (let i = lo; i <= hi; i++) {
    const x = followers[i]!;
    if (x >= w) return x === w ? i : -1;
  }
  return -1;
}

/**
 * Keys are sorted, so the bigrams of one history word, and the trigrams of one bigram, sit
 * side by side: these offsets let a lookup search only that short run instead of the whole array.
 */
function lowerBounds(keys: Float64Array, runs: number, boundOfRun: (run: number) => number): Uint32Array {
  const starts = new Uint32Array(runs + 1);
  let k = 0;
  for (let run = 0; run < runs; run++) {
    const bound = boundOfRun(run);
    while (k < keys.length && keys[k]! < bound) k++;
    starts[run] = k;
  }
  starts[runs] = keys.length;
  return starts;
}

export class NgramModel {
  readonly vocab: string[];
  readonly size: number;
  private readonly ids = new Map<string, number>();
  readonly unknownId: number;
  readonly startId: number;
  private readonly unigramProbs: Float64Array;
  /** bigramStart[v] .. bigramStart[v + 1]: the bigrams whose history is v. */
  private readonly bigramStart: Uint32Array;
  /** trigramStart[b] .. trigramEnd[b]: the trigrams whose history is bigram b. */
  private readonly trigramStart: Uint32Array;
  private readonly trigramEnd: Uint32Array;
  /** The last word of each bigram and trigram: 2 bytes each, so a run is a few cache lines. */
  private readonly bigramFollowers: Followers;
  private readonly trigramFollowers: Followers;

  constructor(private readonly a: NgramArrays) {
    this.vocab = a.vocab;
    this.size = a.vocab.length;
    a.vocab.forEach((w, i) => this.ids.set(w, i));
    let total = 0;
    for (const c of a.unigramContinuation) total += c;
    // Add-half smoothing keeps words never seen after another word possible.
    this.unigramProbs = new Float64Array(this.size);
    for (let w = 0; w < this.size; w++) this.unigramProbs[w] = (a.unigramContinuation[w]! + 0.5) / (total + 0.5 * this.size);
    this.unknownId = this.ids.get(UNKNOWN) ?? -1;
    this.startId = this.ids.get(SENTENCE_START) ?? -1;
    if (this.unknownId < 0 || this.startId < 0) throw new Error('model vocabulary lacks <unk> or <s>');
    const V = this.size;
    this.bigramStart = lowerBounds(a.bigramKeys, V, (v) => v * V);
    this.trigramStart = lowerBounds(a.trigramKeys, a.bigramKeys.length, (b) => a.bigramKeys[b]! * V);
    this.trigramEnd = lowerBounds(a.trigramKeys, a.bigramKeys.length, (b) => (a.bigramKeys[b]! + 1) * V);
    this.bigramFollowers = followersOf(a.bigramKeys, V);
    this.trigramFollowers = followersOf(a.trigramKeys, V);
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

  /** Index of the bigram (v, w) in the model's arrays, or -1 when it was not kept. */
  bigramIndex(v: number, w: number): number {
    return findFollower(this.bigramFollowers, w, this.bigramStart[v]!, this.bigramStart[v + 1]!);
  }

  /** P(w | v) as the trigram's lower order, interpolated with the unigram; `vw` is bigramIndex(v, w). */
  bigramProb(v: number, w: number, vw: number): number {
    const lower = this.unigramProbs[w] ?? 0;
    const total = this.a.continuationTotal[v]!;
    if (total === 0) return lower;
    const c = vw >= 0 ? this.a.bigramContinuation[vw]! : 0;
    return (Math.max(c - discountOf(this.a.discounts[0], c), 0) + this.a.continuationBackoffMass[v]! * lower) / total;
  }

  /** P(w | u v), given uv = bigramIndex(u, v) and lower = P(w | v): the decoder's inner step. */
  trigramProb(uv: number, w: number, lower: number): number {
    if (uv < 0) return lower;
    const total = this.a.bigramFollowTotal[uv]!;
    if (total === 0) return lower;
    const t = findFollower(this.trigramFollowers, w, this.trigramStart[uv]!, this.trigramEnd[uv]!);
    const c = t >= 0 ? this.a.trigramCounts[t]! : 0;
    return (Math.max(c - discountOf(this.a.discounts[1], c), 0) + this.a.bigramBackoffMass[uv]! * lower) / total;
  }

  get arrays(): NgramArrays {
    return this.a;
  }
}
