/** Stage 5: document metadata and indicator records from the restored text. */
import type { DocumentMetadata, Indicator, Page } from '../core/contracts';
import { extractIndicators } from '../extractors/extract-indicators';
import { wordCohesion } from '../diacritics/word-cohesion';
import { extractMetadata } from '../extractors/extract-metadata';
import { looksGarbled } from '../extractors/looks-garbled';
import type { PipelineContext } from './context';
import { locateSources } from './locate-sources';
import { shiftIndicator } from './shift-indicator';
import { splitAtParagraphs } from './split-at-paragraphs';
import type { RestoredText } from './restore-text';

export interface ExtractedFacts {
  metadata: DocumentMetadata;
  indicators: Indicator[];
}

export async function extractFacts(restored: RestoredText, pages: Page[], ctx: Pick<PipelineContext, 'model' | 'classifier'>): Promise<ExtractedFacts> {
  const metadata = extractMetadata(restored.text);
  const cohesion = wordCohesion((await ctx.model()).lm);
  const garbledOcr = looksGarbled(restored.ocrText);
  // A long text is read a bounded piece at a time (its cost would grow faster than its length); an ordinary one whole.
  const indicators = splitAtParagraphs(restored.text).flatMap(({ start, text }) =>
    extractIndicators(text, { metadata, pageStarts: restored.pageStarts.map((p) => p - start), classifier: ctx.classifier, cohesion, garbledOcr }).map((i) => shiftIndicator(i, start)),
  );
  return { metadata, indicators: locateSources(indicators, restored, pages) };
}
