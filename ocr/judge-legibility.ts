/**
 * Whether an OCR line is print worth keeping in the text, or marks read as letters: seal rims,
 * signatures, handwritten scribbles and rules come out as short low-confidence strings that are
 * neither Vietnamese syllables nor numbers. Judged on the line's own words, never on what it says.
 */
import type { OcrLine, OcrWord } from '../core/contracts';
import { fold } from '../core/fold';
import { hasSyllableShape } from '../diacritics/syllable';

/** A line read with less mean word confidence than this is doubtful... */
const DOUBTFUL_CONFIDENCE = 45;
/** ...and is dropped when fewer than this share of its words are well formed. */
const MIN_WELL_FORMED = 0.5;
/** Tesseract's own confidence in a word this low means it saw no letters it knew. */
const UNREAD_CONFIDENCE = 20;

/** A Vietnamese syllable, a number or reference ("2026", "18/2025/TT-BCT"), an acronym read with confidence. */
export function isWellFormed(word: OcrWord): boolean {
  const core = word.text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (!core) return false;
  if (/^\p{N}+([./,-]\p{N}+)*$/u.test(core)) return true;
  if (/^[\p{L}\p{N}]+([/-][\p{L}\p{N}]+)+$/u.test(core) && word.confidence >= DOUBTFUL_CONFIDENCE) return true;
  if (!/^\p{L}+$/u.test(core)) return false;
  // One letter is a syllable shape by chance ("y", "a"): it counts when read with confidence.
  if (hasSyllableShape(fold(core)) && (core.length > 1 || word.confidence >= DOUBTFUL_CONFIDENCE)) return true;
  return core.length >= 2 && core === core.toUpperCase() && word.confidence >= DOUBTFUL_CONFIDENCE;
}

/** The words that carry letters or digits (a lone dash or bar says nothing either way). */
const textWords = (line: OcrLine) => line.words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));

/** Fewer letters and digits than this in well-formed words is a mark, not a line (a stray "7", "ẤN"). */
const MIN_CHARACTERS = 2;

export function isLegibleLine(line: OcrLine): boolean {
  const words = textWords(line);
  const wellFormed = words.filter(isWellFormed);
  if (wellFormed.reduce((n, w) => n + (w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0) < MIN_CHARACTERS) return false;
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  if (confidence < UNREAD_CONFIDENCE) return false;
  if (confidence >= DOUBTFUL_CONFIDENCE) return true;
  return wellFormed.length / words.length >= MIN_WELL_FORMED;
}
