/**
 * Scores one entity-year from its indicators with a rubric: per criterion the first key that has
 * a usable value, through the criterion's scoring function, with an explanation, the points at the
 * bounds a qualifier leaves, and the rubric's missing-data policy for criteria without a value.
 */
import type { CriterionScore, Indicator, Score } from '../core/contracts';
import { explainRule, measure, pointsFor, type CohortStats } from './criterion-functions';
import type { Criterion, Rubric } from './rubric';

export interface ScoreContext {
  /** Each cohort criterion's statistics over the entities of the year, by criterion id. */
  cohorts?: ReadonlyMap<string, CohortStats>;
  /** The same entity's earlier years, latest first: what carry-forward may use. */
  history?: ReadonlyArray<{ year: number | null; indicators: Indicator[] }>;
}

interface Found {
  indicator: Indicator;
  key: string;
  measured: number;
  range: [number, number];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Achieved values only (never targets, changes or rejected records), most confident first. */
function usable(indicators: Indicator[], key: string): Indicator[] {
  return indicators
    .filter((i) => i.key === key && i.reviewState !== 'rejected' && !i.flags.includes('target') && !i.flags.includes('change'))
    .sort((a, b) => b.confidence - a.confidence);
}

function reading(criterion: Criterion, indicator: Indicator): number {
  const [lower, upper] = indicator.bounds ?? [indicator.value, indicator.value];
  if (criterion.qualified === 'lower') return lower ?? indicator.value;
  if (criterion.qualified === 'upper') return upper ?? indicator.value;
  return indicator.value;
}

/** The first key of the criterion with a value it can measure. */
export function findMeasure(criterion: Criterion, indicators: Indicator[]): Omit<Found, 'range'> | null {
  for (const key of criterion.keys) {
    for (const indicator of usable(indicators, key)) {
      const measured = measure(criterion, indicator, reading(criterion, indicator));
      if (measured !== null) return { indicator, key, measured };
    }
  }
  return null;
}

function score(criterion: Criterion, indicators: Indicator[], cohort: CohortStats | null): Found | null {
  const found = findMeasure(criterion, indicators);
  if (!found) return null;
  const { indicator } = found;
  const [lower, upper] = indicator.bounds ?? [indicator.value, indicator.value];
  const at = (value: number | null) => {
    const m = measure(criterion, indicator, value ?? indicator.value);
    return m === null ? 0 : pointsFor(criterion, m, cohort);
  };
  const ends = [at(lower), at(upper)].map(round2).sort((a, b) => a - b) as [number, number];
  return { ...found, range: ends };
}

function explain(criterion: Criterion, found: Found, points: number, cohort: CohortStats | null, source: string): string {
  const { indicator } = found;
  const parts = [`${criterion.name}: ${indicator.valueText.replace(/\s+/g, ' ')} (${found.key})`];
  if (found.range[0] !== found.range[1]) parts.push(`("${indicator.qualifier}": ${found.range[0]}–${found.range[1]} points)`);
  parts.push(`-> ${explainRule(criterion, round2(found.measured * 10000) / 10000, points, cohort)}`);
  if (source !== 'document') parts.push(`(${source})`);
  const doubts = indicator.flags.filter((f) => f.startsWith('check-failed'));
  if (doubts.length) parts.push(`[doubtful: ${doubts.join(', ')}]`);
  return parts.join(' ');
}

export function scoreIndicators(indicators: Indicator[], rubric: Rubric, scope: { entity: string | null; year: number | null }, context: ScoreContext = {}): Score {
  const criteria: CriterionScore[] = [];
  let lowTotal = 0;
  let highTotal = 0;
  for (const group of rubric.groups) {
    for (const criterion of group.criteria) {
      const cohort = context.cohorts?.get(criterion.id) ?? null;
      let found = score(criterion, indicators, cohort);
      let source = 'document';
      if (!found && rubric.missing.policy === 'carry-forward') {
        for (const earlier of context.history ?? []) {
          found = score(criterion, earlier.indicators, cohort);
          if (found) {
            source = `carried forward from ${earlier.year ?? 'an earlier document'}`;
            break;
          }
        }
      }
      const points = found ? round2(pointsFor(criterion, found.measured, cohort)) : 0;
      lowTotal += (found?.range[0] ?? 0) * criterion.weight;
      highTotal += (found?.range[1] ?? 0) * criterion.weight;
      criteria.push({
        group: group.id,
        criterion: criterion.id,
        indicatorKey: found?.key ?? null,
        value: found?.indicator.value ?? null,
        ratio: found ? Math.round((points / criterion.maxPoints) * 10000) / 10000 : null,
        points,
        maxPoints: criterion.maxPoints,
        missing: !found,
        explanation: found ? explain(criterion, found, points, cohort, source) : `${criterion.name}: no value for ${criterion.keys.join(' / ')}; ${rubric.missing.policy === 'reweight' ? 'left out and the rest reweighted' : 'scored 0'}`,
        function: criterion.function,
        weight: criterion.weight,
        range: found?.range,
        source: found ? source : undefined,
        flags: found?.indicator.flags,
      });
    }
  }
  const weightOf = (c: CriterionScore) => c.weight ?? 1;
  const maxTotal = round2(criteria.reduce((s, c) => s + c.maxPoints * weightOf(c), 0));
  const presentMax = criteria.filter((c) => !c.missing).reduce((s, c) => s + c.maxPoints * weightOf(c), 0);
  const raw = criteria.reduce((s, c) => s + c.points * weightOf(c), 0);
  // Reweighting scales what is present up to the full total, as if the missing criteria scored alike.
  const scale = rubric.missing.policy === 'reweight' && presentMax > 0 ? maxTotal / presentMax : 1;
  // Coverage counts this year's own values: carried-forward ones fill gaps but are not new data.
  const coverage = criteria.length === 0 ? 0 : criteria.filter((c) => c.source === 'document').length / criteria.length;
  const withheld = coverage < rubric.missing.minCoverage ? `coverage ${(coverage * 100).toFixed(0)}% is under the rubric's minimum of ${(rubric.missing.minCoverage * 100).toFixed(0)}%` : null;
  return {
    rubric: `${rubric.name}@${rubric.version}`,
    entity: scope.entity,
    year: scope.year,
    total: withheld ? null : round2(raw * scale),
    maxTotal,
    coverage,
    criteria,
    withheld,
    bounds: [round2(lowTotal * scale), round2(highTotal * scale)],
  };
}
