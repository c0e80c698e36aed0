/**
 * A line read again across a seal or beside a scribble starts or ends with the marks around the
 * print ("À\\ HÔNG TƯ", "Điều 1 = s Ầ"): the words at either end that are marks (at most two
 * letters or digits, and neither a syllable nor a number read with confidence) are cut off, the
 * print between them kept as read. A longer garbled word ("N©ax»Pham#Mạnh") is print misread, kept.
 */
import type { OcrLine, OcrWord } from '../core/contracts';
import { isWellFormed } from './judge-legibility';

/** A word with more letters and digits than this is print, however misread. */
const MAX_MARK_CHARACTERS = 2;

const isMark = (word: OcrWord) => !isWellFormed(word) && (word.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) <= MAX_MARK_CHARACTERS;

/** The line without the marks at its ends; null when nothing else is left. */
export function trimMarks(line: OcrLine): OcrLine | null {
  let [first, last] = [0, line.words.length - 1];
  while (first <= last && isMark(line.words[first]!)) first++;
  while (last >= first && isMark(line.words[last]!)) last--;
  if (first > last) return null;
  if (first === 0 && last === line.words.length - 1) return line;
  const words = line.words.slice(first, last + 1);
  return {
    ...line,
    text: words.map((w) => w.text).join(' '),
    bbox: { x0: Math.min(...words.map((w) => w.bbox.x0)), y0: Math.min(...words.map((w) => w.bbox.y0)), x1: Math.max(...words.map((w) => w.bbox.x1)), y1: Math.max(...words.map((w) => w.bbox.y1)) },
    confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length,
    words,
  };
}
