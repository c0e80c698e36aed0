/**
 * Vietnamese syllable handling: folding to a mark-free key, tone extraction, and placing the
 * tone mark in one canonical style ("old": hòa, thủy; "new": hoà, thuỷ).
 */

export type ToneStyle = 'old' | 'new';

const TONE_MARKS: Record<string, number> = { '\u0300': 1, '\u0301': 2, '\u0309': 3, '\u0303': 4, '\u0323': 5 };
const TONE_BY_INDEX = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const QUALITY_MARKS = new Set(['\u0302', '\u0306', '\u031B']);
const PLAIN_VOWELS = 'aeiouy';

export { fold, hasMarks } from '../core/fold';

/** One letter as base letter (NFC, with quality mark) plus its tone index (0 = level). */
function splitLetter(letter: string): { base: string; tone: number } {
  let tone = 0;
  let base = '';
  for (const ch of letter.normalize('NFD')) {
    const t = TONE_MARKS[ch];
    if (t !== undefined) tone = t;
    else base += ch;
  }
  return { base: base.normalize('NFC'), tone };
}

function isVowelBase(base: string): boolean {
  const plain = base.normalize('NFD')[0]?.toLowerCase() ?? '';
  return PLAIN_VOWELS.includes(plain);
}

function hasQualityMark(base: string): boolean {
  for (const ch of base.normalize('NFD')) if (QUALITY_MARKS.has(ch)) return true;
  return false;
}

/**
 * Where the tone mark belongs in a syllable whose letters are given without tone.
 * Returns the index into `letters`, or -1 when the syllable has no vowel.
 */
function toneSlot(letters: string[], style: ToneStyle): number {
  const lower = letters.map((l) => l.toLowerCase());
  let start = lower.findIndex((l) => isVowelBase(l));
  if (start < 0) return -1;
  // "qu" and "gi" (before another vowel) are onsets: their u / i carries no tone.
  if (start > 0 && lower[start - 1] === 'q' && lower[start] === 'u') start++;
  else if (start > 0 && lower[start - 1] === 'g' && lower[start] === 'i' && isVowelBase(lower[start + 1] ?? '')) start++;
  if (start >= letters.length || !isVowelBase(lower[start] ?? '')) {
    // "gi" alone ("gì") or "qu" with nothing after: the i / u is the nucleus after all.
    start = lower.findIndex((l) => isVowelBase(l));
  }
  let end = start;
  while (end + 1 < letters.length && isVowelBase(lower[end + 1] ?? '')) end++;
  const nucleus = lower.slice(start, end + 1);
  // A vowel with a quality mark takes the tone; in "ươ" the ơ does.
  for (let i = nucleus.length - 1; i >= 0; i--) if (hasQualityMark(nucleus[i] ?? '')) return start + i;
  const closed = end + 1 < letters.length;
  if (nucleus.length === 1) return start;
  if (closed) return end;
  if (nucleus.length >= 3) return start + 1;
  const pair = nucleus.join('');
  if (style === 'new' && (pair === 'oa' || pair === 'oe' || pair === 'uy')) return end;
  return start;
}

/** Split a syllable into its tone-free letters and tone index. */
export function splitTone(syllable: string): { letters: string[]; tone: number } {
  let tone = 0;
  const letters: string[] = [];
  for (const letter of Array.from(syllable.normalize('NFC'))) {
    const part = splitLetter(letter);
    if (part.tone) tone = part.tone;
    letters.push(part.base);
  }
  return { letters, tone };
}

/** NFC, with the tone mark placed in the given style; case is kept. Non-syllables pass through. */
export function canonicalSyllable(syllable: string, style: ToneStyle = 'old'): string {
  const { letters, tone } = splitTone(syllable);
  if (tone === 0) return letters.join('');
  const slot = toneSlot(letters, style);
  if (slot < 0) return syllable.normalize('NFC');
  const out = letters.slice();
  out[slot] = ((out[slot] ?? '') + TONE_BY_INDEX[tone]).normalize('NFC');
  return out.join('');
}

export type CasePattern = 'lower' | 'title' | 'upper';

export function casePattern(token: string): CasePattern {
  const letters = Array.from(token).filter((c) => c.toLowerCase() !== c.toUpperCase());
  if (letters.length === 0) return 'lower';
  const upper = letters.filter((c) => c === c.toUpperCase()).length;
  if (upper === letters.length && letters.length > 1) return 'upper';
  if (letters[0] === letters[0]?.toUpperCase()) return 'title';
  return 'lower';
}

export function applyCase(lower: string, pattern: CasePattern): string {
  if (pattern === 'upper') return lower.toUpperCase();
  if (pattern === 'title') return lower.charAt(0).toUpperCase() + lower.slice(1);
  return lower;
}

// Onsets, nuclei (folded) and codas of Vietnamese syllables: used to tell a garbled syllable
// ("mirc") from an acronym or code ("UBND", "TTHC") that must pass through.
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?';
const NUCLEUS =
  '(?:uye|uya|uyu|uoi|uou|oai|oay|oeo|ieu|yeu|uay|uau|uai|uoi|ia|ie|ye|ua|uo|ai|ao|au|ay|eo|eu|oa|oe|oi|oo|ui|uy|iu|ue|ou|a|e|i|o|u|y)';
const CODA = '(?:ng|nh|ch|c|m|n|p|t|i|o|u|y)?';
const SYLLABLE_SHAPE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);

/** Could this folded string be a Vietnamese syllable? */
export function hasSyllableShape(folded: string): boolean {
  return SYLLABLE_SHAPE.test(folded);
}
