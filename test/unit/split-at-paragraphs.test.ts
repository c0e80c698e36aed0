/** Bounded pieces of long texts (issue 21): nothing lost, nothing cut mid-word, ordinary texts whole. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_PIECE_CHARS, splitAtParagraphs } from '../../pipeline/split-at-paragraphs';
import { SAMPLES } from '../helpers/cli';

const sample = readFileSync(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');

describe('splitAtParagraphs', () => {
  it('leaves a text within the bound whole', () => {
    expect(splitAtParagraphs(sample)).toEqual([{ start: 0, text: sample }]);
    expect(sample.length).toBeLessThan(MAX_PIECE_CHARS);
  });

  it('cuts a long text after paragraph breaks into pieces within the bound that join back to it', () => {
    const text = `${sample}\n\n`.repeat(40);
    const pieces = splitAtParagraphs(text, 50_000);
    expect(pieces.length).toBeGreaterThan(text.length / 50_000);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(50_000);
      expect(text.slice(piece.start, piece.start + piece.text.length)).toBe(piece.text);
    }
    for (const piece of pieces.slice(0, -1)) expect(piece.text.endsWith('\n\n')).toBe(true);
  });

  it('falls back to line, sentence and word breaks, never cutting a word', () => {
    const words = 'một hai ba bốn năm '.repeat(5_000);
    const pieces = splitAtParagraphs(words, 1_000);
    expect(pieces.map((p) => p.text).join('')).toBe(words);
    for (const piece of pieces.slice(0, -1)) expect(piece.text.endsWith(' ')).toBe(true);
  });
});
