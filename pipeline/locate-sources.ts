/**
 * Provenance for each record: where its value stood in the recognised text, on which line of its
 * page, and under which OCR word boxes, so a reviewer sees the source beside the value. Digits
 * OCR was unsure of send the record to review.
 */
import type { BBox, Indicator, Page } from '../core/contracts';
import { LOW_WORD_CONFIDENCE } from '../ocr/ocr-engine';
import { linesOf, wordsIn } from './ocr-word-spans';
import type { RestoredText } from './restore-text';

export function locateSources(indicators: Indicator[], restored: RestoredText, pages: Page[]): Indicator[] {
  const pageStarts = restored.ocrPageStarts;
  const lines = pages.map(linesOf);
  return indicators.map((indicator) => {
    const sourceSpan = restored.offsets.spanToOriginal(indicator.span);
    let pageIndex = 0;
    while (pageIndex + 1 < pageStarts.length && pageStarts[pageIndex + 1]! <= sourceSpan[0]) pageIndex++;
    const page = pages[pageIndex];
    if (!page) return { ...indicator, sourceSpan };
    const inPage = sourceSpan[0] - pageStarts[pageIndex]!;
    const lineIndex = lineAt(lines[pageIndex]!, inPage);
    const line = lines[pageIndex]![lineIndex];
    if (!line || line.ocrIndex === null) return { ...indicator, sourceSpan, line: lineIndex >= 0 ? lineIndex + 1 : null };
    const ocrLine = page.lines[line.ocrIndex]!;
    const lineText = page.text.slice(line.start, line.end);
    const words = wordsIn(lineText, ocrLine.words, inPage - line.start, sourceSpan[1] - pageStarts[pageIndex]! - line.start);
    const boxes: BBox[] = words.map((w) => w.bbox);
    const unsure = words.some((w) => w.confidence < LOW_WORD_CONFIDENCE);
    return {
      ...indicator,
      sourceSpan,
      line: lineIndex + 1,
      boxes,
      flags: unsure ? [...indicator.flags, 'low-ocr-confidence'] : indicator.flags,
      confidence: unsure ? Math.max(0.2, indicator.confidence - 0.2) : indicator.confidence,
    };
  });
}

/** The line holding an offset (its end counts: the line break), by bisection: lines are in text order and do not overlap. */
function lineAt(lines: ReadonlyArray<{ start: number; end: number }>, offset: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < lines.length && lines[lo]!.start <= offset ? lo : -1;
}
