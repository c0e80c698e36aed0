/**
 * `sohoa score <indicators.json...>`: one score per entity and year with explanations, rankings of
 * the entities of each year and each entity's series across years, as JSON or CSV.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { Indicator } from '../../core/contracts';
import { InputError } from '../../core/errors';
import { loadRubric } from '../../scoring/rubric';
import { scoreEntities, scoreReportCsv } from '../../scoring/score-entities';
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

export async function scoreCommand(files: string[], options: { rubric?: string; format: 'json' | 'csv' }): Promise<number> {
  const rubric = await loadRubric(options.rubric);
  const report = scoreEntities((await Promise.all(files.map(readIndicators))).flat(), rubric);
  process.stdout.write(options.format === 'csv' ? scoreReportCsv(report) : JSON.stringify(report, null, 2) + '\n');
  return EXIT_OK;
}
