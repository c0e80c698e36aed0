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
import { close, inProse, MEASURED, sameUnit } from './relation-records';
import { restatementChecks } from './check-restatements';
import { listedNamesChecks } from './check-listed-names';
import { differenceChecks } from './check-differences';
import { shareOfTotalChecks } from './check-share-of-total';
import { multipleChecks } from './check-multiples';

/** Words that open an enumeration of a total's parts. */
const ENUMERATES = /(?:^|[^\p{L}])(?:bao gồm|gồm|trong đó|cụ thể|chia ra|như sau|gồm có)(?:[^\p{L}]|$)/iu;
/** How far after a total its parts may stand, in characters. */
const PARTS_REACH = 700;
/** How many records after a total are tried as its parts. */
const MAX_CANDIDATES = 10;

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

export function statedRelationChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const sums = totalAndPartsChecks(doc, text, records);
  const shares = shareOfTotalChecks(doc, text, records);
  return [...sums, ...shares, ...restatementChecks(doc, text, records, [...sums, ...shares]), ...listedNamesChecks(doc, text, records), ...differenceChecks(doc, text, records), ...multipleChecks(doc, text, records)];
}
