/**
 * Relations a document's own wording states between its quantities, found from the text's shape
 * rather than from known sentences:
 * - a total and its parts: a quantity followed by "gồm", "bao gồm", "trong đó", "cụ thể", "chia ra"
 *   and then quantities of the same unit that add up to it ("39 vị trí ..., bao gồm - 17 vị trí ...;
 *   - 4 vị trí ...; - 18 vị trí"), or parts that a sentence then sums ("63,96 ha ... và 63,20 ha ...
 *   Thị trấn có 127,16 ha");
 * - the same quantity stated in two places (a headline and its lead, a title and its article): same
 *   value and unit, said of the same thing.
 * Only relations the words support are reported: parts must follow an enumerating word or add up
 * exactly, and a restatement must share its subject words.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { isFunctionWord } from '../extractors/counted-noun';

/** Words that open an enumeration of a total's parts. */
const ENUMERATES = /(?:^|[^\p{L}])(?:bao gồm|gồm|trong đó|cụ thể|chia ra|như sau|gồm có)(?:[^\p{L}]|$)/iu;
/** How far after a total its parts may stand, in characters. */
const PARTS_REACH = 700;
/** How many records after a total are tried as its parts. */
const MAX_CANDIDATES = 10;

const sameUnit = (a: Indicator, b: Indicator) => a.unit !== null && a.unit === b.unit && a.denominator === null && b.denominator === null;
/** Table cells have their own checks (columns against total rows); a table's numbers coincide too often. */
const inProse = (r: Indicator) => !r.flags.includes('table') && r.value !== 0;
const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 5e-4);

const MEASURED = /^(?:VND|USD|EUR|%)|\//;
/** "8 đơn vị hành chính cơ sở gồm 5 phường ... và 3 xã": counts of kinds that make up a count of units. */
function countsOfKinds(total: Indicator, part: Indicator): boolean {
  if (total.unit === null || part.unit === null || total.denominator !== null || part.denominator !== null) return false;
  if (MEASURED.test(total.unit) || MEASURED.test(part.unit)) return false;
  return Number.isInteger(total.value) && Number.isInteger(part.value);
}

/** The first subset (in text order, at least two) of `values` that adds up to `total`. */
function partsAddingUp(values: number[], total: number): number[] | null {
  const n = values.length;
  let best: number[] | null = null;
  for (let mask = 1; mask < 1 << n; mask++) {
    if ((mask & (mask - 1)) === 0) continue; // one part is no breakdown
    let sum = 0;
    const picked: number[] = [];
    for (let k = 0; k < n; k++) {
      if (mask & (1 << k)) {
        sum += values[k]!;
        picked.push(k);
      }
    }
    // Prefer the breakdown that starts with the first candidate and uses the fewest parts after it.
    if (close(sum, total) && (!best || picked[0]! < best[0]! || (picked[0] === best[0] && picked.length < best.length))) best = picked;
  }
  return best;
}

function totalAndPartsChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  const used = new Set<string>();
  records.forEach((total, t) => {
    if (total.unit === null || total.denominator !== null || !inProse(total)) return;
    const after = text.slice(total.span[1], Math.min(text.length, total.span[1] + 120));
    const marked = ENUMERATES.exec(after);
    const candidates: number[] = [];
    for (let k = t + 1; k < records.length && candidates.length < MAX_CANDIDATES; k++) {
      const part = records[k]!;
      if (part.span[0] - total.span[1] > PARTS_REACH) break;
      if (inProse(part) && part.value < total.value && (sameUnit(total, part) || (marked && countsOfKinds(total, part)))) candidates.push(k);
    }
    // Without an enumerating word, parts must be several and the total large enough that a sum is no coincidence.
    if (!marked && (candidates.length < 2 || total.value < 10)) return;
    const picked = partsAddingUp(candidates.map((k) => records[k]!.value), total.value);
    if (!picked) return;
    const parts = picked.map((p) => candidates[p]!);
    const key = [t, ...parts].join(',');
    if (used.has(key)) return;
    used.add(key);
    out.push({
      id: `${doc}:parts-sum:${total.span[0]}`,
      description: `${total.valueText} ${total.unit} = ${parts.map((k) => records[k]!.valueText).join(' + ')}`,
      documents: [doc],
      result: 'holds',
      computed: parts.reduce((s, k) => s + records[k]!.value, 0),
      stated: total.value,
      indicators: [t, ...parts],
    });
  });
  // Parts a later sentence sums: "63,96 ha ... và 63,20 ha ... Thị trấn có 127,16 ha".
  records.forEach((total, t) => {
    if (total.unit === null || total.denominator !== null || total.value < 10 || !inProse(total)) return;
    const candidates: number[] = [];
    for (let k = t - 1; k >= 0 && candidates.length < MAX_CANDIDATES; k--) {
      const part = records[k]!;
      if (total.span[0] - part.span[1] > PARTS_REACH) break;
      if (sameUnit(total, part) && inProse(part) && part.value < total.value) candidates.unshift(k);
    }
    if (candidates.length < 2) return;
    const picked = partsAddingUp(candidates.map((k) => records[k]!.value), total.value);
    if (!picked || picked.length < 2) return;
    const parts = picked.map((p) => candidates[p]!);
    if (out.some((c) => c.indicators.includes(t) && parts.every((p) => c.indicators.includes(p)))) return;
    out.push({
      id: `${doc}:parts-sum:${total.span[0]}`,
      description: `${parts.map((k) => records[k]!.valueText).join(' + ')} = ${total.valueText} ${total.unit}`,
      documents: [doc],
      result: 'holds',
      computed: parts.reduce((s, k) => s + records[k]!.value, 0),
      stated: total.value,
      indicators: [t, ...parts],
    });
  });
  return out;
}

/** How far around a record its subject words are read, in characters. */
const SUBJECT_REACH = 35;

/** Content syllables around a record, without its own number and unit: what it is said of. */
function subjectWords(text: string, record: Indicator): Set<string> {
  const window = `${text.slice(Math.max(0, record.span[0] - SUBJECT_REACH), record.span[0])} ${text.slice(record.span[1], record.span[1] + SUBJECT_REACH)}`;
  const unitWords = new Set((record.unit ?? '').toLowerCase().split(/\s+/));
  return new Set(
    window
      .toLowerCase()
      .split(/[^\p{L}\p{M}]+/u)
      .filter((w) => w.length >= 2 && !unitWords.has(w) && !isFunctionWord(w))
      .map((w) => fold(w)),
  );
}
/** "37 toa tàu" and "37 toa tàu cũ": one unit when one is the other's start. */
const sameUnitWords = (a: string, b: string) => a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);

/** The same value and unit stated twice of the same thing: restatements hold, and tie the records together. */
function restatementChecks(doc: string, text: string, records: Indicator[], sums: CheckResult[]): CheckResult[] {
  const out: CheckResult[] = [];
  // Two equal parts of one total ("790 tỷ đồng ... 790 tỷ đồng") are two things, not one said twice.
  const partsOfOneSum = (a: number, b: number) => sums.some((c) => c.indicators.slice(1).includes(a) && c.indicators.slice(1).includes(b));
  const linked = new Set<number>();
  for (let a = 0; a < records.length; a++) {
    if (linked.has(a)) continue;
    const first = records[a]!;
    if (first.unit === null || !inProse(first)) continue;
    const words = subjectWords(text, first);
    const same: number[] = [];
    for (let b = a + 1; b < records.length; b++) {
      const other = records[b]!;
      if (other.unit === null || !sameUnitWords(other.unit, first.unit) || other.denominator !== first.denominator) continue;
      // "gần 246.000 mũi" in a headline is the "245.812 mũi" of its article, rounded.
      const rounded = (first.qualifier !== null) !== (other.qualifier !== null) && Math.abs(other.value - first.value) <= 0.01 * Math.max(first.value, other.value);
      if (other.value !== first.value && !rounded) continue;
      if (other.span[0] - first.span[1] < 20 || partsOfOneSum(a, b)) continue; // a list, not a restatement
      const theirs = subjectWords(text, other);
      const shared = [...theirs].filter((w) => words.has(w)).length;
      // Said of the same thing: most of the words around one stand around the other.
      // A percentage such as 100% is said of many things: it needs more of the same words.
      const needed = first.unit === '%' ? (first.value === 100 ? Infinity : 0.5) : 0.15;
      if (shared >= 2 && shared >= needed * Math.min(words.size, theirs.size)) same.push(b);
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

/**
 * A count followed by the names it counts: "chia thành 2 thành phố: Hà Nội, thành phố Hồ Chí Minh".
 * The list runs from the colon to the end of its clause; each item names something (has a capital).
 */
function listedNamesChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  records.forEach((record, i) => {
    if (record.unit === null || record.denominator !== null || MEASURED.test(record.unit) || !Number.isInteger(record.value) || record.value < 2) return;
    const unitEnd = text.toLowerCase().indexOf(record.unit, record.span[1]);
    if (unitEnd < 0 || unitEnd - record.span[1] > 3) return;
    const rest = text.slice(unitEnd + record.unit.length, unitEnd + record.unit.length + 600);
    const open = /^[^.;:\n]{0,40}?:\s*/u.exec(rest);
    if (!open) return;
    const list = rest.slice(open[0].length).split(/[;.\n]|\s[a-zđ]\)\s/u)[0]!;
    const items = list.split(/,|\svà\s/u).map((x) => x.trim()).filter(Boolean);
    if (items.length < 2 || !items.every((x) => /\p{Lu}/u.test(x) && x.length <= 40)) return;
    out.push({
      id: `${doc}:listed-names:${record.span[0]}`,
      description: `${record.valueText} ${record.unit} stated, ${items.length} named after it`,
      documents: [doc],
      result: items.length === record.value ? 'holds' : 'fails',
      computed: items.length,
      stated: record.value,
      indicators: [i],
    });
  });
  return out;
}

export function statedRelationChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const sums = totalAndPartsChecks(doc, text, records);
  return [...sums, ...restatementChecks(doc, text, records, sums), ...listedNamesChecks(doc, text, records)];
}
