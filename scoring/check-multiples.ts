/**
 * A multiple the text states with both its figures: "Thu nhập bình quân 5 triệu đồng/năm, tăng gấp
 * 2 lần hiện nay (hiện tại 2,4 triệu đồng/năm)". The "gấp N lần" stands between two amounts of
 * one unit; their ratio, rounded as the writer rounds N, is N.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { inProse } from './relation-records';

/** How far from the multiple its two figures may stand, in characters. */
const FIGURES_REACH = 120;

const decimalsOf = (text: string) => /[.,](\d+)$/.exec(text)?.[1]?.length ?? 0;

export function multipleChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  records.forEach((multiple, m) => {
    if (multiple.unit !== 'lần' || !inProse(multiple) || multiple.value <= 1) return;
    if (!/(?:^|[^a-z])gap\s*$/.test(fold(text.slice(Math.max(0, multiple.span[0] - 8), multiple.span[0])).toLowerCase())) return;
    const before = records[m - 1];
    const after = records[m + 1];
    if (!before || !after || before.unit === null || before.unit !== after.unit || before.denominator !== null || after.denominator !== null) return;
    if (multiple.span[0] - before.span[1] > FIGURES_REACH || after.span[0] - multiple.span[1] > FIGURES_REACH) return;
    if (!inProse(before) || !inProse(after) || before.value <= 0 || after.value <= 0) return;
    const ratio = Math.max(before.value, after.value) / Math.min(before.value, after.value);
    const step = 10 ** -decimalsOf(multiple.valueText);
    const rounded = Math.round(ratio / step) * step;
    out.push({
      id: `${doc}:multiple:${multiple.span[0]}`,
      description: `${multiple.valueText} times: ${before.valueText} against ${after.valueText} ${after.unit}`,
      documents: [doc],
      result: Math.abs(rounded - multiple.value) < step / 2 ? 'holds' : 'fails',
      computed: Math.round(ratio * 100) / 100,
      stated: multiple.value,
      indicators: [m, m - 1, m + 1],
    });
  });
  return out;
}
