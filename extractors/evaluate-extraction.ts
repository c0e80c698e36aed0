/**
 * Scores extracted indicators against hand-made gold. A match is the same value and denominator
 * with the extracted value inside (or overlapping) the gold mention; each gold mention and each
 * extracted record is used once. Unit, kind, qualifier and key are then scored on the matched
 * pairs, so a record found with the wrong unit counts as found, and as a unit error.
 */
import { z } from 'zod';
import type { CheckResult, Indicator } from '../core/contracts';

export const GoldIndicator = z
  .object({
    id: z.string().optional(),
    doc: z.string(),
    /** The taxonomy key, when the document is of the taxonomy's kind; null elsewhere. */
    key: z.string().nullable().optional(),
    value: z.number(),
    upper: z.number().nullable().optional(),
    denominator: z.number().nullable(),
    unit: z.string().nullable(),
    qualifier: z.string().nullable(),
    kind: z.enum(['value', 'target', 'capacity', 'delta', 'rank', 'score']).optional(),
    span: z.tuple([z.number(), z.number()]),
    value_span: z.tuple([z.number(), z.number()]),
  })
  .loose();
export type GoldIndicator = z.infer<typeof GoldIndicator>;

/** An arithmetic relation the document states (ANNOTATION.md section 2). */
export const GoldCheck = z
  .object({
    id: z.string(),
    description: z.string(),
    operands: z.array(z.string()),
    stated: z.number().nullable(),
    computed: z.number().nullable(),
    result: z.enum(['holds', 'fails', 'not_verifiable']),
  })
  .loose();
export type GoldCheck = z.infer<typeof GoldCheck>;

export interface DocumentPrediction {
  doc: string;
  /** Extracted records with spans already mapped to the text the gold spans refer to. */
  indicators: Indicator[];
  /** The document's consistency checks, whose `indicators` index into `indicators`. */
  checks?: CheckResult[];
}

export interface ScoreOptions {
  /** Keys of the taxonomy: key accuracy counts only pairs whose gold key is one of them. */
  taxonomyKeys?: ReadonlySet<string>;
  goldChecks?: GoldCheck[];
}

/** Hits out of a total: a ratio that can be pooled across documents. */
export interface Tally {
  hits: number;
  total: number;
}

export interface ExtractionScore {
  doc: string;
  gold: number;
  extracted: number;
  matched: number;
  recall: number;
  precision: number;
  unit: Tally;
  kind: Tally;
  qualifier: Tally;
  key: Tally;
  /** Gold relations (holds or fails) reproduced by a check over the same records with the same verdict. */
  relations: Tally;
  /** Gold relations (holds or fails) no check reproduced. */
  relationsMissed: GoldCheck[];
  missed: GoldIndicator[];
  /** Extracted records that match no gold mention. */
  spurious: Array<Pick<Indicator, 'valueText' | 'unit' | 'span' | 'phrase'>>;
  /** Matched pairs whose kinds differ: gold kind, extracted kind. */
  kindErrors: Array<{ valueText: string; gold: string; found: string; phrase: string }>;
  /** Matched pairs whose units differ: gold unit, extracted unit. */
  unitErrors: Array<{ valueText: string; gold: string | null; found: string | null }>;
}

const sameNumber = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
const overlaps = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[1] && b[0] < a[1];

/** Units compared as a reader would: case, superscripts and spaces around "/" do not matter. */
export function normalizeUnit(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined) return null;
  return unit
    .normalize('NFC')
    .toLowerCase()
    .replace(/³/g, '3')
    .replace(/²/g, '2')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim();
}

function sameQuantity(gold: GoldIndicator, found: Indicator): boolean {
  return sameNumber(gold.value, found.value) && sameNumber(gold.denominator, found.denominator);
}

const tally = (pairs: number, hits: number): Tally => ({ hits, total: pairs });

export function scoreDocument(gold: GoldIndicator[], prediction: DocumentPrediction, options: ScoreOptions = {}): ExtractionScore {
  const used = new Set<number>();
  const paired = new Map<GoldIndicator, number>();
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
      paired.set(g, index);
    }
  }
  const pairs = [...paired.entries()].map(([g, i]) => [g, prediction.indicators[i]!] as const);
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const kinded = pairs.filter(([g]) => g.kind !== undefined);
  const keyed = pairs.filter(([g]) => g.key && (!options.taxonomyKeys || options.taxonomyKeys.has(g.key)));
  return {
    doc: prediction.doc,
    gold: gold.length,
    extracted: prediction.indicators.length,
    matched: pairs.length,
    recall: ratio(pairs.length, gold.length),
    precision: ratio(pairs.length, prediction.indicators.length),
    unit: tally(pairs.length, pairs.filter(([g, p]) => normalizeUnit(g.unit) === normalizeUnit(p.unit)).length),
    kind: tally(kinded.length, kinded.filter(([g, p]) => g.kind === (p.kind ?? 'value')).length),
    qualifier: tally(pairs.length, pairs.filter(([g, p]) => (g.qualifier ?? null) === (p.qualifier ?? null)).length),
    key: tally(keyed.length, keyed.filter(([g, p]) => g.key === p.key).length),
    ...scoreRelations(gold, paired, options.goldChecks ?? [], prediction.checks ?? []),
    missed: gold.filter((g) => !paired.has(g)),
    spurious: prediction.indicators
      .filter((_, i) => !used.has(i))
      .map((p) => ({ valueText: p.valueText, unit: p.unit, span: p.span, phrase: p.phrase })),
    kindErrors: kinded
      .filter(([g, p]) => g.kind !== (p.kind ?? 'value'))
      .map(([g, p]) => ({ valueText: p.valueText, gold: g.kind!, found: p.kind ?? 'value', phrase: p.phrase })),
    unitErrors: pairs
      .filter(([g, p]) => normalizeUnit(g.unit) !== normalizeUnit(p.unit))
      .map(([g, p]) => ({ valueText: p.valueText, gold: g.unit, found: p.unit })),
  };
}

/**
 * A gold relation is reproduced when one of the document's checks covers the records matched to
 * all its operands and reaches the same verdict. Relations the annotator could not verify are left out.
 */
function scoreRelations(gold: GoldIndicator[], paired: Map<GoldIndicator, number>, goldChecks: GoldCheck[], checks: CheckResult[]): { relations: Tally; relationsMissed: GoldCheck[] } {
  const byId = new Map(gold.filter((g) => g.id).map((g) => [g.id!, g]));
  const verifiable = goldChecks.filter((c) => c.result !== 'not_verifiable');
  const reproduced = verifiable.filter((c) => {
    const records = c.operands.map((id) => byId.get(id)).map((g) => (g ? paired.get(g) : undefined));
    if (records.some((r) => r === undefined)) return false;
    return checks.some((check) => check.result === c.result && records.every((r) => check.indicators.includes(r!)));
  });
  return { relations: tally(verifiable.length, reproduced.length), relationsMissed: verifiable.filter((c) => !reproduced.includes(c)) };
}

/** Every document's tallies added up. */
export function poolScores(scores: ExtractionScore[]): Omit<ExtractionScore, 'doc' | 'missed' | 'spurious' | 'unitErrors' | 'kindErrors' | 'relationsMissed'> {
  const sum = (of: (s: ExtractionScore) => Tally): Tally => ({ hits: scores.reduce((n, s) => n + of(s).hits, 0), total: scores.reduce((n, s) => n + of(s).total, 0) });
  const gold = scores.reduce((n, s) => n + s.gold, 0);
  const extracted = scores.reduce((n, s) => n + s.extracted, 0);
  const matched = scores.reduce((n, s) => n + s.matched, 0);
  return {
    gold,
    extracted,
    matched,
    recall: gold === 0 ? 0 : matched / gold,
    precision: extracted === 0 ? 0 : matched / extracted,
    unit: sum((s) => s.unit),
    kind: sum((s) => s.kind),
    qualifier: sum((s) => s.qualifier),
    key: sum((s) => s.key),
    relations: sum((s) => s.relations),
  };
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
const ofTally = (t: Tally) => (t.total === 0 ? '      -' : percent(t.hits / t.total));

export function formatExtractionScores(scores: ExtractionScore[]): string {
  const width = Math.max(24, ...scores.map((s) => s.doc.length + 1));
  const row = (name: string, s: Omit<ExtractionScore, 'doc' | 'missed' | 'spurious' | 'unitErrors' | 'kindErrors' | 'relationsMissed'>) =>
    `${name.padEnd(width)} ${String(s.gold).padStart(5)} ${String(s.extracted).padStart(5)} ${String(s.matched).padStart(5)}  ${percent(s.recall)} ${percent(s.precision)} ${ofTally(s.unit)} ${ofTally(s.kind)} ${ofTally(s.qualifier)} ${ofTally(s.key)} ${`${s.relations.hits}/${s.relations.total}`.padStart(9)}`;
  const lines = [`${'document'.padEnd(width)}  gold found match   recall precis.    unit    kind qualif.    keys relations`];
  for (const s of scores) lines.push(row(s.doc, s));
  lines.push(row('overall', poolScores(scores)));
  return lines.join('\n') + '\n';
}
