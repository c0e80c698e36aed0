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
  // Below U+00C0 nothing decomposes (Latin-1 symbols have only compatibility forms): most words
  // of stripped or English text are settled without normalizing.
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) plain = text.charCodeAt(i) < 0xc0;
  return plain ? false : fold(text) !== text.toLowerCase();
}
