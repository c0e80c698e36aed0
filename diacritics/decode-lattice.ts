/**
 * Best path through a lattice of options per slot under a trigram LM: a Viterbi search over
 * states (option here, option before), pruned to a beam and to a margin below the best state.
 * Work per slot is (live states x options) trigram lookups, each a short search inside one
 * bigram's run of followers. Scores are probabilities scaled so each slot's best is 1: no
 * logarithm in the inner loop, and nothing underflows because weaker paths are pruned.
 */
import type { NgramModel } from './ngram-model';

export interface LatticeSlot {
  /** LM unit id of each option. */
  ids: readonly number[];
  /** P(observation | option), per option (up to a constant factor). */
  weight: readonly number[];
  /** A paragraph break: the LM context starts again here (one option, the start unit). */
  restart: boolean;
}

export interface DecodeOptions {
  beamWidth: number;
  /** States scoring further than this below the best state of their slot are dropped (log units). */
  margin: number;
}

/** Growable state store shared by all slots of one decode: struct of arrays, no objects per state. */
class States {
  option: Int32Array;
  history: Int32Array; // bigram index of (before, this option), or -1
  score: Float64Array;
  back: Int32Array;
  length = 0;

  /** Sized for the whole decode up front (at most a beam of states per slot), so it rarely grows. */
  constructor(capacity: number) {
    this.option = new Int32Array(capacity);
    this.history = new Int32Array(capacity);
    this.score = new Float64Array(capacity);
    this.back = new Int32Array(capacity);
  }

  push(option: number, history: number, score: number, back: number): void {
    if (this.length === this.option.length) this.grow();
    const k = this.length++;
    this.option[k] = option;
    this.history[k] = history;
    this.score[k] = score;
    this.back[k] = back;
  }

  private grow(): void {
    const n = this.option.length * 2;
    const copyInt = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.option = copyInt(this.option);
    this.history = copyInt(this.history);
    this.back = copyInt(this.back);
    const score = new Float64Array(n);
    score.set(this.score);
    this.score = score;
  }
}

/** The chosen option index per slot. */
export function decodeLattice(slots: readonly LatticeSlot[], lm: NgramModel, options: DecodeOptions): Int32Array {
  const choice = new Int32Array(slots.length);
  if (slots.length === 0) return choice;
  const start = lm.startId;
  const startHistory = lm.bigramIndex(start, start);
  const states = new States(slots.length * (options.beamWidth + 1) + 1);
  // A virtual state before the first slot: the LM context of a paragraph start.
  states.push(0, startHistory, 1, -1);
  let liveFrom = 0;
  let liveTo = 1;
  let previousIds: readonly number[] = [start];
  // Scratch per (previous option, option) pair, reused across slots.
  let pairScore = new Float64Array(256);
  let pairFrom = new Int32Array(256);
  let pairLower = new Float64Array(256);
  let pairHistory = new Int32Array(256);
  let pairReady = new Uint8Array(256);
  let keepScratch = new Float64Array(256);
  const floorRatio = Math.exp(-options.margin);

  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const first = states.length;
    if (slot.restart) {
      states.push(0, startHistory, 1, bestState(states, liveFrom, liveTo));
    } else {
      const ids = slot.ids;
      const weight = slot.weight;
      const width = ids.length;
      const pairs = previousIds.length * width;
      if (pairs > pairScore.length) {
        pairScore = new Float64Array(pairs);
        pairFrom = new Int32Array(pairs);
        pairLower = new Float64Array(pairs);
        pairHistory = new Int32Array(pairs);
        pairReady = new Uint8Array(pairs);
      }
      pairScore.fill(-1, 0, pairs);
      pairReady.fill(0, 0, pairs);
      for (let s = liveFrom; s < liveTo; s++) {
        const b = states.option[s]!;
        const v = previousIds[b]!;
        const uv = states.history[s]!;
        const base = states.score[s]!;
        const row = b * width;
        for (let c = 0; c < width; c++) {
          const cell = row + c;
          if (pairReady[cell] === 0) {
            // P(c | v) and the bigram (v, c) are shared by every state whose option is v.
            const vw = lm.bigramIndex(v, ids[c]!);
            pairHistory[cell] = vw;
            pairLower[cell] = lm.bigramProb(v, ids[c]!, vw);
            pairReady[cell] = 1;
          }
          const score = base * weight[c]! * lm.trigramProb(uv, ids[c]!, pairLower[cell]!);
          if (score > pairScore[cell]!) {
            pairScore[cell] = score;
            pairFrom[cell] = s;
          }
        }
      }
      let top = 0;
      for (let cell = 0; cell < pairs; cell++) if (pairScore[cell]! > top) top = pairScore[cell]!;
      // All zero (every weight underflowed): keep them all rather than lose the path.
      const scale = top > 0 ? top : 1;
      const floor = top > 0 ? top * floorRatio : -1;
      for (let cell = 0; cell < pairs; cell++) {
        const score = pairScore[cell]!;
        if (score <= floor) continue;
        const b = (cell / width) | 0;
        states.push(cell - b * width, pairHistory[cell]!, score / scale, pairFrom[cell]!);
      }
      if (pairs > keepScratch.length) keepScratch = new Float64Array(pairs);
      keepBest(states, first, options.beamWidth, keepScratch);
    }
    liveFrom = first;
    liveTo = states.length;
    previousIds = slot.ids;
  }

  let best = bestState(states, liveFrom, liveTo);
  for (let i = slots.length - 1; i >= 0; i--) {
    choice[i] = states.option[best]!;
    best = states.back[best]!;
  }
  return choice;
}

/** The highest-scoring state among states[from, to). */
function bestState(states: States, from: number, to: number): number {
  let best = from;
  for (let s = from + 1; s < to; s++) if (states.score[s]! > states.score[best]!) best = s;
  return best;
}

/** Cuts the states from `from` to the end down to the `width` best, in place, keeping their order. */
function keepBest(states: States, from: number, width: number, scratch: Float64Array): void {
  const count = states.length - from;
  if (count <= width) return;
  // The width-th best score, from a sorted copy; then one compaction pass (no objects, no garbage).
  const sorted = scratch.subarray(0, count);
  sorted.set(states.score.subarray(from, states.length));
  sorted.sort();
  const threshold = sorted[count - width]!;
  let above = 0;
  for (let s = from; s < states.length; s++) if (states.score[s]! > threshold) above++;
  let ties = width - above;
  let to = from;
  for (let s = from; s < states.length; s++) {
    const score = states.score[s]!;
    if (score < threshold || (score === threshold && ties-- <= 0)) continue;
    states.option[to] = states.option[s]!;
    states.history[to] = states.history[s]!;
    states.score[to] = score;
    states.back[to] = states.back[s]!;
    to++;
  }
  states.length = to;
}
