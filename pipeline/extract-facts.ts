/** Stage 5: document metadata and indicator records from the restored text. */
import type { DocumentMetadata, Indicator, Page } from '../core/contracts';
import { extractIndicators } from '../extractors/extract-indicators';
import { wordCohesion } from '../diacritics/word-cohesion';
import { extractMetadata } from '../extractors/extract-metadata';
import { looksGarbled } from '../extractors/looks-garbled';
import type { PipelineContext } from './context';
import { locateSources } from './locate-sources';
import type { RestoredText } from './restore-text';

export interface ExtractedFacts {
  metadata: DocumentMetadata;
  indicators: Indicator[];
}

export async function extractFacts(restored: RestoredText, pages: Page[], ctx: PipelineContext): Promise<ExtractedFacts> {
  const metadata = extractMetadata(restored.text);
  const cohesion = wordCohesion((await ctx.model()).lm);
  const garbledOcr = looksGarbled(restored.ocrText);
  const indicators = extractIndicators(restored.text, { metadata, pageStarts: restored.pageStarts, classifier: ctx.classifier, cohesion, garbledOcr });
  return { metadata, indicators: locateSources(indicators, restored, pages) };
}
