/**
 * Metadata and indicator records from one text as given (a legacy OCR file, a clean draft):
 * normalised, restored when asked, extracted, and every record's span mapped back to the input.
 */
import type { DocumentMetadata, Indicator } from '../core/contracts';
import type { DiacriticsModel } from '../diacritics/load-model';
import { normalizeNfc } from '../diacritics/normalize-nfc';
import { chainMappings, type SpanMapping } from '../diacritics/offset-map';
import { restoreDiacritics } from '../diacritics/restore-diacritics';
import { wordCohesion } from '../diacritics/word-cohesion';
import type { KeyClassifier } from '../extractors/classify-key';
import { extractIndicators } from '../extractors/extract-indicators';
import { extractMetadata } from '../extractors/extract-metadata';
import { looksGarbled } from '../extractors/looks-garbled';

export interface TextExtraction {
  metadata: DocumentMetadata;
  /** `span` is in `restored`; `sourceSpan` in the input. */
  indicators: Indicator[];
  restored: string;
}

export interface ExtractTextOptions {
  model: DiacriticsModel | null;
  /** The classifier to use, or one made from the restored text itself (leave-one-out evaluation). */
  classifier?: KeyClassifier | ((restored: string) => KeyClassifier);
}

export function extractText(input: string, options: ExtractTextOptions): TextExtraction {
  const normalized = normalizeNfc(input);
  let restored = normalized.text;
  let offsets: SpanMapping = normalized.offsets;
  if (options.model) {
    const result = restoreDiacritics(restored, options.model);
    restored = result.text;
    offsets = chainMappings(normalized.offsets, result.offsets);
  }
  const metadata = extractMetadata(restored);
  const classifier = typeof options.classifier === 'function' ? options.classifier(restored) : options.classifier;
  const cohesion = options.model ? wordCohesion(options.model.lm) : null;
  const indicators = extractIndicators(restored, { metadata, classifier, cohesion, garbledOcr: options.model !== null && looksGarbled(normalized.text) }).map((i) => ({ ...i, sourceSpan: offsets.spanToOriginal(i.span) }));
  return { metadata, indicators, restored };
}

