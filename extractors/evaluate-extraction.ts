/**
 * Scores extracted indicators against a hand-checked gold catalogue. A match is the same value,
 * denominator and unit with the extracted value inside (or overlapping) the gold mention; each
 * gold mention and each extracted record is used once.
 */
import { z } from 'zod';
import type { Indicator } from '../core/contracts';

export const GoldIndicator = z
  .object({
    doc: z.string(),
    key: z.string(),
    value: z.number(),
    denominator: z.number().nullable(),
    unit: z.string().nullable(),
    qualifier: z.string().nullable(),
    span: z.tuple([z.number(), z.number()]),
    value_span: z.tuple([z.number(), z.number()]),
  })
  .loose();
export type GoldIndicator = z.infer<typeof GoldIndicator>;

export interface DocumentPrediction {
  doc: string;
  /** Extracted records with spans already mapped to the text the gold spans refer to. */
  indicators: Indicator[];
}

export interface ExtractionScore {
  doc: string;
  gold: number;
  extracted: number;
  matched: number;
  recall: number;
  precision: number;
  keyAccuracy: number;
  qualifierAccuracy: number;
  missed: GoldIndicator[];
}

const sameNumber = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] && b[0] < a[1];

function sameQuantity(gold: GoldIndicator, found: Indicator): boolean {
  return sameNumber(gold.value, found.value) && sameNumber(gold.denominator, found.denominator) && (gold.unit ?? null) === (found.unit ?? null);
}

export function scoreDocument(gold: GoldIndicator[], prediction: DocumentPrediction): ExtractionScore {
  const used = new Set<number>();
  const paired = new Map<GoldIndicator, Indicator>();
  // Pair on the value's own span first, so a record is not taken by a neighbour whose phrase merely covers it.
  const passes: Array<(g: GoldIndicator, p: Indicator) => boolean> = [
    (g, p) => overlaps(g.value_span, p.span),
    (g, p) => overlaps(g.span, p.span),
  ];
  for (const near of passes) {
    for (const g of gold) {
      if (paired.has(g)) continue;
      const index = prediction.indicators.findIndex((p, i) => !used.has(i) && sameQuantity(g, p) && near(g, p));
      if (index < 0) continue;
      used.add(index);
      paired.set(g, prediction.indicators[index]!);
    }
  }
  const pairs = [...paired.entries()];
  const missed = gold.filter((g) => !paired.has(g));
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    doc: prediction.doc,
    gold: gold.length,
    extracted: prediction.indicators.length,
    matched: pairs.length,
    recall: ratio(pairs.length, gold.length),
    precision: ratio(pairs.length, prediction.indicators.length),
    keyAccuracy: ratio(pairs.filter(([g, p]) => g.key === p.key).length, pairs.length),
    qualifierAccuracy: ratio(pairs.filter(([g, p]) => (g.qualifier ?? null) === (p.qualifier ?? null)).length, pairs.length),
    missed,
  };
}

export function formatExtractionScores(scores: ExtractionScore[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const total = scores.reduce(
    (t, s) => ({ gold: t.gold + s.gold, extracted: t.extracted + s.extracted, matched: t.matched + s.matched, keys: t.keys + s.keyAccuracy * s.matched, quals: t.quals + s.qualifierAccuracy * s.matched }),
    { gold: 0, extracted: 0, matched: 0, keys: 0, quals: 0 },
  );
  const rows = scores.map((s) => `${s.doc.padEnd(24)} ${String(s.gold).padStart(5)} ${String(s.extracted).padStart(5)} ${String(s.matched).padStart(5)}  ${pct(s.recall)} ${pct(s.precision)} ${pct(s.keyAccuracy)} ${pct(s.qualifierAccuracy)}`);
  const d = (n: number, m: number) => (m === 0 ? 0 : n / m);
  rows.push(
    `${'overall'.padEnd(24)} ${String(total.gold).padStart(5)} ${String(total.extracted).padStart(5)} ${String(total.matched).padStart(5)}  ${pct(d(total.matched, total.gold))} ${pct(d(total.matched, total.extracted))} ${pct(d(total.keys, total.matched))} ${pct(d(total.quals, total.matched))}`,
  );
  return [`${'document'.padEnd(24)}  gold found match   recall precis.    keys  qualif.`, ...rows].join('\n') + '\n';
}
