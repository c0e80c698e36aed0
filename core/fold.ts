/** Folding Vietnamese text to a mark-free key: for indexing syllables and for search without diacritics. */

/** Lowercase, no marks at all, đ -> d: the key under which candidate syllables are indexed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** True when the text carries any Vietnamese mark (tone, quality mark or đ). */
export function hasMarks(text: string): boolean {
  return fold(text) !== text.toLowerCase();
}
