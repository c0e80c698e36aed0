/**
 * From a folded form (no marks, đ -> d) to the syllables it can stand for, plus a
 * deletion index (SymSpell style) that finds syllables within two edits of a garbled token.
 */
import { fold, hasSyllableShape } from './syllable';

export interface Candidate {
  id: number;
  edits: number;
}

const MAX_EDITS = 2;

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!out.has(shorter)) {
      out.add(shorter);
      deletions(shorter, depth - 1, out);
    }
  }
}

/** Optimal string alignment distance, bounded: returns max+1 once it is exceeded. */
export function editDistance(a: string, b: string, max = MAX_EDITS): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  // Three rolling rows (the transposition looks two rows back).
  let before = new Uint8Array(cols);
  let previous = new Uint8Array(cols);
  let current = new Uint8Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      current[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

export class CandidateIndex {
  private readonly byFold = new Map<string, number[]>();
  /** Built on first use: only garbled OCR needs near misses, and loading should stay fast. */
  private deletionIndex: Map<string, string[]> | null = null;

  /** `units` is the model vocabulary, `counts` their frequencies (candidates come most frequent first). */
  constructor(
    units: readonly string[],
    private readonly counts: (id: number) => number,
    private readonly fuzzyMinCount = 3,
  ) {
    units.forEach((unit, id) => {
      if (!/^[\p{L}\p{M}]+$/u.test(unit)) return;
      const key = fold(unit);
      const list = this.byFold.get(key);
      if (list) list.push(id);
      else this.byFold.set(key, [id]);
    });
    for (const list of this.byFold.values()) list.sort((x, y) => counts(y) - counts(x));
  }

  private get byDeletion(): Map<string, string[]> {
    if (this.deletionIndex) return this.deletionIndex;
    const index = new Map<string, string[]>();
    for (const [key, ids] of this.byFold) {
      if (!hasSyllableShape(key) || this.counts(ids[0]!) < this.fuzzyMinCount) continue;
      const variants = new Set<string>([key]);
      deletions(key, MAX_EDITS, variants);
      for (const variant of variants) {
        const keys = index.get(variant);
        if (keys) keys.push(key);
        else index.set(variant, [key]);
      }
    }
    this.deletionIndex = index;
    return index;
  }

  exact(folded: string): readonly number[] {
    return this.byFold.get(folded) ?? [];
  }

  /** Syllables whose folded form is 1..2 edits from `folded` (the exact ones are not included). */
  near(folded: string): Candidate[] {
    const variants = new Set<string>([folded]);
    deletions(folded, MAX_EDITS, variants);
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const variant of variants) {
      for (const key of this.byDeletion.get(variant) ?? []) {
        if (seen.has(key) || key === folded) continue;
        seen.add(key);
        const edits = editDistance(folded, key);
        if (edits <= MAX_EDITS) for (const id of this.byFold.get(key) ?? []) out.push({ id, edits });
      }
    }
    return out;
  }
}
