/**
 * Splits text into tokens that keep their character offsets, so restoration can replace
 * syllables in place and leave everything else (numbers, codes, layout) byte for byte.
 */
/**
 * `mixed`: a short run of letters with digits or symbols inside ("c6", "x3", "B¢", "v&i"):
 * in garbled OCR these are syllables whose marks were read as digits or symbols.
 */
export const TOKEN_KINDS = ['word', 'number', 'punct', 'code', 'mixed', 'space'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
/** Each kind's code in TokenStream.kinds: its place in TOKEN_KINDS. */
export const KIND_CODE = Object.fromEntries(TOKEN_KINDS.map((kind, code) => [kind, code])) as Readonly<Record<TokenKind, number>>;

export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

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

/**
 * Character classes below U+2000 (Latin, Greek, Cyrillic, combining marks, Vietnamese's Latin
 * Extended Additional) looked up by code: scanning a chunk then needs no regular expression.
 */
const TABLE_SIZE = 0x2000;
const OTHER = 0;
const LETTER = 1;
const SPACE = 2;
const CHAR_CLASS = ((): Uint8Array => {
  const table = new Uint8Array(TABLE_SIZE);
  for (let code = 0; code < TABLE_SIZE; code++) {
    const ch = String.fromCharCode(code);
    table[code] = /\s/u.test(ch) ? SPACE : /[\p{L}\p{M}]/u.test(ch) ? LETTER : OTHER;
  }
  return table;
})();
const SPACE_ABOVE_TABLE = /\s/u;

const isSpace = (code: number) => (code < TABLE_SIZE ? CHAR_CLASS[code] === SPACE : SPACE_ABOVE_TABLE.test(String.fromCharCode(code)));
/** False for anything outside the table: such chunks take the general path, which knows them. */
const isTableLetter = (code: number) => code < TABLE_SIZE && CHAR_CLASS[code] === LETTER;

/**
 * Tokens as parallel arrays of kind and offsets: what restoration walks, without an object or
 * a string per token (a long document has tens of thousands, all alive until the end).
 */
export class TokenStream {
  kinds: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  length = 0;

  constructor(readonly text: string) {
    // About one token per four characters of prose; grown when a text has more.
    const capacity = Math.max(16, text.length >> 2);
    this.kinds = new Uint8Array(capacity);
    this.starts = new Uint32Array(capacity);
    this.ends = new Uint32Array(capacity);
  }

  push(kind: TokenKind, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    const k = this.length++;
    this.kinds[k] = KIND_CODE[kind];
    this.starts[k] = start;
    this.ends[k] = end;
  }

  kind(k: number): TokenKind {
    return TOKEN_KINDS[this.kinds[k]!]!;
  }

  tokenText(k: number): string {
    return this.text.slice(this.starts[k], this.ends[k]);
  }

  token(k: number): Token {
    return { text: this.tokenText(k), start: this.starts[k]!, end: this.ends[k]!, kind: this.kind(k) };
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    const starts = new Uint32Array(size);
    const ends = new Uint32Array(size);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    [this.kinds, this.starts, this.ends] = [kinds, starts, ends];
  }
}

export function tokenize(text: string): Token[] {
  const stream = scanTokens(text);
  const tokens: Token[] = new Array<Token>(stream.length);
  for (let k = 0; k < stream.length; k++) tokens[k] = stream.token(k);
  return tokens;
}

export function scanTokens(text: string): TokenStream {
  const tokens = new TokenStream(text);
  const length = text.length;
  let i = 0;
  while (i < length) {
    const start = i;
    if (isSpace(text.charCodeAt(i))) {
      while (i < length && isSpace(text.charCodeAt(i))) i++;
      tokens.push('space', start, i);
      continue;
    }
    // Most chunks are one syllable, maybe inside brackets or before a comma: letters alone can
    // be neither mixed nor a code, so such a chunk is its pieces, told apart by character class.
    let opened = i;
    while (opened < length && OPENERS.has(text.charCodeAt(opened))) opened++;
    let lettersEnd = opened;
    while (lettersEnd < length && isTableLetter(text.charCodeAt(lettersEnd))) lettersEnd++;
    let closed = lettersEnd;
    while (closed < length && CLOSERS.has(text.charCodeAt(closed))) closed++;
    if (lettersEnd > opened && (closed === length || isSpace(text.charCodeAt(closed)))) {
      for (; i < opened; i++) tokens.push('punct', i, i + 1);
      tokens.push('word', opened, lettersEnd);
      for (i = lettersEnd; i < closed; i++) tokens.push('punct', i, i + 1);
      continue;
    }
    while (i < length && !isSpace(text.charCodeAt(i))) i++;
    const chunk = text.slice(start, i);
    if (LETTERS.test(chunk)) tokens.push('word', start, i);
    else pushChunk(tokens, chunk, start);
  }
  return tokens;
}

/** What may stand before and after a chunk's core: brackets, quotes, punctuation. */
const OPENING = '([{"\'“‘';
const CLOSING = ')]}"\'”’.,;:!?';
const codesOf = (chars: string) => new Set(Array.from(chars, (ch) => ch.charCodeAt(0)));
const OPENERS = codesOf(OPENING);
const CLOSERS = codesOf(CLOSING);
const inClass = (chars: string) => `[${chars.replace(/[\]\\[^-]/g, '\\$&')}]`;
const AROUND_CORE = new RegExp(`^${inClass(OPENING)}+|${inClass(CLOSING)}+$`, 'gu');

/** A chunk with something besides letters: a code, a garbled syllable, or pieces. */
function pushChunk(tokens: TokenStream, value: string, start: number): void {
  const core = value.replace(AROUND_CORE, '');
  const kind: TokenKind | null = isMixed(core) ? 'mixed' : CODE_LIKE.test(core) ? 'code' : null;
  if (core.length > 0 && kind) {
    const lead = value.indexOf(core);
    pushPieces(tokens, value.slice(0, lead), start);
    tokens.push(kind, start + lead, start + lead + core.length);
    pushPieces(tokens, value.slice(lead + core.length), start + lead + core.length);
    return;
  }
  pushPieces(tokens, value, start);
}

function pushPieces(tokens: TokenStream, value: string, offset: number): void {
  for (const piece of value.matchAll(PIECES)) {
    const text = piece[0];
    const start = offset + (piece.index ?? 0);
    tokens.push(LETTERS.test(text) ? 'word' : NUMBER.test(text) ? 'number' : 'punct', start, start + text.length);
  }
}
