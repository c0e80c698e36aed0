/**
 * Syllable accuracy of restored text against a reference: both are cut into syllables,
 * aligned on their folded forms (no marks), and an aligned syllable counts as right when its
 * letters, vowel marks and tone all match (case-insensitive, tone placement style ignored).
 */
import { canonicalSyllable, fold } from './syllable';
import { tokenize } from './tokenize';

export interface AccuracyReport {
  /** Reference syllables paired with a hypothesis syllable by the alignment. */
  aligned: number;
  correct: number;
  accuracy: number;
  /** Share of aligned syllables whose base letters (folded form) are right. */
  baseLetterAccuracy: number;
  referenceSyllables: number;
  /** Share of reference syllables that found a partner: low means the texts differ in content. */
  coverage: number;
}

/** The text's syllables, lowercase, in one tone-placement style. */
export function syllablesOf(text: string): string[] {
  return tokenize(text.normalize('NFC'))
    .filter((t) => t.kind === 'word')
    .map((t) => canonicalSyllable(t.text.toLowerCase(), 'old'));
}

/**
 * Edit-distance alignment of the two syllable sequences (a substitution costs 0 when the folded
 * forms agree, 1 otherwise; an insertion or deletion costs 1). Returns the paired indices:
 * syllables only one side has (page furniture, blanks in a draft) are left out.
 */
export function alignSyllables(hyp: string[], ref: string[]): Array<[number, number]> {
  const a = hyp.map(fold);
  const b = ref.map(fold);
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const cost = new Uint32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i;
    for (let j = 1; j <= m; j++) {
      const diagonal = cost[(i - 1) * width + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      cost[i * width + j] = Math.min(diagonal, cost[(i - 1) * width + j]! + 1, cost[i * width + j - 1]! + 1);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = cost[i * width + j]!;
    if (here === cost[(i - 1) * width + j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) pairs.push([--i, --j]);
    else if (here === cost[(i - 1) * width + j]! + 1) i--;
    else j--;
  }
  return pairs.reverse();
}

export function syllableAccuracy(hypothesis: string, reference: string): AccuracyReport {
  const hyp = syllablesOf(hypothesis);
  const ref = syllablesOf(reference);
  const pairs = alignSyllables(hyp, ref);
  const correct = pairs.filter(([i, j]) => hyp[i] === ref[j]).length;
  const sameBase = pairs.filter(([i, j]) => fold(hyp[i]!) === fold(ref[j]!)).length;
  return {
    aligned: pairs.length,
    correct,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    baseLetterAccuracy: pairs.length === 0 ? 0 : sameBase / pairs.length,
    referenceSyllables: ref.length,
    coverage: ref.length === 0 ? 0 : pairs.length / ref.length,
  };
}
