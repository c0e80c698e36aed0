import type { Indicator } from '../core/contracts';

/** Values between rows and records. Reading back from either driver: timestamps and jsonb arrive in slightly different shapes. */
export const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/** PGlite and pg both hand jsonb back parsed; a string means a driver passed it through. */
export const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** An indicator's row: the columns it is filtered by, kept equal to the record they come from. */
export function indicatorColumns(indicator: Indicator) {
  return {
    key: indicator.key,
    kind: indicator.kind,
    value: indicator.value,
    denominator: indicator.denominator,
    unit: indicator.unit,
    year: indicator.year,
    province: indicator.province,
    review_state: indicator.reviewState,
    data: JSON.stringify(indicator),
  };
}
