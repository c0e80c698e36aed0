/** The checks that need several documents, over stored results or fresh extractions. */
import type { CheckResult, DocumentMetadata, Indicator } from '../core/contracts';
import { cumulativeKeys } from '../extractors/classify-key';
import { checkAcrossDocuments, flagAcross, yearOfFigures, type DocumentFacts } from '../scoring/check-across-documents';

export interface CheckableDocument {
  name: string;
  metadata: DocumentMetadata | null;
  indicators: Indicator[];
  /** The restored text ('' for bare indicator files: the citation and copy checks then have nothing to read). */
  text: string;
}

export function checkDocumentsTogether(documents: CheckableDocument[]): CheckResult[] {
  if (documents.length < 2) return [];
  const facts: DocumentFacts[] = documents.map((d) => ({
    name: d.name,
    type: d.metadata?.type ?? null,
    title: d.metadata?.title ?? null,
    province: d.metadata?.province ?? d.indicators.find((i) => i.province !== null)?.province ?? null,
    year: yearOfFigures(d.metadata?.year ?? null, d.indicators),
    indicators: d.indicators,
    text: d.text,
  }));
  return checkAcrossDocuments(facts, { cumulativeKeys: cumulativeKeys() });
}

/** The documents whose records failed checks across documents read, with those records flagged. */
export function flagDocumentsTogether(documents: CheckableDocument[], checks: CheckResult[]): Map<string, Indicator[]> {
  return flagAcross(documents, checks);
}
