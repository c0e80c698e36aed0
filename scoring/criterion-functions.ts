/**
 * The scoring functions a rubric can name. Each turns one measured number into a share of the
 * criterion's maximum (0..1), so points = share × maxPoints; thresholds give points directly.
 */
import type { Indicator } from '../core/contracts';
import type { Criterion } from './rubric';

/** What the cohort functions compare against: the same criterion's numbers for every entity of the year. */
export interface CohortStats {
  min: number;
  max: number;
  mean: number;
  sd: number;
}

/** The share a record states: its percentage, or value/denominator. */
export function shareOf(indicator: Indicator, value: number): number | null {
  if (indicator.unit === '%') return value / 100;
  if (indicator.denominator !== null && indicator.denominator > 0) return value / indicator.denominator;
  return null;
}

/** The number a criterion measures from a record at a given reading of its value. */
export function measure(criterion: Criterion, indicator: Indicator, value: number): number | null {
  switch (criterion.function) {
    case 'ratio':
    case 'inverse-ratio':
      return shareOf(indicator, value);
    case 'thresholds':
    case 'cohort': {
      if (criterion.of === 'value') return value;
      const share = shareOf(indicator, value);
      return share === null ? null : share * 100;
    }
    default:
      return value;
  }
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));

/** Standard normal CDF (Abramowitz-Stegun 7.1.26), for z-scores. */
function normalShare(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t) * Math.exp(-((z / Math.SQRT2) ** 2));
  return 0.5 * (1 + Math.sign(z) * erf);
}

/** Points for a measured number; `cohort` is needed by the cohort function only. */
export function pointsFor(criterion: Criterion, measured: number, cohort: CohortStats | null): number {
  switch (criterion.function) {
    case 'ratio':
      return clamp(measured) * criterion.maxPoints;
    case 'inverse-ratio':
      return clamp(1 - measured) * criterion.maxPoints;
    case 'target':
      return clamp(measured / criterion.target) * criterion.maxPoints;
    case 'goalposts':
      return clamp((measured - criterion.min) / (criterion.max - criterion.min)) * criterion.maxPoints;
    case 'thresholds': {
      const reached = criterion.steps.filter((s) => measured >= s.atLeast);
      return Math.min(criterion.maxPoints, reached.length === 0 ? 0 : Math.max(...reached.map((s) => s.points)));
    }
    case 'cohort': {
      if (!cohort) return 0;
      if (criterion.method === 'min-max') return (cohort.max === cohort.min ? 1 : clamp((measured - cohort.min) / (cohort.max - cohort.min))) * criterion.maxPoints;
      return (cohort.sd === 0 ? 0.5 : normalShare((measured - cohort.mean) / cohort.sd)) * criterion.maxPoints;
    }
  }
}

/** How the points were reached, in the words of the scoring rule. */
export function explainRule(criterion: Criterion, measured: number, points: number, cohort: CohortStats | null): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  switch (criterion.function) {
    case 'ratio':
      return `tỷ lệ ${pct(measured)} × ${criterion.maxPoints} = ${points}`;
    case 'inverse-ratio':
      return `(1 − ${pct(measured)}) × ${criterion.maxPoints} = ${points}`;
    case 'target':
      return `${measured} of target ${criterion.target} × ${criterion.maxPoints} = ${points}`;
    case 'goalposts':
      return `${measured} between ${criterion.min} and ${criterion.max} × ${criterion.maxPoints} = ${points}`;
    case 'thresholds':
      return `${measured} reaches ${points} of ${criterion.maxPoints} points (steps ${criterion.steps.map((s) => `≥${s.atLeast}: ${s.points}`).join(', ')})`;
    case 'cohort':
      return cohort
        ? `${measured} against the year's ${criterion.method === 'min-max' ? `range ${cohort.min}–${cohort.max}` : `mean ${cohort.mean.toFixed(2)} ± ${cohort.sd.toFixed(2)}`} × ${criterion.maxPoints} = ${points}`
        : `${measured}: no cohort to compare with`;
  }
}
