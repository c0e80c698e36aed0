/**
 * OCR that lost most marks but kept some, garbling letters on the way ("mirc d6", "x3"): the share
 * of words with marks lies between clean text (most words) and stripped text (none).
 */
import { hasMarks } from '../core/fold';

export function looksGarbled(text: string): boolean {
  const words = text.match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return false;
  const share = words.filter((w) => hasMarks(w)).length / words.length;
  return share > 0.02 && share < 0.6;
}
