/**
 * Quality signals per page: mean OCR word confidence, the share of words that are Vietnamese
 * syllables of the model's inventory (as read, and once restored), and the words OCR was unsure
 * of, listed for review. A page whose words are mostly not syllables was misread or lost its
 * diacritics, whatever the OCR confidence says.
 */
import type { Page, PageQuality } from '../core/contracts';
import { lmUnit } from '../diacritics/lm-units';
import type { DiacriticsModel } from '../diacritics/load-model';
import { LOW_WORD_CONFIDENCE } from '../ocr/ocr-engine';
import { tokenize } from '../diacritics/tokenize';
import { PAGE_SEPARATOR, type RestoredText } from './restore-text';


/** Share of a text's words that the model's syllable inventory holds, and how many words it has. */
function knownShare(text: string, model: DiacriticsModel): { words: number; share: number | null } {
  const words = tokenize(text).filter((t) => t.kind === 'word' || t.kind === 'mixed');
  const known = words.filter((t) => {
    const unit = t.kind === 'word' ? lmUnit(t, model.manifest.toneStyle) : null;
    return unit !== null && model.lm.has(unit);
  }).length;
  return { words: words.length, share: words.length ? Math.round((known / words.length) * 1000) / 1000 : null };
}

function assess(page: Page, restoredText: string, model: DiacriticsModel): PageQuality {
  const asRead = knownShare(page.text, model);
  const ocrWords = page.lines.flatMap((l) => l.words).filter((w) => /[\p{L}\d]/u.test(w.text));
  return {
    words: asRead.words,
    meanWordConfidence: ocrWords.length ? Math.round((ocrWords.reduce((s, w) => s + w.confidence, 0) / ocrWords.length) * 10) / 10 : null,
    dictionaryShare: asRead.share,
    restoredDictionaryShare: knownShare(restoredText, model).share,
    lowConfidenceWords: ocrWords.filter((w) => w.confidence < LOW_WORD_CONFIDENCE),
  };
}

export function assessPages(pages: Page[], restored: RestoredText, model: DiacriticsModel): Page[] {
  return pages.map((page, i) => {
    if (page.skipped) return { ...page, quality: null };
    const end = i + 1 < pages.length ? restored.pageStarts[i + 1]! - PAGE_SEPARATOR.length : restored.text.length;
    return { ...page, quality: assess(page, restored.text.slice(restored.pageStarts[i]!, end), model) };
  });
}
