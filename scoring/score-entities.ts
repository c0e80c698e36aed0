/**
 * Scores many entities over many years: one score per entity (province, or a district or unit
 * named in a breakdown) and year; cohort functions compare the entities of a year; carry-forward
 * reads an entity's earlier years; rankings order the entities of a year and a series follows
 * each entity across years.
 */
import type { Indicator, Score } from '../core/contracts';
import { csvCell } from '../core/csv';
import type { CohortStats } from './criterion-functions';
import type { Rubric } from './rubric';
import { findMeasure, scoreIndicators } from './score-indicators';

export interface Ranking {
  year: number | null;
  entities: Array<{ rank: number; entity: string | null; total: number }>;
}

export interface Series {
  entity: string | null;
  points: Array<{ year: number | null; total: number | null; maxTotal: number; coverage: number }>;
}

export interface ScoreReport {
  rubric: string;
  scores: Score[];
  rankings: Ranking[];
  series: Series[];
}

interface EntityYear {
  entity: string | null;
  year: number | null;
  indicators: Indicator[];
}

/** Records by the entity they describe (a district's own share, else the province) and year. */
function groupByEntityYear(indicators: Indicator[], entities: Rubric['entities']): EntityYear[] {
  const groups = new Map<string, EntityYear>();
  for (const indicator of indicators) {
    if (entities === 'province' && indicator.entity !== null) continue;
    if (entities === 'district' && indicator.entity === null) continue;
    const entity = indicator.entity ?? indicator.province;
    const id = JSON.stringify([entity, indicator.year]);
    const group = groups.get(id) ?? { entity, year: indicator.year, indicators: [] };
    group.indicators.push(indicator);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || String(a.entity).localeCompare(String(b.entity)));
}

function cohortStats(rubric: Rubric, groups: EntityYear[]): Map<string, CohortStats> {
  const stats = new Map<string, CohortStats>();
  for (const criterion of rubric.groups.flatMap((g) => g.criteria)) {
    if (criterion.function !== 'cohort') continue;
    const values = groups.map((g) => findMeasure(criterion, g.indicators)?.measured).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    stats.set(criterion.id, { min: Math.min(...values), max: Math.max(...values), mean, sd });
  }
  return stats;
}

export function scoreEntities(indicators: Indicator[], rubric: Rubric): ScoreReport {
  const groups = groupByEntityYear(indicators, rubric.entities);
  const years = [...new Set(groups.map((g) => g.year))];
  const scores: Score[] = [];
  for (const year of years) {
    const cohort = groups.filter((g) => g.year === year);
    const cohorts = cohortStats(rubric, cohort);
    for (const group of cohort) {
      const history = groups.filter((g) => g.entity === group.entity && g.year !== null && year !== null && g.year < year).reverse();
      const score = scoreIndicators(group.indicators, rubric, { entity: group.entity, year }, { cohorts, history });
      // An entity none of whose records the rubric reads has no score to give.
      if (score.criteria.some((c) => !c.missing)) scores.push(score);
    }
  }
  const rankings: Ranking[] = years.map((year) => {
    const ranked = scores.filter((s) => s.year === year && s.total !== null).sort((a, b) => b.total! - a.total!);
    const entities = ranked.map((s, i) => ({ rank: i > 0 && ranked[i - 1]!.total === s.total ? 0 : i + 1, entity: s.entity, total: s.total! }));
    // Ties share the rank of the first of them.
    entities.forEach((e, i) => (e.rank = e.rank === 0 ? entities[i - 1]!.rank : e.rank));
    for (const s of scores) if (s.year === year) s.rank = entities.find((e) => e.entity === s.entity)?.rank ?? null;
    return { year, entities };
  });
  const series: Series[] = [...new Set(scores.map((s) => s.entity))].map((entity) => ({
    entity,
    points: scores.filter((s) => s.entity === entity).map((s) => ({ year: s.year, total: s.total, maxTotal: s.maxTotal, coverage: s.coverage })),
  }));
  return { rubric: `${rubric.name}@${rubric.version}`, scores, rankings, series };
}

/** The report as one CSV row per entity, year and criterion (a tidy table for spreadsheets and R). */
export function scoreReportCsv(report: ScoreReport): string {
  const columns = ['entity', 'year', 'rank', 'total', 'max_total', 'coverage', 'withheld', 'group', 'criterion', 'function', 'indicator_key', 'value', 'points', 'max_points', 'weight', 'missing', 'source', 'flags', 'explanation'];
  const rows = report.scores.flatMap((s) =>
    s.criteria.map((c) =>
      [s.entity, s.year, s.rank, s.total, s.maxTotal, s.coverage, s.withheld, c.group, c.criterion, c.function, c.indicatorKey, c.value, c.points, c.maxPoints, c.weight, c.missing, c.source, c.flags?.join('|'), c.explanation]
        .map(csvCell)
        .join(','),
    ),
  );
  return [columns.join(','), ...rows].join('\n') + '\n';
}
