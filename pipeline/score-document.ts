/** Stage 6: score the document's indicators with the configured rubric. */
import type { DocumentMetadata, Indicator, Score } from '../core/contracts';
import { scoreIndicators } from '../scoring/score-indicators';
import type { PipelineContext } from './context';

export async function scoreDocument(indicators: Indicator[], metadata: DocumentMetadata, ctx: Pick<PipelineContext, 'rubric'>): Promise<Score> {
  const rubric = await ctx.rubric();
  return scoreIndicators(indicators, rubric, { entity: metadata.province, year: metadata.year });
}
