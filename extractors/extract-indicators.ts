/**
 * Turns the quantities of a restored text into indicator records: what each measures (a key from
 * the taxonomy), for which entity, year and province, with review flags and a confidence.
 * The grammar of numbers lives in find-quantities; tables in extract-tables.
 */
import type { DocumentMetadata, Indicator, IndicatorKind } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { attachRestatements } from './attach-restatements';
import { KeyClassifier, UNCLASSIFIED } from './classify-key';
import type { WordCohesion } from './counted-noun';
import { classifyKind } from './classify-kind';
import { extractTables } from './extract-tables';
import { isOpenKey, openKey } from './open-key';
import { findQuantities, type Quantity } from './find-quantities';
import { entityBefore, localClause, TextLandmarks, yearOf } from './text-context';

export interface ExtractOptions {
  metadata?: Pick<DocumentMetadata, 'province' | 'year'> & Partial<Pick<DocumentMetadata, 'title'>>;
  /** Character offset at which each page starts in the text (page 1 first). */
  pageStarts?: number[];
  classifier?: KeyClassifier;
  /** Which syllables form one word (from the diacritics model), for counted nouns of several syllables. */
  cohesion?: WordCohesion | null;
  /** The text is OCR that lost its marks and garbled letters into digits. */
  garbledOcr?: boolean;
}

/** How far back (characters) a breakdown may stand from the total it breaks down. */
const BREAKDOWN_REACH = 400;

function pageOf(offset: number, pageStarts: number[] | undefined): number | null {
  if (!pageStarts || pageStarts.length === 0) return null;
  let page = 1;
  pageStarts.forEach((start, i) => {
    if (offset >= start) page = i + 1;
  });
  return page;
}

/** The total a breakdown belongs to: the last fraction with a unit, not far before, not itself a breakdown. */
function lastFractionWithUnit(found: Indicator[], at: number): Indicator | null {
  for (let i = found.length - 1; i >= 0; i--) {
    const f = found[i]!;
    if (at - f.span[1] > BREAKDOWN_REACH) return null;
    if (f.denominator !== null && f.unit && f.unit !== '%' && f.entity === null) return f;
  }
  return null;
}

/** Does a record in `unit` fit a key written in `keyUnit`? A count with its percentage fits a rate. */
function unitFits(keyUnit: string | null, unit: string | null, q: Quantity): boolean {
  if (keyUnit === null || unit === null) return true;
  if (keyUnit === unit) return true;
  if (keyUnit === '%') return q.denominator !== null || q.statedPercent !== null;
  return false;
}

/** The clause a number stands in, from its start to the number. */
function clauseOf(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 120), at);
  const cut = (s: string) => s.slice(Math.max(s.lastIndexOf('. '), s.lastIndexOf(';'), s.lastIndexOf(':'), s.lastIndexOf('\n'), s.lastIndexOf('(')) + 1);
  const clause = cut(before);
  // "Tổng thu ngân sách nhà nước: 8.156.000 triệu đồng": the label before the colon is the subject.
  if (!/\p{L}/u.test(clause) && /:\s*$/.test(before)) return cut(before.replace(/:\s*$/, ''));
  return clause;
}

/** The kind of a quantity from its clause, section and document. */
function kindAt(q: Quantity, text: string, unit: string | null, section: string | null, title: string | null): IndicatorKind {
  const lead = fold(text.slice(Math.max(0, q.span[0] - 100), q.span[0])).toLowerCase();
  const clauseBefore = lead.slice(Math.max(lead.lastIndexOf('. '), lead.lastIndexOf(';')) + 1);
  return classifyKind({ clauseBefore, justBefore: lead.slice(-24), unit, section, title });
}

function flagsOf(q: Quantity, kind: IndicatorKind, key: string): string[] {
  const flags: string[] = [];
  if (key === UNCLASSIFIED || isOpenKey(key)) flags.push('unknown-key');
  if (q.qualifier) flags.push('qualifier');
  if (kind === 'target') flags.push('target');
  if (kind === 'delta') flags.push('change');
  if (q.range) flags.push('range');
  if (q.unitSource === 'garbled') flags.push('garbled-unit');
  if (q.unitSource === 'before') flags.push('unit-from-context');
  if (q.denominator !== null && q.value > q.denominator) flags.push('exceeds-denominator');
  if (q.amountInWords && Math.abs(q.amountInWords.value - q.value) > 0.5) flags.push('amount-words-mismatch');
  return flags;
}

function confidenceOf(similarity: number, flags: string[]): number {
  let confidence = 0.5 + similarity / 2;
  if (flags.includes('garbled-unit')) confidence -= 0.15;
  if (flags.includes('unit-from-context')) confidence -= 0.1;
  if (flags.includes('amount-words-mismatch') || flags.includes('exceeds-denominator')) confidence -= 0.3;
  return Math.max(0.2, Math.min(0.95, confidence));
}

export function extractIndicators(text: string, options: ExtractOptions = {}): Indicator[] {
  const classifier = options.classifier ?? KeyClassifier.fromBundledTaxonomy();
  const province = options.metadata?.province ?? null;
  const tables = extractTables(text, { classifier, province, year: options.metadata?.year ?? null, pageOf: (offset) => pageOf(offset, options.pageStarts) });
  const inTable = (offset: number) => tables.ranges.some(([from, to]) => offset >= from && offset < to);
  const quantities = attachRestatements(findQuantities(text, { skip: inTable, cohesion: options.cohesion ?? null, garbledOcr: options.garbledOcr ?? false }), text);
  const landmarks = new TextLandmarks(text);
  const title = options.metadata?.title ?? titleLine(text);
  const found: Indicator[] = [];
  for (const q of quantities) {
    // A breakdown ("(184/220 xã) … gồm: Pleiku 22/22, Ia Pa 9/9") names its unit once: a bare
    // fraction after a named entity takes the unit and key of the total before it.
    const entity = q.denominator !== null && q.unit === null ? entityBefore(text, q.span[0]) : null;
    const total = entity ? lastFractionWithUnit(found, q.span[0]) : null;
    const unit = q.unit ?? total?.unit ?? null;
    // "đạt" qualifies a rate ("đạt tỷ lệ 83,6%"), not a score or a count ("đạt 117,69 điểm").
    const qualifier = q.qualifier === 'đạt' && unit !== '%' && !q.statedPercent ? null : q.qualifier;
    const quantity = { ...q, qualifier };
    const phrase = landmarks.phraseAround(q.span[0], q.span[1]);
    let key = total
      ? { key: classifier.breakdownKey(total.key), similarity: 1 - (1 - total.confidence) * 2 }
      : classifier.classifyInContext(localClause(text, q.span[0], q.span[1]), phrase, unit, landmarks.sectionAt(q.span[0])?.title ?? null);
    // A key whose quantities are written in another unit does not fit, however alike the words
    // ("3 bệnh viện" is no count of "hồ sơ"): a percentage fits a key of rates through its fraction.
    if (key.key !== UNCLASSIFIED && !total && !unitFits(classifier.unitOf(key.key), unit, q)) key = { key: UNCLASSIFIED, similarity: 0 };
    // Nothing in the taxonomy fits: propose an open key from what the text counts, for review.
    if (key.key === UNCLASSIFIED) key = { ...key, key: openKey(unit, clauseOf(text, q.span[0])) };
    const kind = kindAt(q, text, unit, landmarks.sectionAt(q.span[0])?.title ?? null, title);
    const flags = flagsOf(quantity, kind, key.key);
    const percent = q.denominator !== null && q.denominator > 0 ? Math.round((q.value / q.denominator) * 10000) / 100 : q.statedPercent?.value ?? null;
    found.push({
      key: key.key,
      kind,
      value: unit === '%' ? q.statedPercent!.value : q.value,
      denominator: q.denominator,
      unit,
      qualifier,
      percent,
      statedPercent: q.statedPercent && unit !== '%' ? q.statedPercent : null,
      bounds: q.bounds,
      year: yearOf(phrase, options.metadata?.year ?? null),
      province,
      entity,
      level: entity ? 'district' : q.level,
      phrase,
      valueText: q.valueText,
      span: q.span,
      page: pageOf(q.span[0], options.pageStarts),
      confidence: confidenceOf(key.similarity, flags),
      flags,
      reviewState: 'pending',
    });
  }
  return withDocumentYear([...found, ...tables.indicators].sort((a, b) => a.span[0] - b.span[0]));
}

/** A first line in capitals is the document's title when no header gave one ("DỰ TOÁN NGÂN SÁCH ..."). */
function titleLine(text: string): string | null {
  const first = /^[^\n]{8,300}/.exec(text.trimStart())?.[0] ?? '';
  const caps = /^[\p{Lu}\d\s,.;:()\-–/]+/u.exec(first)?.[0] ?? '';
  return caps.replace(/[\s\d]+$/u, '').length >= 8 ? caps.trim() : null;
}

/** The year most of the records give, or null when none gives one. */
export function mostCommonYear(records: Indicator[]): number | null {
  const counts = new Map<number, number>();
  for (const r of records) if (r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * A document without a dated header (an article, a report draft) is about the year most of its
 * sentences name: records whose sentence names none take that year.
 */
function withDocumentYear(records: Indicator[]): Indicator[] {
  const year = mostCommonYear(records);
  return year === null ? records : records.map((r) => (r.year === null ? { ...r, year } : r));
}
