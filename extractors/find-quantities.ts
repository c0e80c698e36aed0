/**
 * Vietnamese quantity grammar: finds the quantities in a text with their value, denominator,
 * unit, qualifier and bounds, and says nothing yet about what they measure. Dates, years, levels
 * ("mức độ 3") and references ("416/QĐ-UBND", "Điều 5") are not quantities.
 */
import type { Qualifier } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { amountInWordsAfter } from './number-words';
import { parseVietnameseNumber } from './parse-number';
import { countedNoun, MEASURE_NOUNS, type WordCohesion } from './counted-noun';
import { findBracketedShares } from './find-bracketed-shares';
import { findNumberWords } from './find-number-words';
import { matchMeasure, matchScale } from './measure-units';
import { isYear, whyNotAQuantity } from './not-a-quantity';
import { matchUnit, matchUnitInFolded, type UnitEntry } from './units';

export interface StatedPercent {
  value: number;
  text: string;
  span: [number, number];
}

export interface Quantity {
  value: number;
  denominator: number | null;
  unit: string | null;
  level: NonNullable<UnitEntry['level']> | null;
  /** A percentage as written ("83,6%"), also when it restates a fraction or count before it. */
  statedPercent: StatedPercent | null;
  qualifier: Qualifier | null;
  /** Where the true value lies: hơn 3.525 is [3525, null], gần 100% is [null, 100], 10-15% is [10, 15]. */
  bounds: [number | null, number | null];
  span: [number, number];
  /** End of the quantity with its unit ("184/220 xã"): what a restating percentage follows. */
  extentEnd: number;
  valueText: string;
  /** Read through OCR garbling ("lugt vin bản") or taken from the words before the number. */
  unitSource: 'after' | 'measure' | 'open' | 'garbled' | 'before' | 'percent' | 'none';
  /** The amount spelt out in words after the digits, when there is one. */
  amountInWords: { value: number; text: string } | null;
  range: boolean;
}

/** A number not glued to letters or to another number before it. */
/** Thousands may also be grouped by spaces ("100 000"); a lone "-" before the digits makes them negative ("-100 dBm"). */
const NUMBER = /(?<![\p{L}\p{M}\d.,/¢€&©®@])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|(?<![\p{L}\p{M}\d.,/¢€&©®@])\d+(?:[.,]\d+)*(?:\s?\/\s?\d+(?:[.,]\d+)*)*/gu;

const QUALIFIER_WORDS: Array<[string, Qualifier]> = [
  ['tat ca', 'tất cả'],
  ['khoang', 'khoảng'],
  ['hon', 'hơn'],
  ['gan', 'gần'],
  ['tren', 'trên'],
  ['duoi', 'dưới'],
  ['dat', 'đạt'],
  ['chi', 'chỉ'],
];
const QUALIFIER_BEFORE = new RegExp(`(?:^|[\\s(])(${QUALIFIER_WORDS.map(([w]) => w).join('|')})\\s*\\(?\\s*$`);

function qualifierBefore(text: string, at: number): Qualifier | null {
  const m = QUALIFIER_BEFORE.exec(fold(text.slice(Math.max(0, at - 16), at)));
  return m ? QUALIFIER_WORDS.find(([w]) => w === m[1])![1] : null;
}

/** Where the true value lies given its qualifier: "hơn 3.525" is [3525, null]. */
export function boundsFor(value: number, qualifier: Qualifier | null): [number | null, number | null] {
  switch (qualifier) {
    case 'hơn':
    case 'trên':
      return [value, null];
    case 'gần':
    case 'dưới':
      return [null, value];
    case 'khoảng':
      return [null, null];
    default:
      return [value, value];
  }
}

const LEVELS: Record<string, NonNullable<Quantity['level']>> = { tinh: 'province', huyen: 'district', xa: 'commune' };


/** A fraction in brackets behind a percentage: "84,04% (158/188)". */
function fractionInBrackets(text: string, from: number): { value: number; denominator: number; length: number } | null {
  const m = /^\s*\((\d[\d.,]*)\s*\/\s*(\d[\d.,]*)\)/u.exec(text.slice(from));
  if (!m) return null;
  const value = parseVietnameseNumber(m[1]!);
  const denominator = parseVietnameseNumber(m[2]!);
  return value === null || denominator === null ? null : { value, denominator, length: m[0].length };
}

/** A bare number closing a clause about a rate ("tỷ lệ ... dưới 40.", "tăng khoảng 6,8;") is a percentage. */
function ratePercent(text: string, start: number, end: number): boolean {
  if (!/^\s*(?:[.;,)(]|\n|$)/.test(text.slice(end))) return false;
  const window = text.slice(Math.max(0, start - 80), start);
  const clause = fold(window.slice(Math.max(window.lastIndexOf(';'), window.lastIndexOf('. '), window.lastIndexOf(':')) + 1)).toLowerCase();
  return /\b(ty le|toc do|ty trong|tang|giam|chiem)\b/.test(clause) && !/\d/.test(clause.replace(/\b(19|20)\d{2}\b/g, ''));
}

/**
 * "Tổng số chứng thư số được cấp hơn 3.525." names its unit before the number. Only a number that
 * ends its clause takes a unit from the clause's start or after "số", and only with no other number between.
 */
function unitBefore(text: string, start: number, end: number): ReturnType<typeof matchUnitInFolded> {
  if (!/^\s*(?:[.;,)(]|\n|$)/.test(text.slice(end))) return null;
  const window = text.slice(Math.max(0, start - 90), start);
  const cut = Math.max(window.lastIndexOf(';'), window.lastIndexOf(':'), window.lastIndexOf('('), window.lastIndexOf(','), window.search(/[.!?]\s[^.!?]*$/));
  const clause = fold(window.slice(cut + 1));
  // Another quantity in between breaks the link; a lone digit or "1y" in garbled OCR is a misread word.
  if (/(?<![\p{L}\d.,])\d{2,}|\d[.,/]\d/u.test(clause)) return null;
  const words = [...clause.matchAll(/\S+/g)];
  for (let i = 0; i < words.length; i++) {
    const atStart = i === 0 || (i === 1 && words[0]![0] === '-');
    if (!atStart && words[i - 1]![0] !== 'so') continue;
    const found = matchUnitInFolded(clause.slice(words[i]!.index));
    if (found && found.entry.unit !== 'VND') return found;
  }
  return null;
}

export interface FindQuantitiesOptions {
  /** Offsets to leave alone (table cells are read by the table reader). */
  skip?: (offset: number) => boolean;
  /** Tells which syllables form one word, for counted nouns of several syllables; without it a counted noun is one syllable. */
  cohesion?: WordCohesion | null;
  /** The text is OCR that lost its marks and garbled letters into digits ("x3" for "xã"). */
  garbledOcr?: boolean;
}

/**
 * In garbled OCR a word wrapped to the next line can come out as digits ("trao\n601 công việc" for
 * "trao đổi công việc"): digits OCR puts for letters, opening a line that continues a sentence,
 * before a noun no grammar of units knows.
 */
function misreadWord(text: string, start: number, raw: string, follows: string | null): boolean {
  return follows === 'open' && /^[013467]{2,3}$/.test(raw) && /\p{L}[ \t]*\n[ \t]*$/u.test(text.slice(Math.max(0, start - 8), start));
}

/** The unit written after a number, by the first grammar that reads one. */
interface UnitAfter {
  unit: string;
  length: number;
  level: Quantity['level'];
  source: Quantity['unitSource'];
  scale: number;
  money: boolean;
}

function unitAfter(rest: string, cohesion: WordCohesion | null): UnitAfter | null {
  const measure = matchMeasure(rest);
  if (measure) return { unit: measure.unit, length: measure.length, level: null, source: 'measure', scale: measure.scale, money: measure.money };
  const known = matchUnit(rest);
  if (known) {
    return { unit: known.unit, length: known.length, level: known.entry.level ?? null, source: known.fuzzy ? 'garbled' : 'after', scale: known.entry.scale ?? 1, money: known.entry.unit === 'VND' };
  }
  const scale = matchScale(rest);
  const from = scale?.length ?? 0;
  const noun = countedNoun(rest.slice(from), cohesion);
  if (noun) return { unit: noun.unit, length: from + noun.length, level: LEVELS[fold(noun.unit)] ?? null, source: 'open', scale: scale?.scale ?? 1, money: false };
  return null;
}

/** A number in a list that goes on from one that is no quantity: ", 7", " và 9", " đến 12". */
function continuesExcludedList(text: string, start: number, excludedUntil: number, unitFollows: boolean): boolean {
  if (excludedUntil < 0 || start - excludedUntil > 12) return false;
  // "mức độ 3 và 349 dịch vụ": a number with its own unit after "và" starts a new clause.
  return (unitFollows ? /^\s*,\s*$/u : /^\s*(?:,|;|và|hoặc|đến|tới|-|–)\s*$/u).test(text.slice(excludedUntil, start));
}

/** "50 ÷ 70mm/h", "5 - 30KVA", "từ 10 đến 15 hồ sơ", "6 năm đến 10 năm": the upper end, after the lower one's unit if it repeats. */
function rangeUpper(text: string, from: number): { upper: number; raw: string; end: number } | null {
  const m = /^\s*(?:-|–|÷|~|đến|tới)\s*(?:dưới\s+|trên\s+)?(\d+(?:[.,]\d+)*)/iu.exec(text.slice(from, from + 40));
  if (!m) return null;
  const upper = parseVietnameseNumber(m[1]!);
  return upper === null ? null : { upper, raw: m[1]!, end: from + m[0].length };
}

export function findQuantities(text: string, options: FindQuantitiesOptions | ((offset: number) => boolean) = {}): Quantity[] {
  const { skip = () => false, cohesion = null, garbledOcr = false } = typeof options === 'function' ? { skip: options } : options;
  const found: Quantity[] = [];
  let consumedUntil = 0;
  /** Where the last number that is no quantity ended: "Điều 6, 7, 8 và 9" are all references. */
  let excludedUntil = -1;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const raw = m[0].replace(/[ \u00a0\u202f](?=\d{3})/g, '');
    let end = start + m[0].length;
    if (start < consumedUntil || skip(start)) continue;
    const negative = /(?:^|[\s(:])-$/.test(text.slice(Math.max(0, start - 2), start)) && !/\d\s*-$/.test(text.slice(Math.max(0, start - 4), start));
    const rest = text.slice(end);
    if (/^[/-]\p{L}/u.test(rest)) continue; // 416/QĐ-UBND, 15-CT
    if (/["“'‘]\s*$/u.test(text.slice(Math.max(0, start - 2), start))) continue; // mô hình "04 lớp": a name, not a count
    const parts = raw.split('/');
    if (parts.length > 2) continue; // 14/7/2021, 15/2016/QĐ-UBND
    let value = parseVietnameseNumber(parts[0]!);
    if (value !== null && negative) value = -value;
    let denominator = parts.length === 2 ? parseVietnameseNumber(parts[1]!) : null;
    if (value === null || (parts.length === 2 && denominator === null)) continue;

    // A range's upper end, with the unit written once after it or after both ends.
    let upper: number | null = null;
    let unitStart = end;
    let following = denominator === null ? unitAfter(text.slice(end), cohesion) : null;
    if (denominator === null && !/^\s?%/.test(rest)) {
      const directRange = rangeUpper(text, end);
      const afterUnit = following ? rangeUpper(text, end + following.length) : null;
      const range = directRange ?? afterUnit;
      if (range && !(isYear(parts[0]!) && isYear(range.raw))) {
        const upperUnit = unitAfter(text.slice(range.end), cohesion);
        const sameUnit = !afterUnit || (upperUnit && upperUnit.unit === following!.unit);
        if (sameUnit && (upperUnit || /^\s?%/.test(text.slice(range.end)))) {
          upper = range.upper;
          unitStart = range.end;
          end = range.end;
          following = upperUnit;
        }
      }
    }
    // "30x25cm": every side of a size takes the unit written after the last one.
    const size = /^[ ]?[x×][ ]?\d+(?:[.,]\d+)?(?:[ ]?[x×][ ]?\d+(?:[.,]\d+)?)*/u.exec(text.slice(end));
    if (size && !following) {
      const sizeUnit = unitAfter(text.slice(end + size[0].length), cohesion);
      if (sizeUnit?.source === 'measure') following = { ...sizeUnit, length: 0 };
    }
    const glued = /^\p{L}/u.test(text.slice(unitStart)) && !(size && following);
    const percentSign = /^\s?%/.exec(text.slice(end));
    // A letter glued to the digits is a unit symbol ("61mm", "4.652.000.000đ") or a code ("83NQ", "1A", "16p").
    if (glued && !(following && (following.source === 'measure' || following.money))) continue;
    const follows = percentSign || following?.source === 'measure' || following?.money
      ? 'measure'
      : !following
        ? null
        : following.source === 'open'
          ? (MEASURE_NOUNS.has(following.unit) ? 'time' : 'open')
          : 'known';
    const reason = whyNotAQuantity({ text, start, raw, follows, cohesion }) ?? (garbledOcr && misreadWord(text, start, raw, follows) ? 'misread word' : null);
    if (reason || (/^\d{1,3}$/.test(raw) && continuesExcludedList(text, start, excludedUntil, follows !== null))) {
      excludedUntil = /^\d{1,3}$/.test(raw) ? end : -1;
      continue;
    }

    let statedPercent: StatedPercent | null = null;
    let unitSource: Quantity['unitSource'] = 'none';
    let unit: string | null = null;
    let level: Quantity['level'] = null;
    let amountInWords: Quantity['amountInWords'] = null;
    let extentEnd = end;
    if (percentSign && denominator === null) {
      statedPercent = { value: upper ?? value, text: '', span: [start, end + percentSign[0].length] };
      end += percentSign[0].length;
      const bracketed = fractionInBrackets(text, end);
      if (bracketed && upper === null) {
        value = bracketed.value;
        denominator = bracketed.denominator;
        end += bracketed.length;
      }
      statedPercent.text = text.slice(statedPercent.span[0], statedPercent.span[1]);
      unitSource = 'percent';
      unit = denominator === null ? '%' : null;
    }
    if (unit === null) {
      const after = denominator === null && !statedPercent ? following : unitAfter(text.slice(end), cohesion);
      if (after) {
        unit = after.unit;
        level = after.level;
        unitSource = after.source;
        if (after.scale !== 1) {
          value *= after.scale;
          if (upper !== null) upper *= after.scale;
        }
        let unitEnd = end + after.length;
        // "29 năm 6 tháng", "2 giờ 30 phút": a duration in two units is one amount in the larger.
        const smaller = (unit === 'năm' && /^\s+(\d{1,2})\s+tháng(?![\p{L}\p{M}])/iu.exec(text.slice(unitEnd))) || (unit === 'giờ' && /^\s+(\d{1,2})\s+phút(?![\p{L}\p{M}])/iu.exec(text.slice(unitEnd)));
        if (smaller) {
          const fraction = Number(smaller[1]) / (unit === 'năm' ? 12 : 60);
          if (upper !== null) upper += fraction;
          else value += fraction;
          unitEnd += smaller[0].length;
          end = unitEnd;
        }
        extentEnd = unitEnd;
        // "17/17 đơn vị cấp huyện": the words after the unit name the administrative level.
        const levelWords = /^\s*(?:c[aấ]p\s+)(t[iỉ]nh|huy[eệ]n|x[aã])(?!\p{L})/iu.exec(text.slice(unitEnd, unitEnd + 16));
        if (level === null && levelWords) level = LEVELS[fold(levelWords[1]!).toLowerCase()] ?? null;
        if (after.money && unit.startsWith('VND')) {
          const words = amountInWordsAfter(text, unitEnd);
          if (words) amountInWords = { value: words.value, text: words.text };
          if (after.scale === 1 && value < 1000) continue; // "3 đ" is no amount a report states
        }
      } else if (denominator === null && !statedPercent && /(?:^|[^\p{L}])tuổi\s*$/iu.test(text.slice(Math.max(0, start - 8), start))) {
        unit = 'tuổi'; // "Ở tuổi 30": an age names its unit first
        unitSource = 'before';
      } else if (denominator === null && !statedPercent && ratePercent(text, start, end)) {
        unit = '%'; // "GDP tăng khoảng 6,8." with its sign lost: a rate is a percentage
        unitSource = 'before';
        statedPercent = { value: upper ?? value, text: text.slice(start, end), span: [start, end] };
      } else if (denominator === null && !statedPercent) {
        const before = unitBefore(text, start, end);
        if (!before) continue;
        unit = before.entry.unit;
        level = before.entry.level ?? null;
        unitSource = 'before';
      }
    }
    let qualifier = qualifierBefore(text, start);
    if (!qualifier && /^\s*tat ca\b/.test(fold(text.slice(end, end + 12)))) qualifier = 'tất cả';
    consumedUntil = end;
    found.push({
      value,
      denominator,
      unit,
      level,
      statedPercent,
      qualifier,
      bounds: upper !== null ? [value, upper] : boundsFor(statedPercent && denominator === null ? statedPercent.value : value, qualifier),
      span: [negative ? start - 1 : start, end],
      extentEnd: Math.max(end, extentEnd),
      valueText: text.slice(negative ? start - 1 : start, end),
      unitSource,
      amountInWords,
      range: upper !== null,
    });
  }
  const inDigits = (offset: number) => skip(offset) || found.some((q) => offset >= q.span[0] && offset < q.extentEnd);
  return [...found, ...findBracketedShares(text, found), ...findNumberWords(text, cohesion, inDigits)].sort((a, b) => a.span[0] - b.span[0]);
}
