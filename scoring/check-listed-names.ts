/**
 * A count followed by the names it counts: "chia thành 2 thành phố: Hà Nội, thành phố Hồ Chí
 * Minh", "03 thủy điện (Eakrong Rou, Sông Giang 2, Sông Chò 2)".
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { matchMeasure } from '../extractors/measure-units';
import { MEASURED } from './relation-records';

/** Longest name a list item may be, in characters. */
const MAX_NAME = 40;

/**
 * The items of the list that opens right after a record's unit: in brackets up to the closing
 * one, or after a colon up to the end of the clause or the next quantity ("11 xã: Bồi Sơn, …, Lưu
 * Sơn và một phần diện tích 02 xã: …" lists 11). Null when no list opens there.
 */
function listAfter(text: string, from: number, nextQuantity: number): string[] | null {
  const rest = text.slice(from, Math.min(from + 600, nextQuantity));
  const bracket = /^\s*\(([^()]*)\)/u.exec(rest);
  let list: string;
  if (bracket) list = bracket[1]!;
  else {
    const open = /^[^.;:\n]{0,40}?:\s*/u.exec(rest);
    if (!open) return null;
    const segment = rest.slice(open[0].length);
    const stop = segment.search(/[;.\n]|\s[a-zđ]\)\s/u);
    list = stop >= 0 ? segment.slice(0, stop) : segment;
    // Cut short by the next quantity, whose clause belongs to it: "Lưu Sơn và một phần diện tích 02 xã".
    if (stop < 0 && nextQuantity < text.length && from + rest.length === nextQuantity) list = list.replace(/(?:,|\svà\s)(?:(?!,|\svà\s).)*$/u, '');
  }
  return list.split(/,|\svà\s/u).map((x) => x.trim()).filter(Boolean);
}

export function listedNamesChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  records.forEach((record, i) => {
    if (record.unit === null || record.denominator !== null || MEASURED.test(record.unit) || !Number.isInteger(record.value) || record.value < 2) return;
    if (matchMeasure(record.unit)) return; // "7.930 ha, gồm: …" lists places, not hectares
    const unitEnd = text.toLowerCase().indexOf(record.unit, record.span[1]);
    if (unitEnd < 0 || unitEnd - record.span[1] > 3) return;
    const next = records.slice(i + 1).find((r) => r.span[0] > unitEnd)?.span[0] ?? text.length;
    const items = listAfter(text, unitEnd + record.unit.length, next);
    // Each item names something: it has a capital ("thành phố Hồ Chí Minh") and is no sentence.
    if (!items || items.length < 2 || !items.every((x) => /\p{Lu}/u.test(x) && x.length <= MAX_NAME)) return;
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
