/**
 * Scores one entity-year from its indicators with a rubric: per criterion the first key that
 * has a value, turned into a ratio and multiplied by the criterion's maximum points.
 */
import type { CriterionScore, Indicator, Score } from '../core/contracts';
import type { Criterion, Rubric } from './rubric';

function ratioOf(indicator: Indicator, criterion: Criterion): number | null {
  if (criterion.function === 'target') return Math.min(1, indicator.value / criterion.target);
  if (indicator.percent !== null) return Math.min(1, Math.max(0, indicator.percent / 100));
  return null;
}

/** Achieved values only (never targets or rejected records), most confident first. */
function usable(indicators: Indicator[], key: string): Indicator[] {
  return indicators
    .filter((i) => i.key === key && i.reviewState !== 'rejected' && !i.flags.includes('target'))
    .sort((a, b) => b.confidence - a.confidence);
}

export function scoreIndicators(
  indicators: Indicator[],
  rubric: Rubric,
  scope: { entity: string | null; year: number | null },
): Score {
  const criteria: CriterionScore[] = [];
  for (const group of rubric.groups) {
    for (const criterion of group.criteria) {
      let used: { indicator: Indicator; ratio: number; key: string } | null = null;
      for (const key of criterion.keys) {
        for (const indicator of usable(indicators, key)) {
          const ratio = ratioOf(indicator, criterion);
          if (ratio !== null) {
            used = { indicator, ratio, key };
            break;
          }
        }
        if (used) break;
      }
      const points = used ? Math.round(used.ratio * criterion.maxPoints * 100) / 100 : 0;
      criteria.push({
        group: group.id,
        criterion: criterion.id,
        indicatorKey: used?.key ?? null,
        value: used?.indicator.value ?? null,
        ratio: used ? Math.round(used.ratio * 10000) / 10000 : null,
        points,
        maxPoints: criterion.maxPoints,
        missing: !used,
        explanation: used
          ? `${criterion.name}: ${used.indicator.valueText.replace(/\s+/g, ' ')} (${used.key}) -> tỷ lệ ${(used.ratio * 100).toFixed(2)}% × ${criterion.maxPoints} = ${points}`
          : `${criterion.name}: no value for ${criterion.keys.join(' / ')}; scored 0`,
      });
    }
  }
  const total = Math.round(criteria.reduce((s, c) => s + c.points, 0) * 100) / 100;
  const maxTotal = criteria.reduce((s, c) => s + c.maxPoints, 0);
  const coverage = criteria.length === 0 ? 0 : criteria.filter((c) => !c.missing).length / criteria.length;
  return { rubric: `${rubric.name}@${rubric.version}`, entity: scope.entity, year: scope.year, total, maxTotal, coverage, criteria };
}
