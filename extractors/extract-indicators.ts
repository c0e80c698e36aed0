/**
 * Turns the quantities of a restored text into indicator records: what each measures (a key from
 * the taxonomy), for which entity, year and province, with review flags and a confidence.
 * The grammar of numbers lives in find-quantities; tables in extract-tables.
 */
import type { DocumentMetadata, Indicator, IndicatorKind } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { attachRestatements } from './attach-restatements';
import { KeyClassifier } from './classify-key';
import type { WordCohesion } from './counted-noun';
import { extractTables } from './extract-tables';
import { findQuantities, type Quantity } from './find-quantities';
import { entityBefore, localClause, TextLandmarks, yearOf } from './text-context';

export interface ExtractOptions {
  metadata?: Pick<DocumentMetadata, 'province' | 'year'>;
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
/** Words that make a number a goal or a plan, never an achieved value. */
const TARGET = /\b(phan dau|du kien|muc tieu|chi tieu|de dam bao|nham dam bao|ke hoach dat|se dat)\b/;
/** "tăng 11,7% so với năm 2019": a change, not a level. */
const CHANGE = /\b(tang|giam)\s*$/;

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

function flagsOf(q: Quantity, text: string, key: string): string[] {
  const flags: string[] = [];
  const lead = fold(text.slice(Math.max(0, q.span[0] - 100), q.span[0]));
  const clauseBefore = lead.slice(Math.max(lead.lastIndexOf('. '), lead.lastIndexOf(';')) + 1);
  if (key === 'unclassified') flags.push('unknown-key');
  if (q.qualifier) flags.push('qualifier');
  if (TARGET.test(clauseBefore)) flags.push('target');
  if (CHANGE.test(lead.slice(-12))) flags.push('change');
  if (q.range) flags.push('range');
  if (q.unitSource === 'garbled') flags.push('garbled-unit');
  if (q.unitSource === 'before') flags.push('unit-from-context');
  if (q.denominator !== null && q.value > q.denominator) flags.push('exceeds-denominator');
  if (q.amountInWords && Math.abs(q.amountInWords.value - q.value) > 0.5) flags.push('amount-words-mismatch');
  return flags;
}

/** What the number states, from the flags its grammar and context gave it. */
function kindOf(flags: string[]): IndicatorKind {
  if (flags.includes('change')) return 'delta';
  if (flags.includes('target')) return 'target';
  return 'value';
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
    const key = total
      ? { key: classifier.breakdownKey(total.key), similarity: 1 - (1 - total.confidence) * 2 }
      : classifier.classifyInContext(localClause(text, q.span[0], q.span[1]), phrase, unit, landmarks.sectionAt(q.span[0])?.title ?? null);
    const flags = flagsOf(quantity, text, key.key);
    const percent = q.denominator !== null && q.denominator > 0 ? Math.round((q.value / q.denominator) * 10000) / 100 : q.statedPercent?.value ?? null;
    found.push({
      key: key.key,
      kind: kindOf(flags),
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
