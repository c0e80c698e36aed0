/**
 * A percentage against the total it is a share of: "Vốn vay WB: 1.580 tỷ đồng. Trong đó: … (50%):
 * 790 tỷ đồng", "790 tỷ đồng (50%)", "790 tỷ đồng, chiếm 50%". The percentage stands beside an
 * amount, and the total is an amount of the same unit stated before it; only a total the share
 * agrees with is taken, so a share whose total the text does not state gives no check.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { percentAgrees } from '../extractors/percent-agreement';
import { inProse } from './relation-records';

/** How far before its amount a total may stand, in characters. */
const TOTAL_REACH = 700;

/** The amount a percentage stands beside: right after "(50%): 790", or right before "790 (50%)". */
function amountBeside(text: string, records: Indicator[], p: number): number | null {
  const share = records[p]!;
  const next = records[p + 1];
  if (next && /^\s*\)?\s*:\s*$/u.test(text.slice(share.span[1], next.span[0]))) return p + 1;
  const previous = records[p - 1];
  if (previous && /^[^\d.;]{0,20}(?:\(|chiếm|bằng|,)\s*$/iu.test(text.slice(previous.span[1], share.span[0]))) return p - 1;
  return null;
}

export function shareOfTotalChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  records.forEach((share, p) => {
    if (share.unit !== '%' || share.denominator !== null || !inProse(share) || share.value <= 0 || share.value >= 100) return;
    const a = amountBeside(text, records, p);
    if (a === null) return;
    const amount = records[a]!;
    if (amount.unit === null || amount.unit === '%' || amount.denominator !== null || !inProse(amount)) return;
    for (let t = Math.min(a, p) - 1; t >= 0; t--) {
      const total = records[t]!;
      if (amount.span[0] - total.span[1] > TOTAL_REACH) break;
      if (total.unit !== amount.unit || total.denominator !== null || total.value <= amount.value) continue;
      const computed = (amount.value / total.value) * 100;
      if (!percentAgrees(computed, share.value, share.valueText, share.qualifier)) continue;
      out.push({
        id: `${doc}:share:${share.span[0]}`,
        description: `${share.valueText}% of ${total.valueText} ${total.unit} is ${amount.valueText}`,
        documents: [doc],
        result: 'holds',
        computed: Math.round(computed * 100) / 100,
        stated: share.value,
        indicators: [p, t, a],
      });
      return;
    }
  });
  return out;
}
