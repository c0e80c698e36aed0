/**
 * The capitalised letter runs of acronyms and document codes ("HĐND", the "QĐ" and "UBND" of
 * "416/QĐ-UBND"): where stripped or garbled text loses an Đ that no syllable model restores.
 */
import { hasSyllableShape, fold } from './syllable';
import type { TokenKind } from './tokenize';

export interface AcronymPart {
  /** Offset in the text. */
  start: number;
  end: number;
  text: string;
  /**
   * A run that mixes capitals and digits in a code's type slot ("/0P-" in "2392/0P-BTTTT"):
   * garbled OCR of letters, considered only where the text is garbled.
   */
  hasDigits: boolean;
  /** In a code, the piece after a hyphen that follows this one ("UBND" after "QĐ"): its issuer. */
  next: string | null;
}

const MIN_LETTERS = 2;
const MAX_LETTERS = 8;
const CAPITALS = /^\p{Lu}+$/u;
const CAPITALS_AND_DIGITS = /^(?=.*\p{L})(?=.*\d)[\p{L}\d]+$/u;
/** A code's pieces: runs of letters and digits between separators ("/", "-", "&", "."). */
const CODE_PIECES = /[\p{L}\p{M}\d]+/gu;
const NEXT_PIECE = /^[\p{L}\p{M}\d]+/u;

/** Acronym-like parts of one token (a word or a code) at `offset` in the text. */
export function acronymParts(kind: TokenKind, text: string, offset: number): AcronymPart[] {
  if (kind === 'word') {
    const isAcronym = text.length >= MIN_LETTERS && text.length <= MAX_LETTERS && CAPITALS.test(text) && !hasSyllableShape(fold(text));
    return isAcronym ? [{ start: offset, end: offset + text.length, text, hasDigits: false, next: null }] : [];
  }
  if (kind !== 'code') return [];
  const parts: AcronymPart[] = [];
  for (const piece of text.matchAll(CODE_PIECES)) {
    const value = piece[0];
    const at = piece.index ?? 0;
    if (value.length < MIN_LETTERS || value.length > MAX_LETTERS) continue;
    const after = text[at + value.length] === '-' ? NEXT_PIECE.exec(text.slice(at + value.length + 1)) : null;
    const next = after ? after[0] : null;
    if (CAPITALS.test(value)) {
      parts.push({ start: offset + at, end: offset + at + value.length, text: value, hasDigits: false, next });
      continue;
    }
    // Only a code's type slot, "number/TYPE-", is read as letters garbled into digits: a number
    // anywhere else stays a number.
    const inTypeSlot = text[at - 1] === '/' && text[at + value.length] === '-' && /^\d/u.test(text.slice(0, at));
    if (inTypeSlot && value.length <= 4 && CAPITALS_AND_DIGITS.test(value)) {
      parts.push({ start: offset + at, end: offset + at + value.length, text: value, hasDigits: true, next });
    }
  }
  return parts;
}
