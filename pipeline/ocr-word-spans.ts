/**
 * Where OCR's lines and words stand in a page's text: the text joins the lines Tesseract read,
 * so a line of the text is tied to the OCR line with the same words, and each word to its place
 * in that line. Records use it for their source boxes, restoration for each word's confidence.
 */
import type { OcrWord, Page } from '../core/contracts';

export interface PageLine {
  start: number;
  end: number;
  /** The OCR line this text line came from, when their texts agree. */
  ocrIndex: number | null;
}

/** One OCR word and where it stands in the page's text. */
export interface WordSpan {
  start: number;
  end: number;
  confidence: number;
}

/** How many OCR lines ahead a text line is looked for: a line edited or dropped does not lose the rest. */
const LOOK_AHEAD = 3;

/** The text lines of a page with their offsets, tied to the OCR line they came from when the texts agree. */
export function linesOf(page: Pick<Page, 'text' | 'lines'>): PageLine[] {
  const out: PageLine[] = [];
  let offset = 0;
  let next = 0;
  for (const raw of page.text.split('\n')) {
    const trimmed = raw.trim();
    let index: number | null = null;
    for (let k = next; trimmed && k < Math.min(page.lines.length, next + LOOK_AHEAD); k++) {
      if (page.lines[k]!.text.trim() !== trimmed) continue;
      index = k;
      next = k + 1;
      break;
    }
    out.push({ start: offset, end: offset + raw.length, ocrIndex: index });
    offset += raw.length + 1;
  }
  return out;
}

/** Each word of an OCR line with its offsets in the line's text; words not found there are left out. */
function placeWords(lineText: string, words: readonly OcrWord[]): Array<{ word: OcrWord; start: number; end: number }> {
  const placed: Array<{ word: OcrWord; start: number; end: number }> = [];
  let cursor = 0;
  for (const word of words) {
    const at = lineText.indexOf(word.text, cursor);
    if (at < 0) continue;
    cursor = at + word.text.length;
    placed.push({ word, start: at, end: cursor });
  }
  return placed;
}

/** The words of an OCR line that overlap [from, to) of its text. */
export function wordsIn(lineText: string, words: readonly OcrWord[], from: number, to: number): OcrWord[] {
  return placeWords(lineText, words)
    .filter((p) => p.start < to && from < p.end)
    .map((p) => p.word);
}

/** Every OCR word found in the page's text, in text order, with its confidence. */
export function ocrWordSpans(page: Pick<Page, 'text' | 'lines'>): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const line of linesOf(page)) {
    if (line.ocrIndex === null) continue;
    const lineText = page.text.slice(line.start, line.end);
    for (const { word, start, end } of placeWords(lineText, page.lines[line.ocrIndex]!.words)) {
      spans.push({ start: line.start + start, end: line.start + end, confidence: word.confidence });
    }
  }
  return spans;
}
