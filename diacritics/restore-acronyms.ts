/**
 * Puts back the Đ of acronyms and document codes ("HDND" -> "HĐND", "64/2007/ND-CP" ->
 * "64/2007/NĐ-CP", garbled "2392/0P-BTTTT" -> "2392/QĐ-BTTTT") from how often the corpus writes
 * each form. Numbers never change, and every replacement has the length of what it replaces.
 */
import { acronymParts, type AcronymPart } from './acronym-parts';
import type { AcronymTable } from './acronym-table';
import type { OcrChannel } from './ocr-channel';
import { KIND_CODE, type TokenStream } from './tokenize';

/** How the text around looks: clean (marks trusted), stripped of marks, or garbled by OCR. */
export type TextCondition = 'clean' | 'stripped' | 'garbled';

export interface AcronymEdit {
  start: number;
  end: number;
  text: string;
  /** The token the part belongs to. */
  token: number;
}

/**
 * In clean text a form is replaced only when the corpus writes the other one this many times
 * as often: "QD" in a document that otherwise keeps its marks is a slip, "HD" may be meant.
 */
const CLEAN_DOMINANCE = 50;
/** A form the corpus never wrote has this much support when it is kept. */
const UNSEEN_KEEP = 0.0001;
/** log P(observed | form) below two confusions the channel never saw: no reading at all. */
const MIN_CONFUSION = -20;

const WORD = KIND_CODE.word;
const CODE = KIND_CODE.code;

function startsUpper(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return code >= 65 && code <= 90;
  const letter = text[at]!;
  return letter !== letter.toLowerCase();
}

export function restoreAcronyms(tokens: TokenStream, table: AcronymTable, condition: TextCondition, channel: OcrChannel | null): AcronymEdit[] {
  const edits: AcronymEdit[] = [];
  const decided = new Map<string, string | null>();
  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens.kinds[k]!;
    if (kind !== WORD && kind !== CODE) continue;
    // Most words are lowercase syllables: their first letter settles it.
    if (kind === WORD && !startsUpper(tokens.text, tokens.starts[k]!)) continue;
    for (const part of acronymParts(tokens.kind(k), tokens.tokenText(k), tokens.starts[k]!)) {
      if (part.hasDigits && condition !== 'garbled') continue;
      let restored = decided.get(part.text);
      if (restored === undefined) {
        restored = restorePart(part, table, condition, channel);
        decided.set(part.text, restored);
      }
      if (restored !== null) edits.push({ start: part.start, end: part.end, text: restored, token: k });
    }
  }
  return edits;
}

/** The part's form as restored, or null to keep it. */
function restorePart(part: AcronymPart, table: AcronymTable, condition: TextCondition, channel: OcrChannel | null): string | null {
  if (part.text.includes('Đ')) return null;
  const support = (form: string) => table.support(form, part.next);
  if (condition === 'garbled' && channel) {
    // Garbled OCR: any form with an Đ of the same length, scored by the learned channel
    // (P(observed | form)) and the corpus's support for it, against keeping what was read. A
    // code's type slot with a digit in it was letters: it is not kept, but read as the likeliest
    // form within two unknown confusions.
    const score = channel.scorer(part.text.toLowerCase());
    let best: string | null = null;
    let bestScore = part.hasDigits ? -Infinity : Math.log(support(part.text) + UNSEEN_KEEP);
    for (const { form } of table.markedOfLength(part.text.length)) {
      const confusion = score(form.toLowerCase());
      if (confusion < MIN_CONFUSION) continue;
      const s = confusion + Math.log(support(form));
      if (s > bestScore) [best, bestScore] = [form, s];
    }
    return best;
  }
  if (part.hasDigits) return null;
  // Stripped (or clean) text: among the forms with the same letters, the best supported.
  let best: string | null = null;
  let bestSupport = 0;
  for (const { form } of table.sameLetters(part.text)) {
    const s = support(form);
    if (s > bestSupport) [best, bestSupport] = [form, s];
  }
  if (best === null || best === part.text) return null;
  const own = support(part.text);
  return bestSupport > (condition === 'clean' ? CLEAN_DOMINANCE * (own + UNSEEN_KEEP) : own) ? best : null;
}
