/**
 * Counts written in words where the wording makes them amounts: thresholds ("vi phạm từ hai khoản
 * trở lên", "tái phạm từ ba lần trở lên") and multiples ("gấp đôi", "gấp ba lần"). Elsewhere a
 * number word is as often part of a name or a category ("xe mô tô hai bánh", "Hai Bà Trưng", "thứ
 * hai") as a count, so it is left alone; "một" (also "a") and "năm" (also "year") never count here.
 */
import { countedNoun, type WordCohesion } from './counted-noun';
import type { Quantity } from './find-quantities';

const UNITS: Record<string, number> = { hai: 2, ba: 3, bốn: 4, tư: 4, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9 };
const WORD = '(?:hai|ba|bốn|sáu|bảy|bẩy|tám|chín)';
/** "hai", "mười hai", "hai mươi", "hai mươi lăm" (lăm, mốt and tư for 5, 1 and 4 after mươi). */
const CARDINAL = new RegExp(`(?<![\\p{L}\\p{M}])(mười(?:\\s+(?:${WORD}|lăm|một))?|${WORD}\\s+mươi(?:\\s+(?:${WORD}|lăm|mốt|tư))?|${WORD}|đôi)(?![\\p{L}\\p{M}])`, 'gu');

function cardinalValue(words: string): number {
  const parts = words.split(/\s+/);
  const digit = (w: string) => (w === 'lăm' ? 5 : w === 'mốt' || w === 'một' ? 1 : UNITS[w] ?? 0);
  if (parts[0] === 'mười') return 10 + (parts[1] ? digit(parts[1]) : 0);
  if (parts[1] === 'mươi') return 10 * digit(parts[0]!) + (parts[2] ? digit(parts[2]) : 0);
  return digit(parts[0]!);
}

export function findNumberWords(text: string, cohesion: WordCohesion | null, taken: (offset: number) => boolean): Quantity[] {
  const found: Quantity[] = [];
  for (const m of text.matchAll(CARDINAL)) {
    const start = m.index;
    const words = m[1]!;
    if (taken(start)) continue;
    const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
    const multiple = /gấp\s+$/u.test(before);
    const threshold = /(?:^|[^\p{L}])từ\s+$/u.test(before);
    if (!multiple && !threshold) continue;
    if (words === 'đôi' && !multiple) continue;
    let end = start + words.length;
    let unit: string;
    if (multiple) {
      unit = 'lần';
      const times = /^\s+lần(?![\p{L}\p{M}])/u.exec(text.slice(end));
      if (times) end += times[0].length;
    } else {
      const noun = countedNoun(text.slice(end), cohesion);
      if (!noun || !/^\s*trở\s+lên/u.test(text.slice(end + noun.length))) continue;
      unit = noun.unit;
      end += noun.length;
    }
    const value = words === 'đôi' ? 2 : cardinalValue(words);
    if (value === 0) continue;
    found.push({
      value,
      denominator: null,
      unit,
      level: null,
      statedPercent: null,
      qualifier: null,
      bounds: [value, value],
      span: [start, start + words.length],
      extentEnd: end,
      valueText: words,
      unitSource: 'open',
      amountInWords: null,
      range: false,
    });
  }
  return found;
}
