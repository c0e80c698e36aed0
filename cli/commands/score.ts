/** `sohoa score <indicators.json...>`: one score per entity and year, with explanations. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Indicator } from '../../core/contracts';
import { InputError } from '../../core/errors';
import { loadRubric } from '../../scoring/rubric';
import { scoreIndicators } from '../../scoring/score-indicators';
import { EXIT_OK } from '../exit-codes';

async function readIndicators(file: string): Promise<Indicator[]> {
  const raw = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new InputError('NOT_FOUND', file, 'cannot read file', error);
  });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new InputError('BAD_INPUT', file, 'not valid JSON');
  }
  const parsed = z.array(Indicator).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('BAD_INPUT', file, `not an indicators.json array: at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export async function scoreCommand(files: string[], options: { rubric?: string }): Promise<number> {
  const rubric = await loadRubric(options.rubric);
  const all = (await Promise.all(files.map(readIndicators))).flat();
  const groups = new Map<string, Indicator[]>();
  for (const indicator of all) {
    const key = JSON.stringify([indicator.province, indicator.year]);
    groups.set(key, [...(groups.get(key) ?? []), indicator]);
  }
  const scores = [...groups.entries()].map(([key, indicators]) => {
    const [entity, year] = JSON.parse(key) as [string | null, number | null];
    return scoreIndicators(indicators, rubric, { entity, year });
  });
  process.stdout.write(JSON.stringify(scores, null, 2) + '\n');
  return EXIT_OK;
}
