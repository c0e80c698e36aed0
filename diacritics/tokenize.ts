/**
 * Splits text into tokens that keep their character offsets, so restoration can replace
 * syllables in place and leave everything else (numbers, codes, layout) byte for byte.
 */
/**
 * `mixed`: a short run of letters with digits or symbols inside ("c6", "x3", "B¢", "v&i"):
 * in garbled OCR these are syllables whose marks were read as digits or symbols.
 */
export type TokenKind = 'word' | 'number' | 'punct' | 'code' | 'mixed' | 'space';

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const CHUNK = /\s+|[^\s]+/gu;
const LETTERS = /^[\p{L}\p{M}]+$/u;
const NUMBER = /^\d+(?:[.,/]\d+)*$/u;
// A chunk that mixes letters and digits, or joins letters with / & @ _ or ://, is a code,
// a reference (416/QĐ-UBND, TT&TT) or an address, and is never split or restored.
const CODE_LIKE = /(?:\p{L}.*\d|\d.*\p{L}|\p{L}[/&@_]|[/&@_]\p{L}|:\/\/|\p{Lu}-\p{Lu})/u;
const MIXED = /^(?=.*\p{L})(?=.*[\d¢€&©®])[\p{L}\p{M}\d¢€&©®]{2,7}$/u;
/** An all-capitals run longer than three ("TT&TT") is an abbreviation, not a garbled syllable. */
// One digit at most: "14thang" is a number glued to a word, not a garbled syllable.
const isMixed = (core: string) => MIXED.test(core) && (core.match(/\d/g)?.length ?? 0) <= 1 && (core.length <= 3 || /\p{Ll}/u.test(core));
const PIECES = /[\p{L}\p{M}]+|\d+(?:[.,/]\d+)*|[^\p{L}\p{M}\d]/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const chunk of text.matchAll(CHUNK)) {
    const value = chunk[0];
    const start = chunk.index ?? 0;
    // Most chunks are one plain syllable: letters only can be neither mixed nor a code.
    if (LETTERS.test(value)) {
      tokens.push({ text: value, start, end: start + value.length, kind: 'word' });
      continue;
    }
    if (/^\s/u.test(value)) {
      tokens.push({ text: value, start, end: start + value.length, kind: 'space' });
      continue;
    }
    const core = value.replace(/^[([{"'“‘]+|[)\]}"'”’.,;:!?]+$/gu, '');
    const kind: TokenKind | null = isMixed(core) ? 'mixed' : CODE_LIKE.test(core) ? 'code' : null;
    if (core.length > 0 && kind) {
      const lead = value.indexOf(core);
      pushPieces(tokens, value.slice(0, lead), start);
      tokens.push({ text: core, start: start + lead, end: start + lead + core.length, kind });
      pushPieces(tokens, value.slice(lead + core.length), start + lead + core.length);
      continue;
    }
    pushPieces(tokens, value, start);
  }
  return tokens;
}

function pushPieces(tokens: Token[], value: string, offset: number): void {
  for (const piece of value.matchAll(PIECES)) {
    const text = piece[0];
    const start = offset + (piece.index ?? 0);
    const kind: TokenKind = LETTERS.test(text) ? 'word' : NUMBER.test(text) ? 'number' : 'punct';
    tokens.push({ text, start, end: start + text.length, kind });
  }
}
