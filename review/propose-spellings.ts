/**
 * Spellings a reviewer can pick for one word of restored text: the model decodes the word's
 * neighbourhood again with every mark removed and reports its ranked alternatives for that word.
 */
import type { Span } from '../core/contracts';
import { SohoaError } from '../core/errors';
import { fold } from '../core/fold';
import type { DiacriticsModel } from '../diacritics/load-model';
import { restoreDiacritics } from '../diacritics/restore-diacritics';
import { documentToneStyle } from '../diacritics/detect-tone-style';
import type { ToneStyleChoice } from '../diacritics/restore-diacritics';

/** Enough context on each side for the trigram model, cut at whitespace. */
const CONTEXT = 120;

export interface SpellingProposal {
  /** The word as it stands in the text. */
  current: string;
  span: Span;
  alternatives: Array<{ text: string; probability: number }>;
}

const isUpper = (ch: string) => ch !== ch.toLowerCase();

/** Marks off, case kept: the decoder reads "QUYET" as a heading word, as it was written. */
function foldKeepingCase(text: string): string {
  const folded = fold(text);
  return Array.from(folded, (ch, i) => (isUpper(text[i]!) ? ch.toUpperCase() : ch)).join('');
}

export function proposeSpellings(text: string, span: Span, model: DiacriticsModel, toneStyleChoice: ToneStyleChoice): SpellingProposal {
  const [start, end] = span;
  if (start >= end || end > text.length) throw new SohoaError('BAD_INPUT', `span [${start}, ${end}] is not a word of the text (${text.length} characters)`);
  const current = text.slice(start, end);
  let from = Math.max(0, start - CONTEXT);
  let to = Math.min(text.length, end + CONTEXT);
  while (from > 0 && !/\s/.test(text[from - 1]!)) from -= 1;
  while (to < text.length && !/\s/.test(text[to]!)) to += 1;
  // Folding keeps the length of NFC Vietnamese, so offsets in the window stay offsets in the text.
  const window = foldKeepingCase(text.slice(from, to));
  // The window is folded, so its style comes from the whole text around it.
  const toneStyle = documentToneStyle(text, toneStyleChoice, model.manifest.toneStyle);
  const restored = restoreDiacritics(window, model, { toneStyle, explain: true });
  const syllable = restored.syllables.find((s) => s.start <= start - from && s.end >= end - from);
  const alternatives = syllable ? syllable.alternatives : [];
  const withCurrent = alternatives.some((a) => a.text === current) ? alternatives : [...alternatives, { text: current, probability: 0 }];
  return { current, span, alternatives: withCurrent };
}
