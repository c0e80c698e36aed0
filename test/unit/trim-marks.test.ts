/**
 * Marks at the ends of a line read again across a seal or beside a scribble are cut off; print,
 * even misread print, is kept. Lines as Tesseract returned them on the real first pages.
 */
import type { OcrLine } from '../../core/contracts';
import { trimMarks } from '../../ocr/trim-marks';

/** A line of words side by side, each 20 px wide, with their confidences. */
function line(words: Array<[string, number]>): OcrLine {
  const ocrWords = words.map(([text, confidence], i) => ({ text, confidence, bbox: { x0: i * 30, y0: 0, x1: i * 30 + 20, y1: 30 } }));
  return { text: words.map(([t]) => t).join(' '), confidence: 50, bbox: { x0: 0, y0: 0, x1: words.length * 30 - 10, y1: 30 }, words: ocrWords };
}

describe('trimMarks', () => {
  it('cuts marks off both ends and keeps the print between them, with its boxes', () => {
    const trimmed = trimMarks(line([['\\', 2], ['HÔNG', 2], ['TƯ', 97], [':|', 20]]))!;
    expect(trimmed.text).toBe('HÔNG TƯ');
    expect(trimmed.bbox).toEqual({ x0: 30, y0: 0, x1: 80, y1: 30 });
    expect(trimmed.confidence).toBeCloseTo(49.5);
  });

  it('keeps a long misread word: it is print, not a mark', () => {
    expect(trimMarks(line([['N©ax»Pham#Mạnh', 0], ['Cường', 96]]))!.text).toBe('N©ax»Pham#Mạnh Cường');
  });

  it('returns the line itself when nothing is to cut, and null when only marks are left', () => {
    const whole = line([['Điều', 90], ['1.', 90]]);
    expect(trimMarks(whole)).toBe(whole);
    expect(trimMarks(line([['⁄', 10], ['Z^', 0]]))).toBeNull();
  });
});
