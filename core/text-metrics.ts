/** Error rates for evaluating OCR and restoration against a reference text. */

/** Whitespace runs become one space; both ends trimmed; NFC. */
export function normalizeWhitespace(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Levenshtein distance over arrays (characters or words), O(n*m) time, O(m) memory. */
export function levenshtein<T>(a: readonly T[], b: readonly T[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Character error rate: edits / reference characters, after whitespace normalisation. */
export function characterErrorRate(hypothesis: string, reference: string): number {
  const ref = Array.from(normalizeWhitespace(reference));
  const hyp = Array.from(normalizeWhitespace(hypothesis));
  return ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : levenshtein(hyp, ref) / ref.length;
}

export function wordErrorRate(hypothesis: string, reference: string): number {
  const ref = normalizeWhitespace(reference).split(' ').filter(Boolean);
  const hyp = normalizeWhitespace(hypothesis).split(' ').filter(Boolean);
  return ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : levenshtein(hyp, ref) / ref.length;
}
