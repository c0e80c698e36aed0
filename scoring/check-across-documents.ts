/**
 * Checks that need several documents: copies of one document should carry the same values;
 * the same province's denominators (schools, communes, units) should hold still from year to
 * year; cumulative counts should not fall; one cited document should keep its number; and the
 * year-on-year change of each count is reported for reviewers. Two documents giving one province's
 * figure for one year should agree. Failed checks name the records they read (`references`), so
 * those records can carry the flag into review and exports.
 */
import { isOpenKey } from '../extractors/open-key';
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { mostCommonYear } from '../extractors/extract-indicators';
import { citationsIn } from './dates-and-citations';
import { derive, DERIVATIONS } from './derive-indicators';
import { firstCount, isHeadline } from './headline-records';

export interface DocumentFacts {
  name: string;
  type: string | null;
  title: string | null;
  province: string | null;
  /** The year the figures are for (metadata, else the year most records give). */
  year: number | null;
  indicators: Indicator[];
  text: string;
}

export interface AcrossOptions {
  /** Keys whose value only grows (certificates issued so far). */
  cumulativeKeys: ReadonlySet<string>;
}

/** A denominator that moves by at most this share is a plausible boundary change (222 -> 220 communes), not an error. */
const DRIFT = 0.02;
/** Titles sharing this share of their words name the same document (an OCR copy and its clean text). */
const SAME_TITLE = 0.8;

/** A copy with under this share of the other's text is an excerpt: a page or two scanned from it. */
const EXCERPT_SHARE = 0.5;

/**
 * What an OCR copy must carry over: the numbers. The unit is words around them, which restoration
 * may read differently ("lượt vin bản" for "lượt văn bản") without any number being wrong.
 */
const valueKey = (i: Indicator) => `${i.value}|${i.denominator}`;

function titleWords(title: string | null): Set<string> {
  return new Set(fold(title ?? '').split(/[^\p{L}\d]+/u).filter(Boolean));
}

function sameDocument(a: DocumentFacts, b: DocumentFacts): boolean {
  if (a.type === null || a.type !== b.type || a.year !== b.year || a.province !== b.province) return false;
  const x = titleWords(a.title);
  const y = titleWords(b.title);
  const shared = [...x].filter((w) => y.has(w)).length;
  return x.size > 0 && shared / Math.max(x.size, y.size) >= SAME_TITLE;
}

/** How many of one document's values the other gives too (each value matched once). */
function sharedValues(a: DocumentFacts, b: DocumentFacts): number {
  const remaining = b.indicators.map(valueKey);
  let matched = 0;
  for (const key of a.indicators.map(valueKey)) {
    const at = remaining.indexOf(key);
    if (at >= 0) {
      remaining.splice(at, 1);
      matched++;
    }
  }
  return matched;
}

/**
 * An OCR copy and the clean text of one document should give the same numbers; an excerpt (one
 * page scanned from a longer document) should give only numbers the whole document gives.
 */
function copyChecks(docs: DocumentFacts[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let k = i + 1; k < docs.length; k++) {
      const [a, b] = [docs[i]!, docs[k]!];
      if (!sameDocument(a, b)) continue;
      const matched = sharedValues(a, b);
      const [whole, part] = a.text.length >= b.text.length ? [a, b] : [b, a];
      const excerpt = part.text.length < whole.text.length * EXCERPT_SHARE;
      out.push({
        id: `across:copy:${a.name}:${b.name}`,
        description: excerpt
          ? `${part.name} is an excerpt of ${whole.name} and every value it gives appears there`
          : `${a.name} and ${b.name} are copies of one document and carry the same values`,
        documents: [a.name, b.name],
        result: matched === part.indicators.length && (excerpt || matched === whole.indicators.length) ? 'holds' : 'fails',
        computed: matched,
        stated: excerpt ? part.indicators.length : Math.max(a.indicators.length, b.indicators.length),
        indicators: [],
      });
    }
  }
  return out;
}

/** One series per province: the documents of distinct years, earliest first (copies of one document count once). */
function yearSeries(docs: DocumentFacts[]): DocumentFacts[][] {
  const byProvince = new Map<string, DocumentFacts[]>();
  for (const doc of docs) {
    if (doc.year === null || doc.province === null) continue;
    const list = byProvince.get(doc.province) ?? [];
    if (!list.some((d) => d.year === doc.year)) list.push(doc);
    byProvince.set(doc.province, list);
  }
  return [...byProvince.values()].map((list) => list.sort((a, b) => a.year! - b.year!)).filter((list) => list.length > 1);
}

function denominatorsOf(doc: DocumentFacts, group: (i: Indicator) => string | null): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of doc.indicators) {
    const key = group(i);
    if (key === null || i.denominator === null || !isHeadline(i)) continue;
    const list = out.get(key) ?? [];
    if (!list.includes(i.denominator)) list.push(i.denominator);
    out.set(key, list);
  }
  return out;
}

/** The records of a document that a denominator check read. */
function referencesOf(doc: DocumentFacts, group: (i: Indicator) => string | null, what: string): Array<{ document: string; indicator: number }> {
  return doc.indicators.flatMap((i, k) => (group(i) === what && i.denominator !== null && isHeadline(i) ? [{ document: doc.name, indicator: k }] : []));
}

/** What a denominator counts: the key's population, or (for communes) the province's number of communes. */
const byKey = (i: Indicator) => i.key;
const communes = (i: Indicator) => (i.unit === 'xã' ? 'communes of the province' : null);

function stableDenominatorChecks(docs: DocumentFacts[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const series of yearSeries(docs)) {
    for (let s = 0; s + 1 < series.length; s++) {
      const [earlier, later] = [series[s]!, series[s + 1]!];
      for (const [group, kind] of [
        [byKey, 'key'],
        [communes, 'communes'],
      ] as const) {
        const before = denominatorsOf(earlier, group);
        const after = denominatorsOf(later, group);
        for (const [what, stated] of before) {
          const computed = after.get(what);
          if (!computed) continue;
          const verdicts = stated.map((d) => {
            const nearest = computed.reduce((best, c) => (Math.abs(c - d) < Math.abs(best - d) ? c : best));
            if (nearest === d) return 'holds';
            return Math.abs(nearest - d) / Math.max(nearest, d) <= DRIFT ? 'info' : 'fails';
          });
          out.push({
            id: `across:denominator:${kind}:${what}:${earlier.year}-${later.year}`,
            description: `${what}: denominator stable from ${earlier.year} to ${later.year}`,
            documents: [earlier.name, later.name],
            result: verdicts.includes('fails') ? 'fails' : verdicts.includes('info') ? 'info' : 'holds',
            computed,
            stated,
            indicators: [],
            references: [...referencesOf(earlier, group, what), ...referencesOf(later, group, what)],
          });
        }
      }
    }
  }
  return out;
}

/** Cumulative counts never fall; every other count's change is reported. */
function yearOnYearChecks(docs: DocumentFacts[], options: AcrossOptions): CheckResult[] {
  const out: CheckResult[] = [];
  for (const series of yearSeries(docs)) {
    for (let s = 0; s + 1 < series.length; s++) {
      const [earlier, later] = [series[s]!, series[s + 1]!];
      const keys = new Set(earlier.indicators.map((i) => i.key));
      for (const key of keys) {
        const first = firstCount(earlier.indicators, key);
        const second = firstCount(later.indicators, key);
        if (!first || !second || key === 'unclassified' || isOpenKey(key)) continue;
        const [a, b] = [first.record, second.record];
        const documents = [earlier.name, later.name];
        const references = [{ document: earlier.name, indicator: first.index }, { document: later.name, indicator: second.index }];
        const span = `${earlier.year} to ${later.year}`;
        if (options.cumulativeKeys.has(key)) {
          out.push({ id: `across:cumulative:${key}:${span}`, description: `${key} (cumulative) does not decrease from ${span}`, documents, result: b.value >= a.value ? 'holds' : 'fails', computed: b.value, stated: a.value, indicators: [], references });
        } else if (a.value > 0) {
          const change = Math.round(((b.value - a.value) / a.value) * 1000) / 10;
          out.push({ id: `across:change:${key}:${span}`, description: `${key}: ${a.value} -> ${b.value} (${change > 0 ? '+' : ''}${change}%) from ${span}`, documents, result: 'info', computed: change, stated: null, indicators: [], references });
        }
      }
      // Implied figures too: services at level 3 and 4 together can rise while level 3 alone falls.
      for (const derivation of DERIVATIONS) {
        const a = derive(derivation, earlier.indicators);
        const b = derive(derivation, later.indicators);
        if (!a || !b) continue;
        out.push({
          id: `across:derived:${derivation.id}:${earlier.year} to ${later.year}`,
          description: `derived ${derivation.description}: ${a.value} -> ${b.value} from ${earlier.year} to ${later.year}`,
          documents: [earlier.name, later.name],
          result: 'info',
          computed: b.value,
          stated: a.value,
          indicators: [],
        });
      }
    }
  }
  return out;
}

/** Citations this alike in what they say a document is name the same document. */
const SAME_SUBJECT = 0.6;

function overlap(a: string[], b: string[]): number {
  const x = new Set(a);
  const y = new Set(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / (x.size + y.size - shared || 1);
}

/**
 * One issuer's document of one date, described alike, cited under two numbers ("2392/QĐ-BTTTT"
 * and "2393/QĐ-BTTTT ngày 25/12/2017 … Bộ tiêu chí và phương pháp đánh giá"). Two decisions of one
 * day on different subjects are normal and pass.
 */
function citationNumberChecks(docs: DocumentFacts[]): CheckResult[] {
  const cited = docs.flatMap((doc) => citationsIn(doc.text).map((c) => ({ ...c, doc: doc.name })));
  const out: CheckResult[] = [];
  const seen = new Set<string>();
  for (const a of cited) {
    const alike = cited.filter((b) => b.issuer === a.issuer && b.date === a.date && overlap(a.about, b.about) >= SAME_SUBJECT);
    const numbers = [...new Set(alike.map((b) => b.number))].sort();
    if (numbers.length < 2) continue;
    const id = `across:citation-number:${a.issuer}@${a.date}:${numbers.join('/')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      id,
      description: `the ${a.issuer} document of ${a.date} is cited under one number`,
      documents: [...new Set(alike.map((b) => b.doc))].sort(),
      result: 'fails',
      computed: numbers,
      stated: null,
      indicators: [],
    });
  }
  return out;
}

/** Two documents (not copies of one) giving the same province's figure for the same year differently. */
function sameYearChecks(docs: DocumentFacts[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let k = i + 1; k < docs.length; k++) {
      const [a, b] = [docs[i]!, docs[k]!];
      if (a.year === null || a.year !== b.year || a.province !== b.province || sameDocument(a, b)) continue;
      for (const key of new Set(a.indicators.map((x) => x.key))) {
        if (key === 'unclassified' || isOpenKey(key)) continue;
        const first = firstStated(a, key);
        const second = firstStated(b, key);
        if (!first || !second) continue;
        const same = first.record.value === second.record.value && first.record.denominator === second.record.denominator;
        out.push({
          id: `across:same-year:${key}:${a.year}:${a.name}:${b.name}`,
          description: `${key} for ${a.province} in ${a.year} is the same in ${a.name} and ${b.name}`,
          documents: [a.name, b.name],
          result: same ? 'holds' : 'fails',
          computed: second.record.valueText,
          stated: first.record.valueText,
          indicators: [],
          references: [{ document: a.name, indicator: first.index }, { document: b.name, indicator: second.index }],
        });
      }
    }
  }
  return out;
}

function firstStated(doc: DocumentFacts, key: string): { record: Indicator; index: number } | null {
  const index = doc.indicators.findIndex((x) => x.key === key && isHeadline(x) && x.year === doc.year && !x.flags.includes('target') && !x.flags.includes('change'));
  return index < 0 ? null : { record: doc.indicators[index]!, index };
}

export function checkAcrossDocuments(docs: DocumentFacts[], options: AcrossOptions): CheckResult[] {
  return [...copyChecks(docs), ...sameYearChecks(docs), ...stableDenominatorChecks(docs), ...yearOnYearChecks(docs, options), ...citationNumberChecks(docs)];
}

/** Each document's records with a `check-failed:<kind>` flag for every failed check across documents that read them. */
export function flagAcross(documents: Array<{ name: string; indicators: Indicator[] }>, checks: CheckResult[]): Map<string, Indicator[]> {
  const out = new Map<string, Indicator[]>();
  for (const doc of documents) {
    const flagged = doc.indicators.map((indicator, index) => {
      const failed = checks.filter((c) => c.result === 'fails' && c.references?.some((r) => r.document === doc.name && r.indicator === index)).map((c) => `check-failed:${c.id.split(':')[1]}`);
      return failed.length ? { ...indicator, flags: [...new Set([...indicator.flags, ...failed])] } : indicator;
    });
    if (flagged.some((x, i) => x !== doc.indicators[i])) out.set(doc.name, flagged);
  }
  return out;
}

/** The year a document's figures are for: its metadata, else the year most of its records give. */
export function yearOfFigures(metadataYear: number | null, indicators: Indicator[]): number | null {
  return metadataYear ?? mostCommonYear(indicators);
}
