/** Stage 6: consistency checks on the extracted facts; failed checks flag their indicators. */
import type { CheckResult } from '../core/contracts';
import { checkConsistency } from '../scoring/check-consistency';
import type { ExtractedFacts } from './extract-facts';
import type { PipelineContext } from './context';
import type { RestoredText } from './restore-text';

export interface CheckedFacts extends ExtractedFacts {
  checks: CheckResult[];
}

export async function checkDocument(documentName: string, restored: RestoredText, facts: ExtractedFacts, ctx: PipelineContext): Promise<CheckedFacts> {
  const { checks, indicators } = checkConsistency(documentName, restored.text, facts.indicators, facts.metadata);
  const failed = checks.filter((c) => c.result === 'fails').length;
  if (failed > 0) ctx.logger.debug(`${documentName}: ${failed} of ${checks.length} consistency checks fail`);
  return { ...facts, indicators, checks };
}
