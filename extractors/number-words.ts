/**
 * Vietnamese numbers written in words, as official documents repeat amounts of money:
 * "Bốn tỷ sáu trăm năm mươi hai triệu đồng" = 4 652 000 000. Works on folded text, so
 * garbled marks do not matter ("muoi" is both mười = 10 and mươi = tens, told apart by position).
 */
import { fold } from '../diacritics/syllable';

const DIGITS: Record<string, number> = {
  khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, sau: 6, bay: 7, tam: 8, chin: 9,
};
const SCALES: Record<string, number> = { nghin: 1e3, ngan: 1e3, trieu: 1e6, ty: 1e9, ti: 1e9 };
const FILLERS = new Set(['linh', 'le']);

/** The value of a run of number words, or null when a word is not a number word or none is. */
export function parseNumberWords(words: string): number | null {
  const tokens = fold(words).split(/[^a-z]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  let total = 0; // thousands, millions, billions already closed
  let hundreds = 0; // the part below one thousand, hundreds closed
  let current: number | null = null; // units or tens being read
  let sawNumber = false;
  for (const word of tokens) {
    if (word in DIGITS) {
      current = (current ?? 0) % 10 === 0 && current !== null && current >= 10 ? current + DIGITS[word]! : DIGITS[word]!;
      sawNumber = true;
    } else if (word === 'muoi') {
      current = current === null || current === 0 ? 10 : current * 10;
      sawNumber = true;
    } else if (word === 'tram') {
      hundreds += (current ?? 1) * 100;
      current = null;
      sawNumber = true;
    } else if (word in SCALES) {
      const scale = SCALES[word]!;
      // A bare scale word ("triệu đồng") means one of it; after other words it closes what they read.
      const group = hundreds + (current ?? (hundreds === 0 && total === 0 ? 1 : 0));
      // "tỷ" closes everything read so far ("hai nghìn tỷ"); smaller scales close their group.
      total = scale === 1e9 ? (total + group) * scale : total + group * scale;
      hundreds = 0;
      current = null;
      sawNumber = true;
    } else if (!FILLERS.has(word)) return null;
  }
  return sawNumber ? total + hundreds + (current ?? 0) : null;
}

/** The amount spelt out in brackets after digits: "(Bốn tỷ … đồng)", with its span. */
export function amountInWordsAfter(text: string, from: number): { value: number; text: string; span: [number, number] } | null {
  const m = /^\s*\(([^()\d]{3,160}?)\s*(?:đồng|dong|đ)\s*(?:chẵn|chan)?\s*\)/iu.exec(text.slice(from));
  if (!m) return null;
  const value = parseNumberWords(m[1]!);
  if (value === null) return null;
  const start = from + m[0].indexOf('(');
  return { value, text: m[0].trim(), span: [start, from + m[0].length] };
}
