/**
 * Finds quantities in restored text: fractions ("184/220 xã"), percentages with an optional
 * fraction ("84,04% (158/188)"), and counts with a unit ("403.086 hồ sơ"), with qualifier,
 * year, page and the phrase they stand in. Dates, years and document numbers are not quantities.
 */
import type { DocumentMetadata, Indicator, Qualifier } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { tokenize, type Token } from '../diacritics/tokenize';
import { KeyClassifier } from './classify-key';
import { parseVietnameseNumber } from './parse-number';
import { extractTables } from './extract-tables';
import { matchUnit } from './units';

export interface ExtractOptions {
  metadata?: Pick<DocumentMetadata, 'province' | 'year'>;
  /** Character offset at which each page starts in the text (page 1 first). */
  pageStarts?: number[];
  classifier?: KeyClassifier;
}

const QUALIFIERS_BEFORE: Array<[string, Qualifier]> = [
  ['hon', 'hơn'],
  ['gan', 'gần'],
  ['khoang', 'khoảng'],
  ['tren', 'trên'],
  ['duoi', 'dưới'],
  ['dat', 'đạt'],
  ['tat ca', 'tất cả'],
  ['chi', 'chỉ'],
];
/** Words after which a number is a date part, a year or a reference, not a quantity. */
const NOT_QUANTITY_AFTER = new Set(['ngay', 'thang', 'nam', 'so', 'dieu', 'khoan', 'muc', 'phu luc', 'giai doan', 'ky', 'lan thu', 'quy']);

function previousWords(text: string, at: number, count: number): string {
  const before = fold(text.slice(Math.max(0, at - 40), at));
  const words = before.split(/[^\p{L}\d]+/u).filter(Boolean);
  return words.slice(-count).join(' ');
}

function qualifierBefore(text: string, at: number): Qualifier | null {
  const before = fold(text.slice(Math.max(0, at - 20), at)).trimEnd();
  for (const [folded, qualifier] of QUALIFIERS_BEFORE) {
    if (before === folded || before.endsWith(` ${folded}`) || before.endsWith(`(${folded}`)) return qualifier;
  }
  return null;
}

function phraseAround(text: string, start: number, end: number): string {
  const boundary = /[.;!?]\s|\n\s*\n|:\s*\n/g;
  let from = 0;
  for (const m of text.slice(0, start).matchAll(boundary)) from = (m.index ?? 0) + m[0].length;
  boundary.lastIndex = 0;
  const after = boundary.exec(text.slice(end));
  const to = after ? end + (after.index ?? 0) + 1 : text.length;
  let phrase = text.slice(from, to).replace(/\s+/g, ' ').trim();
  if (phrase.length > 300) {
    phrase = text.slice(Math.max(from, start - 150), Math.min(to, start + 150)).replace(/\s+/g, ' ').trim();
  }
  return phrase;
}

/** The words around one number: back to the previous clause mark, on to the next number or mark. */
function localClause(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 60), start);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('));
  const after = text.slice(end, end + 120);
  const stop = after.search(/[;.:]\s|\d/);
  return `${before.slice(cut + 1)}${text.slice(start, end)}${stop >= 0 ? after.slice(0, stop) : after}`.replace(/\s+/g, ' ');
}

function yearOf(phrase: string, fallback: number | null): number | null {
  const m = /n[aă]m\s+((?:19|20)\d{2})/iu.exec(phrase);
  return m ? Number(m[1]) : fallback;
}

function pageOf(offset: number, pageStarts: number[] | undefined): number | null {
  if (!pageStarts || pageStarts.length === 0) return null;
  let page = 1;
  pageStarts.forEach((start, i) => {
    if (offset >= start) page = i + 1;
  });
  return page;
}

/**
 * The name a list item gives before its number ("Pleiku 22/22", "Chư Prông 16/20"): the words
 * since the previous comma, colon or semicolon. OCR may have lost the capitals ("la Grai").
 */
function entityBefore(text: string, at: number): string | null {
  const before = text.slice(Math.max(0, at - 40), at);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('));
  const name = before.slice(cut + 1).replace(/\s+/g, ' ').trim();
  return cut >= 0 && /^\p{L}[^,;:()]{0,30}$/u.test(name) && name.split(' ').length <= 4 ? name : null;
}

/** How far back (characters) a breakdown may stand from the total it breaks down. */
const BREAKDOWN_REACH = 400;

/** The total a breakdown belongs to: the last fraction with a unit, not far before, not itself a breakdown. */
function lastFractionWithUnit(found: Indicator[], at: number): Indicator | null {
  for (let i = found.length - 1; i >= 0; i--) {
    const f = found[i]!;
    if (at - f.span[1] > BREAKDOWN_REACH) return null;
    if (f.denominator !== null && f.unit && f.unit !== '%' && f.entity === null) return f;
  }
  return null;
}

function nextVisible(tokens: Token[], i: number): { token: Token; index: number } | null {
  for (let k = i + 1; k < tokens.length; k++) if (tokens[k]!.kind !== 'space') return { token: tokens[k]!, index: k };
  return null;
}

export function extractIndicators(text: string, options: ExtractOptions = {}): Indicator[] {
  const classifier = options.classifier ?? KeyClassifier.fromBundledTaxonomy();
  const tables = extractTables(text, {
    classifier,
    province: options.metadata?.province ?? null,
    year: options.metadata?.year ?? null,
    pageOf: (offset) => pageOf(offset, options.pageStarts),
  });
  const inTable = (offset: number) => tables.ranges.some(([from, to]) => offset >= from && offset < to);
  const tokens = tokenize(text);
  const found: Indicator[] = [];
  let consumedUntil = 0; // "100% (47/47)" is one record, not two
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'number' || token.start < consumedUntil || inTable(token.start)) continue;
    const parts = token.text.split('/');
    if (parts.length > 2) continue; // a date such as 14/7/2021
    const context = previousWords(text, token.start, 2);
    const lastWord = context.split(' ').pop() ?? '';
    if (NOT_QUANTITY_AFTER.has(lastWord) || NOT_QUANTITY_AFTER.has(context)) continue;
    const value = parseVietnameseNumber(parts[0]!);
    const denominator = parts.length === 2 ? parseVietnameseNumber(parts[1]!) : null;
    if (value === null || (parts.length === 2 && denominator === null)) continue;

    let end = token.end;
    let percent: number | null = null;
    let finalValue = value;
    let finalDenominator = denominator;
    const next = nextVisible(tokens, i);
    if (next && next.token.text === '%' && denominator === null) {
      percent = value;
      end = next.token.end;
      // "84,04% (158/188)": the fraction behind the percentage gives the counts.
      const paren = /^\s*\((\d[\d.,]*)\s*\/\s*(\d[\d.,]*)\)/u.exec(text.slice(end));
      if (paren) {
        const num = parseVietnameseNumber(paren[1]!);
        const den = parseVietnameseNumber(paren[2]!);
        if (num !== null && den !== null) {
          finalValue = num;
          finalDenominator = den;
          end += paren[0].length;
        }
      }
    }
    const unitMatch = matchUnit(text.slice(end));
    // A breakdown ("(184/220 xã) ... gồm: Pleiku 22/22, Ia Pa 9/9") names its unit once: a bare
    // fraction after a named entity takes the unit of the last fraction in the same sentence.
    const entity = denominator !== null && !unitMatch ? entityBefore(text, token.start) : null;
    const total = entity ? lastFractionWithUnit(found, token.start) : null;
    const unit = percent !== null && finalDenominator === null ? '%' : unitMatch?.entry.unit ?? total?.unit ?? null;
    if (percent === null && denominator === null && !unitMatch) continue;
    if (percent === null && denominator === null && unitMatch?.entry.unit === 'VND' && !unitMatch.entry.scale && value < 1000) continue;
    if (unitMatch?.entry.scale) finalValue = value * unitMatch.entry.scale;
    if (finalDenominator !== null && finalDenominator > 0 && percent === null) {
      percent = Math.round((finalValue / finalDenominator) * 10000) / 100;
    }

    let qualifier = qualifierBefore(text, token.start);
    if (!qualifier && /^\s*tat ca\b/.test(fold(text.slice(end, end + 12)))) qualifier = 'tất cả';
    consumedUntil = end;
    const phrase = phraseAround(text, token.start, end);
    const key = total
      ? { key: classifier.breakdownKey(total.key), similarity: 1 - (1 - total.confidence) * 2 }
      : classifier.classifyInContext(localClause(text, token.start, end), phrase, unit);
    const flags: string[] = [];
    if (key.key === 'unclassified') flags.push('unknown-key');
    if (qualifier) flags.push('qualifier');
    if (/phan dau|du kien|muc tieu|ke hoach/.test(fold(phrase))) flags.push('target');
    const confidence = Math.max(0.3, Math.min(0.95, 0.5 + key.similarity / 2));
    found.push({
      key: key.key,
      value: finalValue,
      denominator: finalDenominator,
      unit,
      qualifier,
      percent,
      year: yearOf(phrase, options.metadata?.year ?? null),
      province: options.metadata?.province ?? null,
      entity,
      level: entity ? 'district' : unitMatch?.entry.level ?? null,
      phrase,
      valueText: text.slice(token.start, end),
      span: [token.start, end],
      page: pageOf(token.start, options.pageStarts),
      confidence,
      flags,
      reviewState: 'pending',
    });
  }
  return [...found, ...tables.indicators].sort((a, b) => a.span[0] - b.span[0]);
}
