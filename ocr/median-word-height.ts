/** The page's line height as its words give it: what the layout steps measure their gaps and sizes in. */
import type { OcrLine } from '../core/contracts';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/** Median height of the words with letters (punctuation and rules say nothing of the type size); 0 without any. */
export function medianWordHeight(lines: readonly OcrLine[]): number {
  return median(lines.flatMap((l) => l.words.filter((w) => /\p{L}/u.test(w.text)).map((w) => w.bbox.y1 - w.bbox.y0)));
}
