/** Rubric files: data that users supply, validated with errors that name the field. */
import { readFile } from 'node:fs/promises';
import { shippedFile } from '../core/paths';
import { z } from 'zod';
import { ConfigError } from '../core/errors';

const Criterion = z.discriminatedUnion('function', [
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    keys: z.array(z.string().min(1)).min(1),
    function: z.literal('ratio'),
    maxPoints: z.number().positive(),
    placeholder: z.boolean().default(false),
  }),
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    keys: z.array(z.string().min(1)).min(1),
    function: z.literal('target'),
    target: z.number().positive(),
    maxPoints: z.number().positive(),
    placeholder: z.boolean().default(false),
  }),
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
