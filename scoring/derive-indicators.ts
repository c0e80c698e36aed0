/**
 * Figures the documents imply but do not state (total IT spending, services at level 3 and 4
 * together, the online share of dossiers), defined as data in derived-indicators.json. They are
 * reported as information beside the checks, never scored as if stated.
 */
import { z } from 'zod';
import type { Indicator } from '../core/contracts';
import derivedJson from './derived-indicators.json';
import { firstCount } from './headline-records';

const Derivation = z.object({
  id: z.string(),
  description: z.string(),
  /** Keys whose headline values add up. */
  sum: z.array(z.string()).min(1),
  /** When present, the sum is a percentage of this key's value. */
  per: z.string().optional(),
});
export type Derivation = z.infer<typeof Derivation>;

export const DERIVATIONS: Derivation[] = z.array(Derivation).parse(derivedJson);

/** The derivation's value for one document, with the records it used, or null when a part is missing. */
export function derive(derivation: Derivation, indicators: Indicator[]): { value: number; indexes: number[] } | null {
  const parts = derivation.sum.map((key) => firstCount(indicators, key));
  if (parts.some((p) => p === null)) return null;
  const total = parts.reduce((s, p) => s + p!.record.value, 0);
  const indexes = parts.map((p) => p!.index);
  if (!derivation.per) return { value: total, indexes };
  const base = firstCount(indicators, derivation.per);
  if (!base || base.record.value === 0) return null;
  return { value: Math.round((total / base.record.value) * 10000) / 100, indexes: [...indexes, base.index] };
}
