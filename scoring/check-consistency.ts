/**
 * Consistency checks on one document's indicators and text: stated percentages against the
 * ratio they summarise, breakdowns and table columns against their totals, complementary
 * percentages, impossible dates, one document cited with two dates, table row numbering.
 * A failed check flags the indicators involved, so reviewers and exports see it.
 */
import type { CheckResult, DocumentMetadata, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { extractMetadata } from '../extractors/extract-metadata';
import { percentAgrees } from '../extractors/percent-agreement';
import { countChecks } from './check-counts';
import { statedRelationChecks } from './check-stated-relations';
import { citationsIn, datesIn, validDate } from './dates-and-citations';
import { breakdownsOf } from './headline-records';

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** A fraction and the percentage the text gives for it ("184/220 xã), đạt tỷ lệ 83,6%", "84,04% (158/188)"). */
function statedPercentChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  indicators.forEach((fraction, i) => {
    const stated = fraction.statedPercent;
    if (!stated || fraction.denominator === null || fraction.denominator === 0 || fraction.entity !== null) return;
    const computed = (fraction.value / fraction.denominator) * 100;
    out.push({
      id: `${doc}:percent:${fraction.span[0]}`,
      description: `${fraction.key}: ${fraction.value}/${fraction.denominator} stated as ${stated.value}%`,
      documents: [doc],
      result: percentAgrees(computed, stated.value, stated.text, fraction.qualifier) ? 'holds' : 'fails',
      computed: round(computed, 4),
      stated: stated.value,
      indicators: [i],
    });
  });
  return out;
}

/** Per-entity records that follow a total: their numerators and denominators should add up to it. */
function breakdownChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  return breakdownsOf(indicators).flatMap(({ total: i, parts }) => {
    const total = indicators[i]!;
    const sumCheck = (part: 'numerator' | 'denominator', of: (x: Indicator) => number): CheckResult => {
      const computed = parts.reduce((s, k) => s + of(indicators[k]!), 0);
      const stated = of(total);
      return {
        id: `${doc}:breakdown-${part}s:${total.span[0]}`,
        description: `sum of ${parts.length} per-entity ${part}s = ${total.key} ${part} (${stated})`,
        documents: [doc],
        result: computed === stated ? 'holds' : 'fails',
        computed,
        stated,
        indicators: [i, ...parts],
      };
    };
    return [sumCheck('numerator', (x) => x.value), sumCheck('denominator', (x) => x.denominator!)];
  });
}

/** Table columns: the rows above a total row add up to it. */
function tableTotalChecks(doc: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  indicators.forEach((total, i) => {
    if (!total.flags.includes('table-total')) return;
    const column = total.phrase.slice(total.phrase.lastIndexOf('['));
    const rows: number[] = [];
    for (let k = i - 1; k >= 0 && indicators[k]!.flags.includes('table'); k--) {
      const row = indicators[k]!;
      if (row.flags.includes('table-total')) continue;
      if (row.phrase.endsWith(column)) rows.push(k);
    }
    if (rows.length === 0) return;
    const sum = rows.reduce((s, k) => s + indicators[k]!.value, 0);
    out.push({
      id: `${doc}:table-total:${total.span[0]}`,
      description: `table column ${column} sums to its total row (${total.value})`,
      documents: [doc],
      result: sum === total.value ? 'holds' : 'fails',
      computed: sum,
      stated: total.value,
      indicators: [...rows.reverse(), i],
    });
  });
  return out;
}

/** The percentages a record states: its value when it is one, or the percentage given for its count. */
function percentOf(x: Indicator): { value: number; text: string; span: [number, number] } | null {
  if (x.unit === '%' && x.denominator === null) return { value: x.value, text: x.valueText, span: x.span };
  return x.statedPercent ?? null;
}

/** Two percentages of one sentence that add up to 100 are a complement pair (late 1,02% / on time 98,98%). */
function complementChecks(doc: string, text: string, indicators: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  const percents = indicators.flatMap((x, i) => {
    const p = percentOf(x);
    return p && p.value < 100 ? [{ p, i }] : [];
  });
  for (let a = 0; a < percents.length; a++) {
    for (let b = a + 1; b < percents.length; b++) {
      const p = percents[a]!;
      const q = percents[b]!;
      if (q.p.span[0] - p.p.span[1] > 250) break;
      const sum = p.p.value + q.p.value;
      if (Math.abs(sum - 100) > 0.05 || !text.slice(p.p.span[1], q.p.span[0]).includes(' ')) continue;
      out.push({
        id: `${doc}:complement:${p.p.span[0]}`,
        description: `${q.p.text} = 100% - ${p.p.text}`,
        documents: [doc],
        result: 'holds',
        computed: round(100 - p.p.value, 4),
        stated: q.p.value,
        indicators: [p.i, q.i],
      });
    }
  }
  return out;
}

function dateChecks(doc: string, text: string): CheckResult[] {
  const invalid = datesIn(text).filter((d) => !validDate(d.day, d.month, d.year));
  if (invalid.length === 0) return [];
  return [{ id: `${doc}:dates`, description: 'dates are valid calendar dates', documents: [doc], result: 'fails', computed: invalid.map((d) => d.text), stated: null, indicators: [] }];
}

/** "Quyết định số 169/QĐ-UBND ngày 05 tháng 4 năm 2019" and later "… 169/QĐ-UBND ngày 05 tháng 4 năm 2020". */
function citationChecks(doc: string, text: string): CheckResult[] {
  const cited = new Map<string, Set<string>>();
  for (const c of citationsIn(text)) cited.set(c.reference, new Set([...(cited.get(c.reference) ?? []), c.date]));
  return [...cited.entries()]
    .filter(([, seen]) => seen.size > 1)
    .map(([number, seen]) => ({
      id: `${doc}:citation:${number}`,
      description: `document ${number} cited with one date`,
      documents: [doc],
      result: 'fails' as const,
      computed: [...seen],
      stated: null,
      indicators: [],
    }));
}

/**
 * An appendix caption dates the document it belongs to ("Kèm theo Quyết định số …/QĐ-UBND ngày …/6/2021"):
 * its month and year should be the header's ("ngày … tháng 7 năm 2021").
 */
function annexDateChecks(doc: string, text: string, header: DocumentMetadata): CheckResult[] {
  const own = /^(\d{4})-(\d{2})/.exec(header.date ?? '');
  if (!own || !header.type) return [];
  const folded = fold(text);
  const type = fold(header.type).toLowerCase();
  const out: CheckResult[] = [];
  const caption = new RegExp(`\\(\\s*kem theo ${type}\\s+so[^()]{0,40}?ngay[\\s.…]*(?:\\d{1,2})?\\s*(?:\\/|thang)\\s*(\\d{1,2})\\s*(?:\\/|nam)\\s*((?:19|20)\\d{2})`, 'g');
  for (const m of folded.matchAll(caption)) {
    const [month, year] = [Number(m[1]), Number(m[2])];
    out.push({
      id: `${doc}:annex-date:${m.index}`,
      description: `the appendix caption dates the ${header.type} in the month of its header`,
      documents: [doc],
      result: month === Number(own[2]) && year === Number(own[1]) ? 'holds' : 'fails',
      computed: `${month}/${year}`,
      stated: `${Number(own[2])}/${own[1]}`,
      indicators: [],
    });
  }
  return out;
}

/** Table rows numbered 1, 2, 3 …: a repeated or skipped number is a transcription slip. */
function numberingChecks(doc: string, text: string): CheckResult[] {
  const out: CheckResult[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 5) {
      const sequential = run.every((n, i) => Number(n) === Number(run[0]) + i);
      if (!sequential) out.push({ id: `${doc}:numbering:${out.length}`, description: 'table row numbering is sequential', documents: [doc], result: 'fails', computed: run, stated: null, indicators: [] });
    }
    run = [];
  };
  for (const line of text.split('\n')) {
    const m = /^(\d{1,3})\t/.exec(line);
    if (m) run.push(m[1]!);
    else if (line.trim() !== '' && !line.includes('\t')) flush();
  }
  flush();
  return out;
}

/** `metadata` is the document's, when the caller has read it already; otherwise it is read from `text`. */
export function checkConsistency(doc: string, text: string, indicators: Indicator[], metadata?: DocumentMetadata): { checks: CheckResult[]; indicators: Indicator[] } {
  const checks = [
    ...statedPercentChecks(doc, indicators),
    ...breakdownChecks(doc, indicators),
    ...tableTotalChecks(doc, indicators),
    ...complementChecks(doc, text, indicators),
    ...dateChecks(doc, text),
    ...citationChecks(doc, text),
    ...annexDateChecks(doc, text, metadata ?? extractMetadata(text)),
    ...countChecks(doc, text, indicators),
    ...numberingChecks(doc, text),
    ...statedRelationChecks(doc, text, indicators),
  ];
  const flagged = indicators.map((indicator, i) => {
    const failed = checks.filter((c) => c.result === 'fails' && c.indicators.includes(i)).map((c) => `check-failed:${c.id.split(':')[1]}`);
    return failed.length ? { ...indicator, flags: [...new Set([...indicator.flags, ...failed])] } : indicator;
  });
  return { checks, indicators: flagged };
}
