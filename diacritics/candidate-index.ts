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
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

export class CandidateIndex {
  private readonly byFold = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, string[]>();

  /** `units` is the model vocabulary, `counts` their frequencies (candidates come most frequent first). */
  constructor(units: readonly string[], counts: (id: number) => number, fuzzyMinCount = 3) {
    units.forEach((unit, id) => {
      if (!/^[\p{L}\p{M}]+$/u.test(unit)) return;
      const key = fold(unit);
      const list = this.byFold.get(key);
      if (list) list.push(id);
      else this.byFold.set(key, [id]);
    });
    for (const list of this.byFold.values()) list.sort((x, y) => counts(y) - counts(x));
    for (const [key, ids] of this.byFold) {
      if (!hasSyllableShape(key) || counts(ids[0]!) < fuzzyMinCount) continue;
      const variants = new Set<string>([key]);
      deletions(key, MAX_EDITS, variants);
      for (const variant of variants) {
        const keys = this.byDeletion.get(variant);
        if (keys) keys.push(key);
        else this.byDeletion.set(variant, [key]);
      }
    }
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
