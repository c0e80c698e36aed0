/**
 * Vietnamese quantity grammar: finds the quantities in a text with their value, denominator,
 * unit, qualifier and bounds, and says nothing yet about what they measure. Dates, years, levels
 * ("mức độ 3") and references ("416/QĐ-UBND", "Điều 5") are not quantities.
 */
import type { Qualifier } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { amountInWordsAfter } from './number-words';
import { parseVietnameseNumber } from './parse-number';
import { wordsBefore } from './text-context';
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
  unitSource: 'after' | 'garbled' | 'before' | 'percent' | 'none';
  /** The amount spelt out in words after the digits, when there is one. */
  amountInWords: { value: number; text: string } | null;
  range: boolean;
}

/** A number not glued to letters or to another number before it. */
const NUMBER = /(?<![\p{L}\p{M}\d.,/¢€&©®@])\d+(?:[.,]\d+)*(?:\s?\/\s?\d+(?:[.,]\d+)*)*/gu;

/** Words right before a number that make it a date, level, rank or reference. */
const NOT_QUANTITY_AFTER = new Set(['ngay', 'thang', 'dieu', 'khoan', 'muc', 'chuong', 'luc', 'doan', 'ky', 'quy', 'thu', 'do', 'khoa', 'phong', 'so', 'nam', 'ty', 'ti']);

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

const isYear = (raw: string) => /^(19|20)\d{2}$/.test(raw);

/** True when the words right before a number make it a date, level, rank or reference rather than a quantity. */
function notAQuantity(text: string, start: number, raw: string): boolean {
  // "mức độ 3 và 4", "mức độ 3,4": the second level is no quantity either.
  if (/^[1-4]$/.test(raw) && /\b(?:muc|cap)(?: do)?\s+[1-4]\s*(?:,|-|va)\s*$/.test(fold(text.slice(Math.max(0, start - 20), start)))) return true;
  const words = wordsBefore(text, start, 2);
  const last = words.at(-1);
  const before = words.length === 2 ? words[0] : undefined;
  if (!last || !NOT_QUANTITY_AFTER.has(last)) return false;
  if (last === 'nam') return isYear(raw.split('/')[0]!); // "năm 2020", but "trong năm 100% …" has a comma first
  if (last === 'so') return before !== 'tong'; // "số 416" is a reference, "tổng số 403.086" a quantity
  if (last === 'do') return before === 'muc' || before === 'cap'; // "mức độ 3" is a level
  if (last === 'luc') return before === 'phu';
  if (last === 'doan') return before === 'giai';
  if (last === 'thu') return true; // "thứ 2", "lần thứ 3"
  if (last === 'ty' || last === 'ti') return before === undefined || !/^\d/.test(before); // "tỷ lệ" read as "tỷ 18"
  return true;
}

/** A fraction in brackets behind a percentage: "84,04% (158/188)". */
function fractionInBrackets(text: string, from: number): { value: number; denominator: number; length: number } | null {
  const m = /^\s*\((\d[\d.,]*)\s*\/\s*(\d[\d.,]*)\)/u.exec(text.slice(from));
  if (!m) return null;
  const value = parseVietnameseNumber(m[1]!);
  const denominator = parseVietnameseNumber(m[2]!);
  return value === null || denominator === null ? null : { value, denominator, length: m[0].length };
}

/** "10-15%", "từ 10 đến 15 hồ sơ": the upper end of a range that starts at `from`. */
function rangeEnd(text: string, from: number): { upper: number; length: number } | null {
  const m = /^\s*(?:-|–|đến|den|tới|toi)\s*(\d[\d.,]*\d|\d)(?=\s*(?:%|\p{L}))/u.exec(text.slice(from));
  if (!m) return null;
  const upper = parseVietnameseNumber(m[1]!);
  return upper === null ? null : { upper, length: m[0].length };
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

export function findQuantities(text: string, skip: (offset: number) => boolean = () => false): Quantity[] {
  const found: Quantity[] = [];
  let consumedUntil = 0;
  for (const m of text.matchAll(NUMBER)) {
    const start = m.index;
    const raw = m[0];
    let end = start + raw.length;
    if (start < consumedUntil || skip(start)) continue;
    const rest = text.slice(end);
    if (/^[/-]\p{L}/u.test(rest)) continue; // 416/QĐ-UBND, 15-CT
    if (/["“'‘]\s*$/u.test(text.slice(Math.max(0, start - 2), start))) continue; // mô hình "04 lớp": a name, not a count
    const parts = raw.split('/');
    if (parts.length > 2) continue; // 14/7/2021, 15/2016/QĐ-UBND
    if (notAQuantity(text, start, raw)) continue;
    let value = parseVietnameseNumber(parts[0]!);
    let denominator = parts.length === 2 ? parseVietnameseNumber(parts[1]!) : null;
    if (value === null || (parts.length === 2 && denominator === null)) continue;

    let statedPercent: StatedPercent | null = null;
    let upper: number | null = null;
    const range = denominator === null ? rangeEnd(text, end) : null;
    if (range && !(isYear(parts[0]!) && isYear(String(range.upper)))) {
      upper = range.upper;
      end += range.length;
    }
    const percentSign = /^\s?%/.exec(text.slice(end));
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
      const after = matchUnit(text.slice(end));
      if (/^\p{L}/u.test(text.slice(start + raw.length)) && after?.entry.unit !== 'VND') continue; // "16p", "3s": a garbled word
      if (after) {
        unit = after.unit;
        level = after.entry.level ?? null;
        unitSource = after.fuzzy ? 'garbled' : 'after';
        if (after.entry.scale) {
          value *= after.entry.scale;
          if (upper !== null) upper *= after.entry.scale;
        }
        const unitEnd = end + after.length;
        extentEnd = unitEnd;
        // "17/17 đơn vị cấp huyện": the words after the unit name the administrative level.
        const levelWords = /^\s*(?:c[aấ]p\s+)(t[iỉ]nh|huy[eệ]n|x[aã])(?!\p{L})/iu.exec(text.slice(unitEnd, unitEnd + 16));
        if (level === null && levelWords) level = LEVELS[fold(levelWords[1]!).toLowerCase()] ?? null;
        if (after.entry.unit === 'VND') {
          const words = amountInWordsAfter(text, unitEnd);
          if (words) amountInWords = { value: words.value, text: words.text };
        }
        if (unit.startsWith('VND') && !after.entry.scale && value < 1000) continue; // "3 đ" is no amount a report states
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
      span: [start, end],
      extentEnd: Math.max(end, extentEnd),
      valueText: text.slice(start, end),
      unitSource,
      amountInWords,
      range: upper !== null,
    });
  }
  return found;
}
