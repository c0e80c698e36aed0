/**
 * The review queue: records that need a person (doubtful reading, failed checks, unknown key),
 * most consequential first. A record that feeds a heavily weighted scoring criterion and fails
 * a check comes before a low-confidence number nobody scores.
 */
import type { Indicator } from '../core/contracts';
import type { IndicatorRecord } from '../core/review';
import type { Rubric } from '../scoring/rubric';

/** Below this the machine is unsure of the reading or the key. */
export const REVIEW_CONFIDENCE = 0.75;

export interface ReviewItem {
  record: IndicatorRecord;
  impact: number;
  reasons: string[];
}

/** Each key's share of the rubric's total points (0 for keys no criterion scores). */
export function rubricShares(rubric: Rubric): Map<string, number> {
  const weighted = rubric.groups.flatMap((g) => g.criteria.map((c) => ({ keys: c.keys, points: c.maxPoints * c.weight })));
  const total = weighted.reduce((sum, c) => sum + c.points, 0) || 1;
  const shares = new Map<string, number>();
  for (const criterion of weighted) {
    for (const key of criterion.keys) shares.set(key, (shares.get(key) ?? 0) + criterion.points / total);
  }
  return shares;
}

function reasonsFor(indicator: Indicator): string[] {
  const reasons: string[] = [];
  if (indicator.confidence < REVIEW_CONFIDENCE) reasons.push(`confidence ${indicator.confidence.toFixed(2)}`);
  for (const flag of indicator.flags) reasons.push(flag);
  return reasons;
}

export function prioritizeReview(records: IndicatorRecord[], shares: Map<string, number>): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const record of records) {
    const { indicator } = record;
    if (indicator.reviewState !== 'pending') continue;
    const reasons = reasonsFor(indicator);
    if (reasons.length === 0) continue;
    const failedChecks = indicator.flags.filter((f) => f.startsWith('check-failed:') || f === 'amount-words-mismatch' || f === 'exceeds-denominator').length;
    const impact =
      10 * (shares.get(indicator.key) ?? 0) + // a scored number moves a composite
      2 * failedChecks + // a contradiction is likely a misreading
      (1 - indicator.confidence) +
      0.1 * indicator.flags.length;
    items.push({ record, impact: Math.round(impact * 1000) / 1000, reasons });
  }
  return items.sort((a, b) => b.impact - a.impact || a.record.id - b.record.id);
}
