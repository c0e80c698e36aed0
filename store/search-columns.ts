/**
 * What search reads: the filename and current text, lowercased (queries with marks) and folded
 * (queries without). Lowercasing happens here, not in SQL, because the embedded database's C
 * locale would leave "QUYẾT" as it is. Both keep the text's length, so a match's position
 * is a position in the text.
 */
import { fold } from '../core/fold';

export function searchHeader(filename: string): string {
  return `${filename}\n`;
}

export function searchColumns(filename: string, text: string): { search_text: string; search_folded: string } {
  const searched = (searchHeader(filename) + text).normalize('NFC');
  return { search_text: searched.toLowerCase(), search_folded: fold(searched) };
}
