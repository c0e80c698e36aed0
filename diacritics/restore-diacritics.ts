/**
 * Restores diacritics with a noisy-channel decoder: candidates per syllable from the folded
 * index (and near misses for garbled OCR), scored by the trigram LM plus a channel term,
 * searched with a recombining beam. Numbers, codes, acronyms and punctuation stay as they are.
 */
import { isParagraphBreak, lmUnit } from './lm-units';
import type { DiacriticsModel } from './load-model';
import type { NgramModel } from './ngram-model';
import type { OcrChannel } from './ocr-channel';
import { OffsetMap, type ReplacedSegment } from './offset-map';
import { applyCase, canonicalSyllable, casePattern, fold, hasMarks, hasSyllableShape, type ToneStyle } from './syllable';
import { tokenize, type Token } from './tokenize';

export interface RestoreOptions {
  toneStyle?: ToneStyle;
  beamWidth?: number;
}

export interface Alternative {
  text: string;
  probability: number;
}

export interface RestoredSyllable {
  start: number;
  end: number;
  original: string;
  restored: string;
  confidence: number;
  alternatives: Alternative[];
}

export interface RestoreResult {
  text: string;
  syllables: RestoredSyllable[];
  changed: number;
  /** How far the input looked from clean Vietnamese: 0 clean .. 1 stripped or garbled. */
  garbleLevel: number;
  /** From offsets in `text` back to offsets in the (NFC) input. */
  offsets: OffsetMap;
}

interface Option {
  id: number; // LM unit id
  surface: string | null; // lowercase output text; null = keep the original token
  channel: number; // log P(observed | this option)
}

interface Slot {
  token: Token | null; // null: a paragraph restart
  options: Option[];
}

const MAX_OPTIONS = 12;
const EDIT_LOG_PENALTY = Math.log(0.04);
/**
 * The LM's <unk> stands for every word it does not know; one particular unknown token gets
 * only a share of that mass, or a garbled token ("dién") would beat every real syllable.
 */
const UNKNOWN_SHARE = Math.log(1 / 5000);

/** Share of syllable-like words that carry marks: clean Vietnamese is ~0.8, stripped text 0. */
function markedShare(tokens: Token[]): number {
  let words = 0;
  let marked = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.text.length < 2) continue;
    words++;
    if (hasMarks(t.text)) marked++;
  }
  return words === 0 ? 1 : marked / words;
}

function isAcronym(token: string, folded: string): boolean {
  return casePattern(token) === 'upper' && !hasSyllableShape(folded);
}

export function restoreDiacritics(input: string, model: DiacriticsModel, options: RestoreOptions = {}): RestoreResult {
  const text = input.normalize('NFC');
  const style = options.toneStyle ?? model.manifest.toneStyle;
  const beamWidth = options.beamWidth ?? 12;
  const { lm, candidates } = model;
  const tokens = tokenize(text);
  const share = markedShare(tokens);
  // Marks the observation carries are trusted in clean text and only hints in garbled text.
  const keep = Math.min(0.998, Math.max(0.25, (share - 0.15) / 0.55));
  const garbled = share > 0.02 && share < 0.6;
  const logKeep = Math.log(keep);
  const learned = garbled ? model.channel : null;
  const logSwap = Math.log((1 - keep) / 3);

  const slots: Slot[] = [];
  for (const token of tokens) {
    if (isParagraphBreak(token)) {
      slots.push({ token: null, options: [{ id: lm.startId, surface: null, channel: 0 }] });
      continue;
    }
    const unit = lmUnit(token, style);
    if (unit === null) continue;
    if (token.kind === 'mixed' && learned) {
      slots.push({ token, options: wordOptions(token, token.text.toLowerCase()) });
      continue;
    }
    if (token.kind !== 'word') {
      slots.push({ token, options: [{ id: lm.id(unit), surface: null, channel: 0 }] });
      continue;
    }
    slots.push({ token, options: wordOptions(token, unit) });
  }

  function wordOptions(token: Token, observed: string): Option[] {
    const folded = fold(token.text);
    if (isAcronym(token.text, folded)) return [{ id: lm.id(observed), surface: null, channel: 0 }];
    if (learned) return learnedOptions(token, observed, folded, learned);
    const marked = hasMarks(token.text);
    const out: Option[] = [];
    for (const id of candidates.exact(folded)) {
      const unit = lm.vocab[id]!;
      const channel = !marked ? 0 : unit === observed ? logKeep : logSwap;
      out.push({ id, surface: unit, channel });
    }
    const known = out.length > 0 && lm.has(observed);
    if (garbled && (!known || !hasSyllableShape(folded))) {
      for (const near of candidates.near(folded)) {
        out.push({ id: near.id, surface: lm.vocab[near.id]!, channel: near.edits * EDIT_LOG_PENALTY + logSwap });
      }
    }
    if (!out.some((o) => o.surface === observed)) {
      const unknown = !lm.has(observed);
      out.push({ id: lm.id(observed), surface: null, channel: garbled ? logSwap + (unknown ? UNKNOWN_SHARE : 0) : logKeep });
    }
    return mostPlausible(out);
  }

  /** Garbled OCR with a learned channel: P(observed | syllable) from real OCR confusions. */
  function learnedOptions(token: Token, observed: string, folded: string, ocr: OcrChannel): Option[] {
    const raw = token.text.toLowerCase();
    const ids = new Set<number>(candidates.exact(folded));
    if (!lm.has(observed) || !hasSyllableShape(folded) || token.kind === 'mixed') for (const near of candidates.near(folded)) ids.add(near.id);
    const out: Option[] = [...ids].map((id) => ({ id, surface: lm.vocab[id]!, channel: ocr.logProb(raw, lm.vocab[id]!) }));
    if (!out.some((o) => o.surface === observed)) {
      // Left as it is: a word the model does not know, printed and read correctly.
      const unknown = !lm.has(observed);
      out.push({ id: lm.id(observed), surface: null, channel: ocr.logProb(raw, raw) + (unknown ? UNKNOWN_SHARE : 0) });
    }
    return mostPlausible(out);
  }

  /** Keep the most plausible few: channel plus how common the syllable is. */
  function mostPlausible(options: Option[]): Option[] {
    return options
      .map((o) => ({ o, prior: o.channel + Math.log(lm.count(o.id) + 1) }))
      .sort((x, y) => y.prior - x.prior)
      .slice(0, MAX_OPTIONS)
      .map((x) => x.o);
  }

  // Each syllable's canonical spelling once per restoration: alternatives repeat the same few.
  const canonical = new Map<string, string>();
  const canon = (surface: string) => {
    let c = canonical.get(surface);
    if (c === undefined) {
      c = canonicalSyllable(surface, style);
      canonical.set(surface, c);
    }
    return c;
  };
  const choice = decode(slots, beamWidth, lm);
  const syllables: RestoredSyllable[] = [];
  let out = '';
  let cursor = 0;
  let changed = 0;
  const segments: ReplacedSegment[] = [];
  slots.forEach((slot, i) => {
    const token = slot.token;
    // Mixed tokens ("c6", "x3") are restored only with a learned OCR channel, which knows which
    // letters their digits stand for; a flat edit cost turns "x3" into "xi" as easily as "xã".
    if (!token || (token.kind !== 'word' && !(token.kind === 'mixed' && learned))) return;
    const chosen = slot.options[choice[i]!]!;
    const pattern = casePattern(token.text);
    const restoredLower = chosen.surface === null ? null : canon(chosen.surface);
    const restored = restoredLower === null ? token.text : applyCase(restoredLower, pattern);
    const posterior = localPosterior(slots, choice, i, lm);
    syllables.push({
      start: token.start,
      end: token.end,
      original: token.text,
      restored,
      confidence: posterior[choice[i]!] ?? 0,
      alternatives: slot.options
        .map((o, k) => ({ text: o.surface === null ? token.text : applyCase(canon(o.surface), pattern), probability: posterior[k] ?? 0 }))
        .sort((a, b) => b.probability - a.probability)
        .slice(0, 4),
    });
    out += text.slice(cursor, token.start);
    if (restored !== token.text) {
      changed++;
      if (restored.length !== token.text.length) {
        segments.push({ originalStart: token.start, originalEnd: token.end, restoredStart: out.length, restoredEnd: out.length + restored.length });
      }
    }
    out += restored;
    cursor = token.end;
  });
  out += text.slice(cursor);
  return { text: out, syllables, changed, garbleLevel: Math.max(0, Math.min(1, 1 - keep)), offsets: new OffsetMap(segments) };
}

interface Hyp {
  score: number;
  u: number;
  v: number;
  option: number;
  back: number;
}

function decode(slots: Slot[], beamWidth: number, lm: NgramModel): number[] {
  const V = lm.size;
  let beam: Hyp[] = [{ score: 0, u: lm.startId, v: lm.startId, option: -1, back: -1 }];
  const history: Hyp[][] = [];
  for (const slot of slots) {
    const next = new Map<number, Hyp>();
    beam.forEach((hyp, hi) => {
      slot.options.forEach((option, oi) => {
        const restart = slot.token === null;
        const score = hyp.score + option.channel + (restart ? 0 : lm.logProb(hyp.u, hyp.v, option.id));
        const u = restart ? lm.startId : hyp.v;
        const v = option.id;
        const key = u * V + v;
        const best = next.get(key);
        if (!best || best.score < score) next.set(key, { score, u, v, option: oi, back: hi });
      });
    });
    beam = [...next.values()].sort((a, b) => b.score - a.score).slice(0, beamWidth);
    history.push(beam);
  }
  const choice = new Array<number>(slots.length).fill(0);
  let index = 0;
  for (let i = slots.length - 1; i >= 0; i--) {
    const hyp = history[i]![index]!;
    choice[i] = hyp.option;
    index = hyp.back;
  }
  return choice;
}

/** Probability of each option at slot i given the chosen neighbours (two on each side). */
function localPosterior(slots: Slot[], choice: number[], i: number, lm: NgramModel): number[] {
  const unitAt = (k: number) => (k < 0 ? lm.startId : slots[k]!.options[choice[k]!]!.id);
  const u = unitAt(i - 2);
  const v = unitAt(i - 1);
  const n1 = i + 1 < slots.length ? unitAt(i + 1) : -1;
  const n2 = i + 2 < slots.length ? unitAt(i + 2) : -1;
  const scores = slots[i]!.options.map((o) => {
    let s = o.channel + lm.logProb(u, v, o.id);
    if (n1 >= 0) s += lm.logProb(v, o.id, n1);
    if (n2 >= 0) s += lm.logProb(o.id, n1, n2);
    return s;
  });
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

