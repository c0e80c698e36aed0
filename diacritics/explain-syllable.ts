/**
 * How sure the decoder is of one syllable, and what else it could have been: each option's
 * probability given the chosen neighbours, two on each side. Asked for by reviewers (the
 * review page's alternatives, `sohoa restore --json`), not by the pipeline, so restoration
 * computes it only when asked.
 */
import type { LatticeSlot } from './decode-lattice';
import type { NgramModel } from './ngram-model';

export interface Alternative {
  text: string;
  probability: number;
}

const MAX_ALTERNATIVES = 4;

/**
 * Probability of each option at slot i given the chosen neighbours, written into `out` (one
 * scratch array for a whole restoration: this runs once per syllable).
 */
export function optionPosterior(slots: readonly LatticeSlot[], choice: Int32Array, i: number, lm: NgramModel, out: Float64Array): void {
  const slot = slots[i]!;
  const ids = slot.ids;
  if (ids.length === 1) {
    out[0] = 1;
    return;
  }
  const unitAt = (k: number) => (k < 0 ? lm.startId : slots[k]!.ids[choice[k]!]!);
  const u = unitAt(i - 2);
  const v = unitAt(i - 1);
  const n1 = i + 1 < slots.length ? unitAt(i + 1) : -1;
  const n2 = i + 2 < slots.length ? unitAt(i + 2) : -1;
  // Lookups that do not depend on the option are made once.
  const uv = lm.bigramIndex(u, v);
  const n1n2 = n2 >= 0 ? lm.bigramIndex(n1, n2) : -1;
  const n2GivenN1 = n2 >= 0 ? lm.bigramProb(n1, n2, n1n2) : 0;
  let sum = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = ids[k]!;
    const vw = lm.bigramIndex(v, w);
    let p = slot.weight[k]! * lm.trigramProb(uv, w, lm.bigramProb(v, w, vw));
    if (n1 >= 0) {
      const wn1 = lm.bigramIndex(w, n1);
      p *= lm.trigramProb(vw, n1, lm.bigramProb(w, n1, wn1));
      if (n2 >= 0) p *= lm.trigramProb(wn1, n2, n2GivenN1);
    }
    out[k] = p;
    sum += p;
  }
  for (let k = 0; k < ids.length; k++) out[k] = sum > 0 ? out[k]! / sum : 1 / ids.length;
}

/** The most probable few options, best first (ties: the earlier option); at most 31 options. */
export function topAlternatives(spelled: readonly string[], posterior: Float64Array): Alternative[] {
  const count = spelled.length;
  if (count === 1) return [{ text: spelled[0]!, probability: posterior[0]! }];
  const out: Alternative[] = [];
  let taken = 0; // bit k: option k already listed
  for (let n = 0; n < count && n < MAX_ALTERNATIVES; n++) {
    let best = -1;
    for (let k = 0; k < count; k++) if ((taken & (1 << k)) === 0 && (best < 0 || posterior[k]! > posterior[best]!)) best = k;
    taken |= 1 << best;
    out.push({ text: spelled[best]!, probability: posterior[best]! });
  }
  return out;
}
