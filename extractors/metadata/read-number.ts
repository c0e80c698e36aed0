/**
 * The document number of the "Số:" row: "416/QĐ-UBND", "21/2026/TT-BCT" (legal documents carry their
 * year), "3722/VPCP-CN" (a Công văn has no type letters). The digits are often handwritten into a
 * printed blank ("Số:   /QĐ-UBND" filled in as "S6:416 /QP-UBND") and OCR confuses the code's
 * letters (Đ read as P, D or 0; T as 7); the digits are given only as far as they are legible.
 */
import { TYPE_CODES } from './document-types';

export interface DocumentNumber {
  /** "416/QĐ-UBND", or null when the page leaves the number blank or it cannot be read. */
  number: string | null;
  /** The code after the number and year ("QĐ-UBND"), even when the digits are illegible. */
  code: string | null;
  confidence: number;
}

/** Characters OCR gives for each letter of the type codes. */
const LOOKALIKES: Record<string, string> = { Đ: 'ĐDPÐ0O', D: 'DĐP0O', Q: 'QO0', T: 'T7', r: 'rt!1lI', B: 'B8', N: 'N', C: 'C', H: 'H' };

function looksLike(raw: string, code: string): boolean {
  if (raw.length !== code.length) return false;
  return [...code].every((c, i) => (LOOKALIKES[c] ?? c).includes(raw[i]!));
}

/** The type letters of a code read back from OCR: "QP" and "0D" are "QĐ", "77" is "TT". */
function typeLetters(raw: string): string {
  if (TYPE_CODES.includes(raw)) return raw;
  const like = TYPE_CODES.filter((c) => looksLike(raw, c));
  return like.length === 1 ? like[0]! : raw;
}

/** A code as the page prints it: type letters restored, spaces and doubled hyphens dropped. */
export function normaliseCode(code: string): string {
  const parts = code.replace(/\s+/g, '').split(/-+/).filter(Boolean);
  if (parts.length === 0) return code;
  // A Công văn's code is the issuer's abbreviation alone: only a first part of several is type letters.
  if (parts.length > 1) parts[0] = typeLetters(parts[0]!);
  return parts.join('-').replace(/-ND-/, '-NĐ-');
}

/** Digits that OCR gives as letters. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', l: '1', I: '1', '|': '1', '!': '1' };

export function readNumber(numberText: string | null): DocumentNumber {
  if (numberText === null) return { number: null, code: null, confidence: 0 };
  const slash = numberText.indexOf('/');
  const digitsRaw = numberText.slice(0, slash);
  let rest = numberText.slice(slash + 1).replace(/[–—]/g, '-').trim();
  const year = /^(\d{4})\s*\/\s*/.exec(rest);
  if (year) rest = rest.slice(year[0].length);
  const codeMatch = /^[\p{L}\d!&]+(?:\s*-[\s-]*[\p{L}\d&]+)*/u.exec(rest);
  const code = codeMatch ? normaliseCode(codeMatch[0]) : null;

  // A Party body numbers "Số 08-CTr/TU": the type letters stand before the slash.
  const party = /^\s*(\d{1,5})\s*-\s*([\p{L}!]{1,5})\s*$/u.exec(digitsRaw);
  if (party && codeMatch) {
    const letters = typeLetters(party[2]!);
    const issuer = codeMatch[0].replace(/\s+/g, '');
    return { number: `${party[1]}-${letters}/${issuer}`, code: `${letters}-${issuer}`, confidence: 0.85 };
  }
  const digits = digitsRaw.trim();
  if (digits === '' || /^[.\s_…]*$/.test(digits)) return { number: null, code, confidence: 0.9 };
  let read = digits.replace(/[.,]$/, '');
  let confidence = 0.9;
  if (read !== digits) confidence = 0.4;
  // Space before the slash: the digits were written into a printed blank, often by hand.
  if (/\s$/.test(digitsRaw)) confidence = Math.min(confidence, 0.5);
  if (!/^\d{1,6}$/.test(read)) {
    read = [...read].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
    confidence = 0.3;
  }
  if (!/^\d{1,6}$/.test(read) || code === null) return { number: null, code, confidence: 0 };
  return { number: `${read}/${year ? `${year[1]}/` : ''}${code}`, code, confidence };
}
