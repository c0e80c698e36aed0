/**
 * Bounded pieces of a long text for the stages whose cost grows faster than their input:
 * each piece ends after a paragraph break where there is one, else after a line break, else
 * after a sentence, else after a word, so no word is cut. Joined in order, the pieces are the text.
 */
export interface TextPiece {
  /** Offset of the piece's first character in the whole text. */
  start: number;
  text: string;
}

/** Texts up to this many characters are never split, so every ordinary document is read whole. */
export const MAX_PIECE_CHARS = 128 * 1024;

const BREAKS = ['\n\n', '\n', '. ', ' '];

export function splitAtParagraphs(text: string, maxChars: number = MAX_PIECE_CHARS): TextPiece[] {
  if (text.length <= maxChars) return [{ start: 0, text }];
  const pieces: TextPiece[] = [];
  let start = 0;
  while (text.length - start > maxChars) {
    const limit = start + maxChars;
    let end = -1;
    for (const mark of BREAKS) {
      const at = text.lastIndexOf(mark, limit - mark.length);
      // A break in the first half would make pieces too small to matter; try a weaker one.
      if (at > start + maxChars / 2) {
        end = at + mark.length;
        break;
      }
    }
    if (end === -1) end = limit;
    pieces.push({ start, text: text.slice(start, end) });
    start = end;
  }
  pieces.push({ start, text: text.slice(start) });
  return pieces;
}
