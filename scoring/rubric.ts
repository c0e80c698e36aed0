/**
 * Rubric files: data that users supply (YAML or JSON), validated with errors that name the line
 * and the field. A rubric is groups of criteria; each criterion scores the first of its indicator
 * keys that has a value with one scoring function, and says how qualified values and missing data count.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../core/errors';
import { shippedFile } from '../core/paths';

const CriterionBase = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Indicator keys in order of preference: the first with a usable value is scored. */
  keys: z.array(z.string().min(1)).min(1),
  maxPoints: z.number().positive(),
  /** Share of this criterion in its group's total (points × weight). */
  weight: z.number().positive().default(1),
  /** True while the points are not taken from an official table. */
  placeholder: z.boolean().default(false),
  /** Which reading of a qualified value ("hơn 3.525", "gần 100%") scores: the value, or its lower/upper bound. */
  qualified: z.enum(['value', 'lower', 'upper']).default('value'),
});

const Step = z.object({ atLeast: z.number(), points: z.number().nonnegative() });

export const Criterion = z.discriminatedUnion('function', [
  /** tỷ lệ × điểm tối đa: the share (percentage or value/denominator) times the maximum. */
  CriterionBase.extend({ function: z.literal('ratio') }),
  /** A share where less is better (late dossiers): (1 − share) × maximum. */
  CriterionBase.extend({ function: z.literal('inverse-ratio') }),
  /** The value against a target, capped at the target. */
  CriterionBase.extend({ function: z.literal('target'), target: z.number().positive() }),
  /** Linear between two goalposts: min scores 0, max (and above) the maximum. */
  CriterionBase.extend({ function: z.literal('goalposts'), min: z.number(), max: z.number() }).refine((c) => c.max !== c.min, { message: 'max must differ from min', path: ['max'] }),
  /** The points of the highest step reached. */
  CriterionBase.extend({ function: z.literal('thresholds'), of: z.enum(['value', 'percent']).default('value'), steps: z.array(Step).min(1) }),
  /** Relative to the other entities of the same year: min-max scaling, or the normal share of the z-score. */
  CriterionBase.extend({ function: z.literal('cohort'), method: z.enum(['min-max', 'z-score']), of: z.enum(['value', 'percent']).default('percent') }),
]);
export type Criterion = z.infer<typeof Criterion>;

export const MissingPolicy = z.object({
  /** zero: a missing criterion scores 0; reweight: the present ones are scaled up to the full total; carry-forward: the entity's last earlier year fills in. */
  policy: z.enum(['zero', 'reweight', 'carry-forward']).default('zero'),
  /** Below this share of criteria with a value, the composite is withheld. */
  minCoverage: z.number().min(0).max(1).default(0),
});

export const Rubric = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().default(''),
  missing: MissingPolicy.default({ policy: 'zero', minCoverage: 0 }),
  /** Whose records this rubric scores: the province's own, the entities of breakdowns (districts, units), or both. */
  entities: z.enum(['province', 'district', 'any']).default('province'),
  groups: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1), criteria: z.array(Criterion).min(1) }))
    .min(1),
});
export type Rubric = z.infer<typeof Rubric>;

export const DEFAULT_RUBRIC_FILE = shippedFile('scoring', 'rubrics', 'default.yaml');

function describeIssue(issue: z.core.$ZodIssue, lineOf: (path: PropertyKey[]) => number | null): string {
  const field = issue.path.map(String).join('.') || '(root)';
  const line = lineOf(issue.path);
  return `${line ? `line ${line}, ` : ''}field ${field}: ${issue.message}`;
}

/** Validates parsed rubric data; `lineOf` places an error in the file when the source is known. */
export function parseRubric(data: unknown, source: string, lineOf: (path: PropertyKey[]) => number | null = () => null): Rubric {
  const parsed = Rubric.safeParse(data);
  if (!parsed.success) throw new ConfigError(`${source}: rubric ${describeIssue(parsed.error.issues[0]!, lineOf)}`);
  return parsed.data;
}

/** Parses rubric text, YAML or JSON (JSON is YAML too), keeping where each field stands. */
export function parseRubricText(text: string, source: string): Rubric {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = text.slice(0, error.pos[0]).split('\n').length;
    throw new ConfigError(`${source}: rubric is not valid YAML or JSON at line ${line}: ${error.message.split('\n')[0]}`);
  }
  const lineOf = (path: PropertyKey[]): number | null => {
    // The deepest node that exists on the path: a missing field is reported where its parent stands.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as Array<string | number>, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return text.slice(0, node.range[0]).split('\n').length;
    }
    return null;
  };
  return parseRubric(doc.toJS(), source, lineOf);
}

export async function loadRubric(file: string = DEFAULT_RUBRIC_FILE): Promise<Rubric> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: rubric file cannot be read`, error);
  }
  return parseRubricText(raw, file);
}
