/** Where OCR's words stand in a page's text: the offsets records and restoration rely on. */
import type { OcrLine, Page } from '../../core/contracts';
import { linesOf, ocrWordSpans, wordsIn } from '../../pipeline/ocr-word-spans';

const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
const line = (words: Array<[string, number]>): OcrLine => ({
  text: words.map(([text]) => text).join(' '),
  bbox: box,
  confidence: 90,
  words: words.map(([text, confidence]) => ({ text, bbox: box, confidence })),
});

const page = (text: string, lines: OcrLine[]): Page => ({
  number: 1, imageRef: null, width: 100, height: 100, dpi: 300, textSource: 'ocr', route: 'scan', text, lines, meanConfidence: 90, skipped: null,
});

describe('OCR words in the page text', () => {
  const lines = [line([['Điều', 95], ['5.', 91]]), line([['chuấn', 42], ['hóa', 93]])];
  const ocrPage = page('Điều 5.\n\nchuấn hóa\n', lines);

  it('places each word at its offsets, line by line, with its confidence', () => {
    const spans = ocrWordSpans(ocrPage);
    expect(spans.map((s) => [ocrPage.text.slice(s.start, s.end), s.confidence])).toEqual([
      ['Điều', 95],
      ['5.', 91],
      ['chuấn', 42],
      ['hóa', 93],
    ]);
  });

  it('ties text lines to OCR lines only where their texts agree', () => {
    expect(linesOf(ocrPage).map((l) => l.ocrIndex)).toEqual([0, null, 1, null]);
    // An edited line has no OCR words (so no confidences); the lines after it still find theirs.
    const edited = page('Điều 6.\nchuấn hóa', lines);
    expect(linesOf(edited).map((l) => l.ocrIndex)).toEqual([null, 1]);
    expect(ocrWordSpans(edited).map((s) => s.confidence)).toEqual([42, 93]);
  });

  it('finds the words under a span of a line', () => {
    expect(wordsIn('chuấn hóa', lines[1]!.words, 6, 9).map((w) => w.text)).toEqual(['hóa']);
    expect(wordsIn('chuấn hóa', lines[1]!.words, 2, 7).map((w) => w.text)).toEqual(['chuấn', 'hóa']);
  });
});
