/**
 * Which tone-placement style a document writes (hòa/thủy "old" or hoà/thuỷ "new"), from the
 * majority of its own marked syllables where the styles differ; null when none of them does.
 */
import { canonicalSyllable, type ToneStyle } from './syllable';
import { KIND_CODE, scanTokens, type TokenStream } from './tokenize';

/** The vowel pairs whose tone place depends on the style: oa, oe, uy (any tone on either). */
const STYLE_PAIR = /[oòóỏõọ][aàáảãạeèéẻẽẹ]|[uùúủũụ][yỳýỷỹỵ]/iu;
const WORD = KIND_CODE.word;

/** A word of ASCII letters alone carries no tone mark: no evidence (all of stripped text). */
function hasNonAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

export function detectToneStyle(tokens: TokenStream): ToneStyle | null {
  let old = 0;
  let modern = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens.kinds[k] !== WORD || !hasNonAscii(tokens.text, tokens.starts[k]!, tokens.ends[k]!)) continue;
    const word = tokens.tokenText(k);
    if (!STYLE_PAIR.test(word)) continue;
    const lower = word.toLowerCase();
    const asOld = canonicalSyllable(lower, 'old');
    const asNew = canonicalSyllable(lower, 'new');
    if (asOld === asNew) continue;
    if (lower === asOld) old++;
    else if (lower === asNew) modern++;
  }
  if (old === modern) return null;
  return old > modern ? 'old' : 'new';
}

/**
 * The style to restore a whole document in (all its pages, or all the text around a window):
 * the chosen one, or with `document` the one the text writes, else `fallback` (the model's).
 */
export function documentToneStyle(text: string, chosen: ToneStyle | 'document', fallback: ToneStyle): ToneStyle {
  if (chosen !== 'document') return chosen;
  return detectToneStyle(scanTokens(text.normalize('NFC'))) ?? fallback;
}
