/**
 * A share whose percent sign was lost, told by its arithmetic: "Vốn vay WB: 1.580 tỷ đồng. Trong
 * đó: … do ngân sách Trung ương cấp phát (50): 790 tỷ đồng". A bare number in brackets before the
 * colon that introduces an amount reads as a list marker, unless it is the amount's share of a
 * total stated before it: 50 % of 1.580 is 790, so a reader sees "(50%)".
 */
import { percentAgrees } from './percent-agreement';
import type { Quantity } from './find-quantities';

/** "(50): 790", "(12,5) : 3.000": the bracketed number and the colon right after it. */
const BRACKETED_BEFORE_COLON = /\((\d{1,2}(?:,\d{1,2})?)\)\s*:\s*$/u;
/** How far before the amount its total may stand, in characters. */
const TOTAL_REACH = 600;

export function findBracketedShares(text: string, quantities: Quantity[]): Quantity[] {
  const shares: Quantity[] = [];
  quantities.forEach((amount, i) => {
    if (amount.unit === null || amount.unit === '%' || amount.denominator !== null || amount.range) return;
    const lead = text.slice(Math.max(0, amount.span[0] - 16), amount.span[0]);
    const m = BRACKETED_BEFORE_COLON.exec(lead);
    if (!m) return;
    const share = Number(m[1]!.replace(',', '.'));
    if (!(share > 0 && share < 100)) return;
    const total = quantities
      .slice(0, i)
      .reverse()
      .find((t) => amount.span[0] - t.span[1] < TOTAL_REACH && t.unit === amount.unit && t.denominator === null && t.value > amount.value);
    if (!total || !percentAgrees((amount.value / total.value) * 100, share, m[1]!, null)) return;
    const start = amount.span[0] - m[0].length + 1;
    const span: [number, number] = [start, start + m[1]!.length];
    shares.push({
      value: share,
      denominator: null,
      unit: '%',
      level: null,
      statedPercent: { value: share, text: m[1]!, span },
      qualifier: null,
      bounds: [share, share],
      span,
      extentEnd: span[1],
      valueText: m[1]!,
      unitSource: 'before',
      amountInWords: null,
      range: false,
    });
  });
  return shares;
}
