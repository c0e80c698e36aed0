/**
 * The CPU-bound middle of the finish job: restore -> assess -> extract -> check -> score, from
 * the pages to everything the store writes. No database, no queue: it runs as well in a worker
 * thread (see finish-thread.ts) as here. `onStage` hears each stage as it is done.
 */
import type { CheckResult, DocumentMetadata, Indicator, Page, Score, StageName } from '../core/contracts';
import { assessPages } from './assess-pages';
import { checkDocument } from './check-document';
import type { PipelineContext } from './context';
import { extractFacts } from './extract-facts';
import { restoreText } from './restore-text';
import { scoreDocument } from './score-document';

export interface ComputedRun {
  metadata: DocumentMetadata;
  pages: Page[];
  ocrText: string;
  restoredText: string;
  indicators: Indicator[];
  checks: CheckResult[];
  score: Score;
  failedChecks: number;
}

/** A stage done, with its message, or the stage now starting (message null). */
export type StageEvent = { stage: StageName; state: 'started' | 'done'; message: string | null };

export type ComputeContext = Pick<PipelineContext, 'model' | 'rubric' | 'classifier' | 'toneStyle' | 'logger'>;

export async function computeFinish(filename: string, pages: Page[], ctx: ComputeContext, onStage: (event: StageEvent) => void = () => undefined): Promise<ComputedRun> {
  onStage({ stage: 'restore', state: 'started', message: null });
  const restored = await restoreText(pages, ctx);
  onStage({ stage: 'restore', state: 'done', message: `${restored.changed} of ${restored.syllableCount} syllables changed` });
  const assessed = assessPages(pages, restored, await ctx.model());

  onStage({ stage: 'extract', state: 'started', message: null });
  const facts = await checkDocument(filename, restored, await extractFacts(restored, pages, ctx), ctx);
  const failedChecks = facts.checks.filter((c) => c.result === 'fails').length;
  onStage({ stage: 'extract', state: 'done', message: `${facts.indicators.length} indicators, ${failedChecks} failed checks` });

  onStage({ stage: 'score', state: 'started', message: null });
  const score = await scoreDocument(facts.indicators, facts.metadata, ctx);
  onStage({ stage: 'score', state: 'done', message: score.total === null ? `withheld: ${score.withheld}` : `${score.total} of ${score.maxTotal} points` });

  return { metadata: facts.metadata, pages: assessed, ocrText: restored.ocrText, restoredText: restored.text, indicators: facts.indicators, checks: facts.checks, score, failedChecks };
}
