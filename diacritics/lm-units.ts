/** How text becomes the unit stream the language model is trained on and scores. */
import { canonicalSyllable, type ToneStyle } from './syllable';
import type { Token } from './tokenize';

export const SENTENCE_START = '<s>';
export const UNKNOWN = '<unk>';
export const NUMBER_UNIT = '<num>';
export const CODE_UNIT = '<code>';
const KEPT_PUNCT = new Set(['.', ',', ';', ':', '?', '!', '(', ')', '-', '"']);

/** The LM unit of a token, or null when the token is invisible to the model. */
export function lmUnit(token: Token, style: ToneStyle): string | null {
  switch (token.kind) {
    case 'word':
      return canonicalSyllable(token.text.toLowerCase(), style);
    case 'number':
      return NUMBER_UNIT;
    case 'code':
    case 'mixed':
      return CODE_UNIT;
    case 'punct':
      return KEPT_PUNCT.has(token.text) ? token.text : null;
    case 'space':
      return null;
  }
}

/** A blank line ends a paragraph: the model's context restarts there. */
export function isParagraphBreak(token: Token): boolean {
  return token.kind === 'space' && breaksParagraph(token.text, 0, token.text.length);
}

/** Whether the whitespace text[start, end) holds a blank line, that is two line breaks. */
export function breaksParagraph(text: string, start: number, end: number): boolean {
  let lineBreaks = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10 && ++lineBreaks === 2) return true;
  return false;
}
