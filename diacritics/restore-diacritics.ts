/**
 * Restores diacritics with a noisy-channel decoder: candidates per syllable from the folded
 * index (and near misses for garbled OCR), scored by the trigram LM plus a channel term,
 * searched by decodeLattice (Viterbi with a beam). Numbers, codes, acronyms and punctuation stay as they are.
 */
import { decodeLattice, type LatticeSlot } from './decode-lattice';
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
  /** Paths scoring this far (natural log) below the best one at a syllable are dropped. */
  margin?: number;
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

/** The options of one token, with their ids and channel scores laid out for the decoder. */
interface Choices {
  options: Option[];
  ids: number[];
  weight: number[];
  /** Each option as it will be printed (canonical tone placement, the token's case); made on first use. */
  spelled: string[] | null;
}

interface Slot extends LatticeSlot {
  token: Token | null; // null: a paragraph restart
  choices: Choices;
}

const choicesOf = (options: Option[]): Choices => ({ options, ids: options.map((o) => o.id), weight: options.map((o) => Math.exp(o.channel)), spelled: null });

const MAX_OPTIONS = 12;
/**
 * Where the text carries no garbling, an option a thousand times rarer in the corpus than the
 * likeliest one for the same token takes part only with overwhelming context; leaving it out
 * keeps the lattice small (measured on held-out text: no syllable lost, a few gained).
 */
const RARE_OPTION_SPAN = Math.log(1000);
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
  const decodeOptions = { beamWidth: options.beamWidth ?? 12, margin: options.margin ?? 10 };
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
  const restart = choicesOf([{ id: lm.startId, surface: null, channel: 0 }]);
  // Options depend only on the token's text within one restoration, and texts repeat a lot.
  const known = new Map<string, Choices>();
  const push = (token: Token | null, choices: Choices) => slots.push({ token, choices, ids: choices.ids, weight: choices.weight, restart: token === null });
  for (const token of tokens) {
    if (token.kind === 'space') {
      if (isParagraphBreak(token)) push(null, restart);
      continue;
    }
    const cacheKey = token.kind === 'word' || token.kind === 'mixed' ? token.text : `${token.kind}:${token.text}`;
    const cached = known.get(cacheKey);
    if (cached) {
      push(token, cached);
      continue;
    }
    const unit = lmUnit(token, style);
    if (unit === null) continue;
    let choices: Choices;
    if (token.kind === 'mixed' && learned) choices = choicesOf(wordOptions(token, token.text.toLowerCase()));
    else if (token.kind !== 'word') choices = choicesOf([{ id: lm.id(unit), surface: null, channel: 0 }]);
    else choices = choicesOf(wordOptions(token, unit));
    known.set(cacheKey, choices);
    push(token, choices);
  }

  /**
   * A word the corpus used. A syllable only the word list knows does not make a garbled token
   * trustworthy: OCR slips often land on rare real syllables ("bép" for "bếp"), so its
   * neighbours within two edits are still considered.
   */
  function seenInCorpus(unit: string): boolean {
    return lm.has(unit) && lm.count(lm.id(unit)) > 0;
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
    const known = out.length > 0 && seenInCorpus(observed);
    if (garbled && (!known || !hasSyllableShape(folded))) {
      for (const near of candidates.near(folded)) {
        out.push({ id: near.id, surface: lm.vocab[near.id]!, channel: near.edits * EDIT_LOG_PENALTY + logSwap });
      }
    }
    keepAsIs(out, observed, garbled ? logSwap : logKeep);
    return mostPlausible(out);
  }

  /** Garbled OCR with a learned channel: P(observed | syllable) from real OCR confusions. */
  function learnedOptions(token: Token, observed: string, folded: string, ocr: OcrChannel): Option[] {
    const raw = token.text.toLowerCase();
    const ids = new Set<number>(candidates.exact(folded));
    if (!seenInCorpus(observed) || !hasSyllableShape(folded) || token.kind === 'mixed') for (const near of candidates.near(folded)) ids.add(near.id);
    const out: Option[] = [...ids].map((id) => ({ id, surface: lm.vocab[id]!, channel: ocr.logProb(raw, lm.vocab[id]!) }));
    keepAsIs(out, observed, ocr.logProb(raw, raw));
    return mostPlausible(out);
  }

  /**
   * The token left as it is, unless a candidate already spells it: a word the model does not
   * know, written and read correctly. An unknown one gets only its share of the <unk> mass.
   */
  function keepAsIs(out: Option[], observed: string, channel: number): void {
    if (out.some((o) => o.surface === observed)) return;
    out.push({ id: lm.id(observed), surface: null, channel: channel + (lm.has(observed) ? 0 : UNKNOWN_SHARE) });
  }

  /** Keep the most plausible few: channel plus how common the syllable is. */
  function mostPlausible(options: Option[]): Option[] {
    const ranked = options.map((o) => ({ o, prior: o.channel + Math.log(lm.count(o.id) + 1) })).sort((x, y) => y.prior - x.prior);
    const floor = garbled ? -Infinity : ranked[0]!.prior - RARE_OPTION_SPAN;
    return ranked.filter((x) => x.prior >= floor).slice(0, MAX_OPTIONS).map((x) => x.o);
  }

  // Each syllable's canonical spelling once per restoration: the same few recur.
  const canonical = new Map<string, string>();
  const canon = (surface: string) => {
    let c = canonical.get(surface);
    if (c === undefined) {
      c = canonicalSyllable(surface, style);
      canonical.set(surface, c);
    }
    return c;
  };
  const spell = (choices: Choices, token: Token): string[] => {
    if (choices.spelled) return choices.spelled;
    const pattern = casePattern(token.text);
    choices.spelled = choices.options.map((o) => (o.surface === null ? token.text : applyCase(canon(o.surface), pattern)));
    return choices.spelled;
  };
  const choice = decodeLattice(slots, lm, decodeOptions);
  const syllables: RestoredSyllable[] = [];
  let out = '';
  let cursor = 0;
  let changed = 0;
  const segments: ReplacedSegment[] = [];
  const posterior = new Float64Array(MAX_OPTIONS);
  for (let i = 0; i < slots.length; i++) {
    const token = slots[i]!.token;
    // Mixed tokens ("c6", "x3") are restored only with a learned OCR channel, which knows which
    // letters their digits stand for; a flat edit cost turns "x3" into "xi" as easily as "xã".
    if (!token || (token.kind !== 'word' && !(token.kind === 'mixed' && learned))) continue;
    const spelled = spell(slots[i]!.choices, token);
    const picked = choice[i]!;
    const restored = spelled[picked]!;
    localPosterior(slots, choice, i, lm, posterior);
    syllables.push({
      start: token.start,
      end: token.end,
      original: token.text,
      restored,
      confidence: posterior[picked]!,
      alternatives: topAlternatives(spelled, posterior),
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
  }
  out += text.slice(cursor);
  return { text: out, syllables, changed, garbleLevel: Math.max(0, Math.min(1, 1 - keep)), offsets: new OffsetMap(segments) };
}

const MAX_ALTERNATIVES = 4;

/** The most probable few options, best first (ties: the earlier option). */
function topAlternatives(spelled: string[], posterior: Float64Array): Alternative[] {
  const count = spelled.length;
  if (count === 1) return [{ text: spelled[0]!, probability: posterior[0]! }];
  const out: Alternative[] = [];
  let taken = 0; // bit k: option k already listed (at most MAX_OPTIONS = 12 options)
  for (let n = 0; n < count && n < MAX_ALTERNATIVES; n++) {
    let best = -1;
    for (let k = 0; k < count; k++) if ((taken & (1 << k)) === 0 && (best < 0 || posterior[k]! > posterior[best]!)) best = k;
    taken |= 1 << best;
    out.push({ text: spelled[best]!, probability: posterior[best]! });
  }
  return out;
}

/**
 * Probability of each option at slot i given the chosen neighbours (two on each side), written
 * into `out` (one scratch array for the whole restoration: this runs once per syllable).
 */
function localPosterior(slots: Slot[], choice: Int32Array, i: number, lm: NgramModel, out: Float64Array): void {
  const slot = slots[i]!;
  const ids = slot.ids;
  if (ids.length === 1) {
    out[0] = 1;
    return;
  }
  const unitAt = (k: number) => (k < 0 ? lm.startId : slots[k]!.ids[choice[k]!]!);
  const u = unitAt(i - 2);
  const v = unitAt(i - 1);
  const n1 = i + 1 < slots.length ? unitAt(i + 1) : -1;
  const n2 = i + 2 < slots.length ? unitAt(i + 2) : -1;
  // Lookups that do not depend on the option are made once.
  const uv = lm.bigramIndex(u, v);
  const n1n2 = n2 >= 0 ? lm.bigramIndex(n1, n2) : -1;
  const n2GivenN1 = n2 >= 0 ? lm.bigramProb(n1, n2, n1n2) : 0;
  let sum = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = ids[k]!;
    const vw = lm.bigramIndex(v, w);
    let p = slot.weight[k]! * lm.trigramProb(uv, w, lm.bigramProb(v, w, vw));
    if (n1 >= 0) {
      const wn1 = lm.bigramIndex(w, n1);
      p *= lm.trigramProb(vw, n1, lm.bigramProb(w, n1, wn1));
      if (n2 >= 0) p *= lm.trigramProb(wn1, n2, n2GivenN1);
    }
    out[k] = p;
    sum += p;
  }
  for (let k = 0; k < ids.length; k++) out[k] = sum > 0 ? out[k]! / sum : 1 / ids.length;
}
