/**
 * Reviewers' corrections of restored text, as training text for `sohoa model build`: the lines
 * of each document's current text that hold a corrected word. Corrections form a chain (each
 * was made on the version before it), so their places are carried forward to the final text.
 */
import type { Span } from '../core/contracts';
import type { TextCorrection } from '../core/review';

/** Where each correction's new words lie in the text after the last correction. */
export function correctedSpans(corrections: TextCorrection[]): Span[] {
  let spans: Span[] = [];
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    const [start, end] = c.span;
    const delta = c.after.length - (end - start);
    spans = spans
      .filter(([s, e]) => e <= start || s >= end) // a later correction of the same words supersedes
      .map(([s, e]) => (s >= end ? [s + delta, e + delta] : [s, e]) as Span);
    spans.push([start, start + c.after.length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The whole lines around the spans, once each, in text order. */
export function linesHolding(text: string, spans: Span[]): string[] {
  const lines: string[] = [];
  let lastLineStart = -1;
  for (const [start] of spans) {
    const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    if (lineStart === lastLineStart) continue;
    const newline = text.indexOf('\n', start);
    const line = text.slice(lineStart, newline < 0 ? text.length : newline).trim();
    if (line) lines.push(line);
    lastLineStart = lineStart;
  }
  return lines;
}
