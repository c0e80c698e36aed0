/**
 * Provenance for each record: where its value stood in the recognised text, on which line of its
 * page, and under which OCR word boxes, so a reviewer sees the source beside the value. Digits
 * OCR was unsure of send the record to review.
 */
import type { BBox, Indicator, Page } from '../core/contracts';
import { LOW_WORD_CONFIDENCE } from '../ocr/ocr-engine';
import type { RestoredText } from './restore-text';


interface PageLine {
  start: number;
  end: number;
  ocrIndex: number | null;
}

/** The text lines of a page with their offsets, tied to the OCR line they came from when the texts agree. */
function linesOf(page: Page): PageLine[] {
  const out: PageLine[] = [];
  let offset = 0;
  let ocrIndex = 0;
  for (const raw of page.text.split('\n')) {
    const trimmed = raw.trim();
    let index: number | null = null;
    if (trimmed && ocrIndex < page.lines.length && page.lines[ocrIndex]!.text.trim() === trimmed) index = ocrIndex++;
    out.push({ start: offset, end: offset + raw.length, ocrIndex: index });
    offset += raw.length + 1;
  }
  return out;
}

/** The words of an OCR line that overlap [from, to) of its text. */
function wordsIn(lineText: string, words: Page['lines'][number]['words'], from: number, to: number) {
  const hits: typeof words = [];
  let cursor = 0;
  for (const word of words) {
    const at = lineText.indexOf(word.text, cursor);
    if (at < 0) continue;
    cursor = at + word.text.length;
    if (at < to && from < cursor) hits.push(word);
  }
  return hits;
}

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
    const lineIndex = lines[pageIndex]!.findIndex((l) => inPage >= l.start && inPage <= l.end);
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
