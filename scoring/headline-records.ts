/** Which records the checks read as the document's own figures, and how breakdowns hang under them. */
import type { Indicator } from '../core/contracts';

/** A figure of the text itself: not one entity's share in a breakdown, not a table cell. */
export const isHeadline = (i: Indicator): boolean => i.entity === null && !i.flags.includes('table');

/**
 * The first achieved count of a key (no denominator, no percentage, no target): what derived
 * figures and year-on-year comparisons read.
 */
export function firstCount(indicators: Indicator[], key: string): { record: Indicator; index: number } | null {
  const index = indicators.findIndex((i) => i.key === key && isHeadline(i) && i.denominator === null && i.unit !== '%' && !i.flags.includes('target'));
  return index < 0 ? null : { record: indicators[index]!, index };
}

export interface Breakdown {
  /** Index of the total ("184/220 xã"). */
  total: number;
  /** Indexes of the per-entity fractions in the same unit that follow it ("Pleiku 22/22, …"). */
  parts: number[];
}

/** Each headline fraction followed by at least two per-entity fractions of the same unit. */
export function breakdownsOf(indicators: Indicator[]): Breakdown[] {
  const out: Breakdown[] = [];
  indicators.forEach((total, i) => {
    if (!isHeadline(total) || total.denominator === null) return;
    const parts: number[] = [];
    for (let k = i + 1; k < indicators.length; k++) {
      const part = indicators[k]!;
      if (part.entity === null || part.flags.includes('table') || part.denominator === null || part.unit !== total.unit) break;
      parts.push(k);
    }
    if (parts.length >= 2) out.push({ total: i, parts });
  });
  return out;
}
