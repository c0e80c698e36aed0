/**
 * The same quantity stated in two places (a headline and its lead, a title and its article): same
 * value and unit, said of the same thing.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { isFunctionWord } from '../extractors/counted-noun';
import { matchMeasure } from '../extractors/measure-units';
import { inProse, MEASURED } from './relation-records';

/** How many content words on each side of a record tell what it is said of. */
const SUBJECT_WORDS = 6;
/** How far around a record its subject words are looked for, in characters. */
const SUBJECT_REACH = 90;

/** Where a record's number and the unit written after it end ("10 tỷ đồng", "355 m2"). */
const unitEndOf = (text: string, record: Indicator) => record.span[1] + (matchMeasure(text.slice(record.span[1]))?.length ?? 0);

/**
 * Content syllables around a record, without its own number and unit: what it is said of. Counted
 * in words, not characters, so dates beside a record ("4/10/2021 - 10/10/2021 của 12 con giáp")
 * do not crowd its words out; the window stops at the quantities beside it, whose words are theirs
 * and after it at the end of its clause ("Vũng Tàu là 20 tỷ đồng, Bà Rịa là 10 tỷ đồng").
 */
function subjectWords(text: string, records: Indicator[], index: number): Set<string> {
  const record = records[index]!;
  const unitWords = new Set((record.unit ?? '').toLowerCase().split(/[\s/]+/));
  const content = (s: string) =>
    s
      .toLowerCase()
      .split(/[^\p{L}\p{M}]+/u)
      .filter((w) => w.length >= 2 && !unitWords.has(w) && !isFunctionWord(w))
      .map((w) => fold(w));
  const previous = index > 0 ? unitEndOf(text, records[index - 1]!) : 0;
  const next = records[index + 1]?.span[0] ?? text.length;
  const from = Math.max(0, previous, record.span[0] - SUBJECT_REACH);
  const before = content(text.slice(Math.min(from, record.span[0]), record.span[0])).slice(-SUBJECT_WORDS);
  const unitEnd = unitEndOf(text, record);
  // Words between two quantities are split at the clause mark between them: the next clause is the next one's.
  const following = text.slice(unitEnd, Math.max(unitEnd, Math.min(next, unitEnd + SUBJECT_REACH)));
  const after = content(next < unitEnd + SUBJECT_REACH ? following.slice(0, following.search(/[,;.]\s|$/u)) : following).slice(0, SUBJECT_WORDS);
  return new Set([...before, ...after]);
}
/** "37 toa tàu" and "37 toa tàu cũ", "20.000 đồng" and "20.000 đồng/chiếc": one unit when one is the other's start. */
const sameUnitWords = (a: string, b: string) => a === b || /^[ /]/.test(a.startsWith(b) ? a.slice(b.length) : b.startsWith(a) ? b.slice(a.length) : 'x');
const sameBounds = (a: Indicator, b: Indicator) => (a.bounds?.[1] ?? a.value) === (b.bounds?.[1] ?? b.value) || a.qualifier !== b.qualifier;

/** "245.812" rounded to the precision of "246.000" (its trailing zeros) is 246.000; a round figure proves nothing. */
function roundsToApproximate(exact: number, approximate: number): boolean {
  if (!Number.isInteger(approximate) || approximate < 1000) return false;
  const zeros = /0*$/.exec(String(approximate))![0].length;
  const step = 10 ** zeros;
  return zeros >= 2 && exact % step !== 0 && Math.round(exact / step) * step === approximate;
}

/** Units a count of things is written in, as opposed to measures, money, shares and spans of time any two things share. */
const DURATIONS = new Set(['năm', 'tháng', 'ngày', 'tuần', 'giờ', 'phút', 'giây', 'ngày làm việc', 'lần', 'buổi', 'đêm', 'quý', 'kỳ', 'đợt', 'ca']);
const countsThings = (unit: string) => !MEASURED.test(unit) && !DURATIONS.has(unit) && /^\p{Ll}[\p{Ll}\p{M} ]*$/u.test(unit);

/**
 * The same value and unit stated twice of the same thing: restatements hold, and tie the records
 * together. Said of the same thing when the words around the two mentions are largely the same,
 * or when the document counts those things only once: "31 đơn vị" in a headline and "31 đơn vị"
 * in its lead, with no other number of đơn vị anywhere, are one set of units.
 */
export function restatementChecks(doc: string, text: string, records: Indicator[], sums: CheckResult[]): CheckResult[] {
  const out: CheckResult[] = [];
  // Two equal parts of one total (sums and shares are given) ("790 tỷ đồng ... 790 tỷ đồng") are two things, not one said twice.
  // Nor are the shares of two parts ("(50%): 790 tỷ đồng … (50%): 790 tỷ đồng").
  const shareOf = (r: number) => sums.find((c) => c.id.includes(':share:') && c.indicators[0] === r)?.indicators[2];
  const partsOfOneSum = (a: number, b: number) =>
    sums.some((c) => c.indicators.slice(1).includes(a) && c.indicators.slice(1).includes(b)) || (shareOf(a) !== undefined && shareOf(b) !== undefined && shareOf(a) !== shareOf(b));
  const valuesOf = new Map<string, Set<number>>();
  for (const r of records) if (r.unit !== null && inProse(r)) valuesOf.set(r.unit, (valuesOf.get(r.unit) ?? new Set()).add(r.value));
  const linked = new Set<number>();
  for (let a = 0; a < records.length; a++) {
    if (linked.has(a)) continue;
    const first = records[a]!;
    if (first.unit === null || !inProse(first)) continue;
    const words = subjectWords(text, records, a);
    const countedOnce = countsThings(first.unit) && valuesOf.get(first.unit)!.size === 1;
    const same: number[] = [];
    for (let b = a + 1; b < records.length; b++) {
      const other = records[b]!;
      if (other.unit === null || !sameUnitWords(other.unit, first.unit) || other.denominator !== first.denominator || !inProse(other)) continue;
      // "gần 246.000 mũi" in a headline is the "245.812 mũi" of its article, rounded.
      const approximate = (first.qualifier !== null) !== (other.qualifier !== null);
      const rounded = approximate && Math.abs(other.value - first.value) <= 0.01 * Math.max(first.value, other.value);
      // An exact figure that rounds to the approximate one at its precision is that figure: no chance agreement.
      const roundsTo = approximate && other.value !== first.value && (first.qualifier !== null ? roundsToApproximate(other.value, first.value) : roundsToApproximate(first.value, other.value));
      if ((other.value !== first.value || !sameBounds(first, other)) && !rounded) continue;
      if (other.span[0] - first.span[1] < 20 || partsOfOneSum(a, b)) continue; // a list, not a restatement
      const theirs = subjectWords(text, records, b);
      const shared = [...theirs].filter((w) => words.has(w)).length;
      // Said of the same thing: most of the words around one stand around the other.
      // A percentage such as 100% is said of many things: it needs more of the same words.
      const needed = first.unit === '%' ? (first.value === 100 ? Infinity : 0.5) : 0.15;
      if ((shared >= 2 && shared >= needed * Math.min(words.size, theirs.size)) || roundsTo || (countedOnce && other.unit === first.unit && !rounded)) same.push(b);
    }
    if (same.length === 0) continue;
    for (const b of same) linked.add(b);
    out.push({
      id: `${doc}:restated:${first.span[0]}`,
      description: `${first.valueText} ${first.unit} is stated ${same.length + 1} times of the same thing`,
      documents: [doc],
      result: 'holds',
      computed: first.value,
      stated: first.value,
      indicators: [a, ...same],
    });
  }
  return out;
}

