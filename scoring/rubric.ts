/** Rubric files: data that users supply, validated with errors that name the field. */
import { readFile } from 'node:fs/promises';
import { shippedFile } from '../core/paths';
import { z } from 'zod';
import { ConfigError } from '../core/errors';

const CriterionBase = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Indicator keys in order of preference: the first with a usable value is scored. */
  keys: z.array(z.string().min(1)).min(1),
  maxPoints: z.number().positive(),
  /** True while the points are not taken from an official table. */
  placeholder: z.boolean().default(false),
});

const Criterion = z.discriminatedUnion('function', [
  CriterionBase.extend({ function: z.literal('ratio') }),
  CriterionBase.extend({ function: z.literal('target'), target: z.number().positive() }),
]);
export type Criterion = z.infer<typeof Criterion>;

export const Rubric = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().default(''),
  groups: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1), criteria: z.array(Criterion).min(1) }))
    .min(1),
});
export type Rubric = z.infer<typeof Rubric>;

export const DEFAULT_RUBRIC_FILE = shippedFile('scoring', 'rubrics', 'default.json');

export function parseRubric(json: unknown, source: string): Rubric {
  const parsed = Rubric.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${source}: rubric field ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function loadRubric(file: string = DEFAULT_RUBRIC_FILE): Promise<Rubric> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: rubric file cannot be read`, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`${file}: rubric is not valid JSON (${(error as Error).message})`, error);
  }
  return parseRubric(json, file);
}
