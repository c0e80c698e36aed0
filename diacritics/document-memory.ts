/**
 * Document-level memory: a document repeats its terms ("truyền thông", "Thăng Long ngự yến"), so
 * the way the decoder restored a word in one context is evidence for the same unmarked letters
 * in the same context elsewhere in the text. After a first decode, each ambiguous word is
 * remembered with its unmarked neighbour on either side; where other occurrences of that pair
 * were restored differently from this one, a short window around it is decoded again with each
 * option's weight raised by how often the rest of the document chose it. Everything outside
 * those windows keeps its first reading, so a second pass costs a small share of the first.
 */
import type { LatticeSlot } from './decode-lattice';

export interface DocumentMemoryOptions {
  /** How strongly the rest of the document's choices count (exponent on their share). */
  strength: number;
  /** Slots re-decoded on each side of a contested word. */
  window: number;
}

export const DOCUMENT_MEMORY: DocumentMemoryOptions = { strength: 1, window: 2 };

/**
 * The second pass's lattice, or null when no word's other occurrences disagree with it. `keys`
 * holds each slot's unmarked text (null for slots that are not words); `first` the first
 * decode's choice per slot. Returned slots outside the windows have one option, the first
 * choice, so the second decode's choice index there is 0 and `reopened` tells which to map back.
 */
export function recallDocument(
  slots: readonly LatticeSlot[],
  keys: readonly (string | null)[],
  first: Int32Array,
  options: DocumentMemoryOptions,
): { slots: LatticeSlot[]; reopened: Uint8Array } | null {
  const n = slots.length;
  // Counts per context key: `left|word` and `word|right`, each with the chosen LM unit.
  const counts = new Map<string, Map<number, number>>();
  const contextKeys: Array<[string, string] | null> = new Array(n).fill(null);
  const neighbour = (k: number) => (k < 0 || k >= n ? '' : (keys[k] ?? ''));
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    if (key === null || key === undefined || slots[i]!.ids.length < 2) continue;
    const pair: [string, string] = [`${neighbour(i - 1)}|${key}`, `${key}|${neighbour(i + 1)}`];
    contextKeys[i] = pair;
    const chosen = slots[i]!.ids[first[i]!]!;
    for (const context of pair) {
      let byUnit = counts.get(context);
      if (!byUnit) counts.set(context, (byUnit = new Map()));
      byUnit.set(chosen, (byUnit.get(chosen) ?? 0) + 1);
    }
  }
  // A word is contested when another occurrence of one of its contexts chose another option.
  const bonus: Array<Float64Array | null> = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const pair = contextKeys[i];
    if (!pair) continue;
    const ids = slots[i]!.ids;
    const chosen = ids[first[i]!]!;
    const seen = new Float64Array(ids.length);
    let others = 0;
    let contested = false;
    for (const context of pair) {
      const byUnit = counts.get(context)!;
      for (let o = 0; o < ids.length; o++) {
        // This occurrence's own choice is not evidence for itself.
        const c = (byUnit.get(ids[o]!) ?? 0) - (ids[o] === chosen ? 1 : 0);
        if (c <= 0) continue;
        seen[o] = seen[o]! + c;
        others += c;
        if (ids[o] !== chosen) contested = true;
      }
    }
    if (!contested) continue;
    for (let o = 0; o < ids.length; o++) seen[o] = Math.pow((seen[o]! + 1) / (others + 1), options.strength);
    bonus[i] = seen;
  }
  if (!bonus.some((b) => b !== null)) return null;
  const reopened = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!bonus[i]) continue;
    for (let k = Math.max(0, i - options.window); k <= Math.min(n - 1, i + options.window); k++) reopened[k] = 1;
  }
  const second: LatticeSlot[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const slot = slots[i]!;
    if (slot.restart) second[i] = slot;
    else if (!reopened[i]) second[i] = { ids: [slot.ids[first[i]!]!], weight: [1], restart: false };
    else {
      const b = bonus[i];
      second[i] = b ? { ids: slot.ids, weight: slot.weight.map((w, o) => w * b[o]!), restart: false } : slot;
    }
  }
  return { slots: second, reopened };
}
