/**
 * Why a page's OCR text differs from its transcription, split by cause: lines read that the page
 * does not have (stamps, handwriting, rules read as words), lines of the page never read, lines
 * read out of order (columns interleaved), and characters misread in lines that are there.
 *
 * Each OCR line is placed where it fits best in the transcription (an alignment free to start and
 * end anywhere in it); a line that fits nowhere is extra. The edits are then attributed step by
 * step, so the causes add up to the page's edit distance: dropping the extra lines, then putting
 * the rest in the transcription's order, then what the placed lines still miss of the text
 * (missing lines) beside their own misreadings (characters).
 */
import { levenshtein, normalizeWhitespace } from '../core/text-metrics';

/** A line fits where it needs at most this share of its length in edits. */
const MAX_LINE_ERROR = 0.4;
/** Shorter lines fit almost anywhere by chance: they must be read exactly to count as placed. */
const SHORT_LINE = 6;

export interface PlacedLine {
  text: string;
  /** Where it fits in the normalised transcription (character offsets), null when it fits nowhere. */
  start: number | null;
  end: number | null;
  edits: number;
}

export interface ReadingErrors {
  referenceChars: number;
  /** Edits between the whole reading and the transcription (whitespace runs as one space). */
  total: number;
  extraLines: number;
  order: number;
  missingLines: number;
  characters: number;
  placed: PlacedLine[];
  /** Each non-blank transcription line with the share of its characters some OCR line covers. */
  referenceLines: Array<{ text: string; covered: number }>;
}

/**
 * Where `line` fits best inside `reference`: free start and end, edit distance to that stretch.
 * Documents repeat phrases ("Điều 1 của Thông tư số ..."): among the fits as good as the best
 * (within a few edits), the one starting nearest `near` is taken, where the line before ended.
 */
export function placeLine(line: readonly string[], reference: readonly string[], near = 0): { start: number; end: number; edits: number } {
  const n = reference.length;
  let previous = new Int32Array(n + 1);
  let previousStart = Int32Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= line.length; i++) {
    const current = new Int32Array(n + 1);
    const currentStart = new Int32Array(n + 1);
    current[0] = i;
    currentStart[0] = 0;
    for (let j = 1; j <= n; j++) {
      const diagonal = previous[j - 1]! + (line[i - 1] === reference[j - 1] ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (diagonal <= up && diagonal <= left) {
        current[j] = diagonal;
        currentStart[j] = previousStart[j - 1]!;
      } else if (up <= left) {
        current[j] = up;
        currentStart[j] = previousStart[j]!;
      } else {
        current[j] = left;
        currentStart[j] = currentStart[j - 1]!;
      }
    }
    previous = current;
    previousStart = currentStart;
  }
  let best = 0;
  for (let j = 1; j <= n; j++) if (previous[j]! < previous[best]!) best = j;
  const tolerance = previous[best]! + Math.max(1, Math.floor(line.length * 0.05));
  let end = best;
  for (let j = 0; j <= n; j++) {
    if (previous[j]! > tolerance) continue;
    const distance = Math.abs(previousStart[j]! - near);
    const bestDistance = Math.abs(previousStart[end]! - near);
    if (distance < bestDistance || (distance === bestDistance && previous[j]! < previous[end]!)) end = j;
  }
  return { start: previousStart[end]!, end, edits: previous[end]! };
}

const chars = (text: string) => Array.from(text);
const joined = (lines: readonly PlacedLine[]) => chars(lines.map((l) => l.text).join(' '));

/** `ocrLines` in the order the reading gives them; `transcription` with one line per line or paragraph. */
export function attributeReadingErrors(ocrLines: readonly string[], transcription: string): ReadingErrors {
  const referenceTexts = transcription.split('\n').map(normalizeWhitespace).filter(Boolean);
  const referenceText = referenceTexts.join(' ');
  const reference = chars(referenceText);
  let near = 0;
  const placed: PlacedLine[] = ocrLines
    .map(normalizeWhitespace)
    .filter(Boolean)
    .map((text) => {
      const line = chars(text);
      const fit = placeLine(line, reference, near);
      const fits = line.length < SHORT_LINE ? fit.edits === 0 : fit.edits <= MAX_LINE_ERROR * line.length;
      if (!fits) return { text, start: null, end: null, edits: line.length };
      near = fit.end + 1;
      return { text, start: fit.start, end: fit.end, edits: fit.edits };
    });
  const total = levenshtein(joined(placed), reference);
  const kept = placed.filter((l) => l.start !== null);
  const withoutExtra = levenshtein(joined(kept), reference);
  const inOrder = [...kept].sort((a, b) => a.start! - b.start! || a.end! - b.end!);
  const ordered = levenshtein(joined(inOrder), reference);
  const characters = Math.min(ordered, kept.reduce((s, l) => s + l.edits, 0));
  const covered = new Uint8Array(reference.length);
  for (const line of kept) covered.fill(1, line.start!, line.end!);
  const referenceLines: ReadingErrors['referenceLines'] = [];
  let offset = 0;
  for (const text of referenceTexts) {
    const length = chars(text).length;
    let hit = 0;
    for (let k = offset; k < offset + length; k++) hit += covered[k]!;
    referenceLines.push({ text, covered: hit / length });
    offset += length + 1;
  }
  return {
    referenceChars: reference.length,
    total,
    extraLines: total - withoutExtra,
    order: withoutExtra - ordered,
    missingLines: ordered - characters,
    characters,
    placed,
    referenceLines,
  };
}
