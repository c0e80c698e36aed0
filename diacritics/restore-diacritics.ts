/**
 * Restores diacritics with a noisy-channel decoder: candidates per syllable from the folded
 * index (and near misses for garbled OCR), scored by the trigram LM plus a channel term,
 * searched by decodeLattice (Viterbi with a beam). Numbers, codes, acronyms and punctuation stay as they are,
 * but for the Đ of acronyms and codes (restoreAcronyms).
 */
import { decodeLattice, type LatticeSlot } from './decode-lattice';
import { optionPosterior, topAlternatives, type Alternative } from './explain-syllable';
import { breaksParagraph, lmUnit } from './lm-units';
import type { DiacriticsModel } from './load-model';
import type { OcrChannel } from './ocr-channel';
import { OffsetMap, type ReplacedSegment } from './offset-map';
import { applyCase, canonicalSyllable, casePattern, fold, hasMarks, hasSyllableShape, type ToneStyle } from './syllable';
import { KIND_CODE, scanTokens, type Token, type TokenStream } from './tokenize';
import { detectToneStyle } from './detect-tone-style';
import { restoreAcronyms, type AcronymEdit, type TextCondition } from './restore-acronyms';
import { DOCUMENT_MEMORY, recallDocument, type DocumentMemoryOptions } from './document-memory';

export type { Alternative } from './explain-syllable';

/** A tone-placement style, or `document`: the one the text itself writes (the default). */
export type ToneStyleChoice = ToneStyle | 'document';

export interface RestoreOptions {
  /**
   * Where restored syllables put the tone on oa, oe, uy. `document` (the default) follows the
   * majority of the text's own marked syllables; the model's style when they do not tell.
   */
  toneStyle?: ToneStyleChoice;
  beamWidth?: number;
  /** Paths scoring this far (natural log) below the best one at a syllable are dropped. */
  margin?: number;
  /**
   * OCR's confidence in the words of the input, by offset (sorted, not overlapping): a word OCR
   * was unsure of is more readily given other marks. Ignored if NFC normalization moved offsets.
   */
  wordConfidence?: readonly WordConfidence[];
  /** A word restored one way elsewhere in the text counts for its other occurrences; false: off. */
  documentMemory?: DocumentMemoryOptions | false;
}

export interface WordConfidence {
  start: number;
  end: number;
  /** 0-100, as Tesseract gives it. */
  confidence: number;
}

/** One syllable as read and as restored, with how sure the model is and what else it could be. */
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
  /** Syllables the decoder read: the words, and in garbled OCR the mixed tokens ("c6"). */
  syllableCount: number;
  changed: number;
  /** How far the input looked from clean Vietnamese: 0 clean .. 1 stripped or garbled. */
  garbleLevel: number;
  /** From offsets in `text` back to offsets in the (NFC) input. */
  offsets: OffsetMap;
}

/** With `explain: true`: every syllable, with its confidence and top alternatives. */
export interface ExplainedRestoreResult extends RestoreResult {
  syllables: RestoredSyllable[];
}

interface Option {
  id: number; // LM unit id
  surface: string | null; // lowercase output text; null = keep the original token
  channel: number; // log P(observed | this option)
}

/** The options of one token text, laid out for the decoder; slots with the same text share one. */
interface Choices extends LatticeSlot {
  options: Option[];
  ids: number[];
  weight: number[];
  /** Each option as it will be printed (canonical tone placement, the token's case); made on first use. */
  spelled: string[] | null;
  /** Per option: printed exactly as the token was written. */
  unchanged: boolean[] | null;
  /** The word's unmarked lowercase letters, which the document memory files it under; null for other tokens. */
  memoryKey: string | null;
}

const choicesOf = (options: Option[], restart = false, memoryKey: string | null = null): Choices => ({
  options,
  memoryKey,
  ids: options.map((o) => o.id),
  weight: options.map((o) => Math.exp(o.channel)),
  restart,
  spelled: null,
  unchanged: null,
});

const WORD = KIND_CODE.word;
const MIXED = KIND_CODE.mixed;
const SPACE = KIND_CODE.space;

const MAX_OPTIONS = 12;
/**
 * Where the text carries no garbling, an option a thousand times rarer in the corpus than the
 * likeliest one for the same token takes part only with overwhelming context; leaving it out
 * keeps the lattice small (measured on held-out text: no syllable lost, a few gained).
 */
const RARE_OPTION_SPAN = Math.log(1000);
const EDIT_LOG_PENALTY = Math.log(0.04);
/** Near misses of a garbled token scored through the learned OCR channel, at most. */
const NEAR_SCORED = 200;
/** OCR word confidences are taken in steps of this many points (choices are shared within a step). */
const CONFIDENCE_STEP = 5;
/** However unsure OCR was, its reading keeps at least this share of trust. */
const MIN_WORD_KEEP = 0.5;

/** log P(the observed marks are the real ones) and log P(one particular other reading). */
interface Trust {
  logKeep: number;
  logSwap: number;
  /**
   * Whether a word read without marks was read that way (vie OCR with its confidence), rather
   * than possibly having lost them (plain text, where an unmarked word may be stripped).
   */
  unmarkedWasRead: boolean;
}

/**
 * The LM's <unk> stands for every word it does not know; one particular unknown token gets
 * only a share of that mass, or a garbled token ("dién") would beat every real syllable.
 */
const UNKNOWN_SHARE = Math.log(1 / 5000);

/** Share of syllable-like words that carry marks: clean Vietnamese is ~0.8, stripped text 0. */
function markedShare(tokens: TokenStream): number {
  let words = 0;
  let marked = 0;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens.kinds[k] !== WORD || tokens.ends[k]! - tokens.starts[k]! < 2) continue;
    words++;
    if (hasMarks(tokens.tokenText(k))) marked++;
  }
  return words === 0 ? 1 : marked / words;
}

function isAcronym(token: string, folded: string): boolean {
  return casePattern(token) === 'upper' && !hasSyllableShape(folded);
}

/** "iPhone", "iPad", "eKYC": a capital after the first letter of a word not all in capitals is a name written that way. */
function isMixedCase(token: string): boolean {
  return casePattern(token) !== 'upper' && /\p{Lu}/u.test(token.slice(1));
}

export function restoreDiacritics(input: string, model: DiacriticsModel, options: RestoreOptions & { explain: true }): ExplainedRestoreResult;
export function restoreDiacritics(input: string, model: DiacriticsModel, options?: RestoreOptions & { explain?: false }): RestoreResult;
export function restoreDiacritics(input: string, model: DiacriticsModel, options: RestoreOptions & { explain?: boolean } = {}): RestoreResult {
  const text = input.normalize('NFC');
  // The language model's units are in the model's style; only the output follows the text's.
  const style = model.manifest.toneStyle;
  const chosen = options.toneStyle ?? 'document';
  const tokens = scanTokens(text);
  const outputStyle = chosen === 'document' ? (detectToneStyle(tokens) ?? style) : chosen;
  const decodeOptions = { beamWidth: options.beamWidth ?? 12, margin: options.margin ?? 10 };
  const { lm, candidates } = model;
  const share = markedShare(tokens);
  // Marks the observation carries are trusted in clean text and only hints in garbled text.
  const keep = Math.min(0.998, Math.max(0.25, (share - 0.15) / 0.55));
  const garbled = share > 0.02 && share < 0.6;
  const learned = garbled ? model.channel : null;
  const condition: TextCondition = share >= 0.6 ? 'clean' : garbled ? 'garbled' : 'stripped';
  const acronymEdits = model.acronyms ? restoreAcronyms(tokens, model.acronyms, condition, learned) : [];
  /** A word acronym's restored form ("HĐND" for "HDND"), which the language model reads in its place. */
  const acronymOf = new Map<string, string>();
  for (const edit of acronymEdits) if (tokens.kinds[edit.token] === WORD) acronymOf.set(tokens.tokenText(edit.token), edit.text);
  const trust: Trust = { logKeep: Math.log(keep), logSwap: Math.log((1 - keep) / 3), unmarkedWasRead: false };
  const confidences = options.wordConfidence && text === input ? options.wordConfidence : [];
  let nextConfidence = 0;
  /** The confidence step of the OCR word holding text[start, end), or -1. */
  const confidenceStepAt = (start: number, end: number): number => {
    while (nextConfidence < confidences.length && confidences[nextConfidence]!.end <= start) nextConfidence++;
    const word = confidences[nextConfidence];
    return word && word.start <= start && end <= word.end ? Math.floor(word.confidence / CONFIDENCE_STEP) : -1;
  };

  // The lattice: per slot its choices and the token it reads (-1: a paragraph restart).
  const slots: Choices[] = [];
  const slotToken: number[] = [];
  const restart = choicesOf([{ id: lm.startId, surface: null, channel: 0 }], true);
  // Options depend only on the token's text within one restoration, and texts repeat a lot;
  // null marks a token the model does not see.
  const known = new Map<string, Choices | null>();
  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens.kinds[k]!;
    if (kind === SPACE) {
      if (breaksParagraph(text, tokens.starts[k]!, tokens.ends[k]!)) {
        slots.push(restart);
        slotToken.push(-1);
      }
      continue;
    }
    const tokenText = tokens.tokenText(k);
    // Outside garbled text a word's trust follows OCR's confidence in it, where OCR gave one.
    const step = kind === WORD && !garbled && confidences.length > 0 ? confidenceStepAt(tokens.starts[k]!, tokens.ends[k]!) : -1;
    const cacheKey = kind === WORD || kind === MIXED ? (step < 0 ? tokenText : `${step}|${tokenText}`) : `${kind}:${tokenText}`;
    let choices = known.get(cacheKey);
    if (choices === undefined) {
      choices = choicesFor(tokens.token(k), step);
      known.set(cacheKey, choices);
    }
    if (choices === null) continue;
    slots.push(choices);
    slotToken.push(k);
  }

  function choicesFor(token: Token, confidenceStep: number): Choices | null {
    const unit = lmUnit(token, style);
    if (unit === null) return null;
    if (token.kind === 'mixed' && learned) return choicesOf(wordOptions(token, token.text.toLowerCase(), trust));
    if (token.kind !== 'word') return choicesOf([{ id: lm.id(unit), surface: null, channel: 0 }]);
    return choicesOf(wordOptions(token, unit, confidenceStep < 0 ? trust : trustOfWord(confidenceStep)), false, fold(token.text).toLowerCase());
  }

  /**
   * How far a word's marks are trusted when OCR said how sure it was: Tesseract's vie confidence
   * is close to the share of words read right, at the top of each step (measured on degraded
   * scans of held-out text: 99.5 % right at 95-100, 94.9 % at 90-95, 87.6 % at 85-90).
   */
  function trustOfWord(confidenceStep: number): Trust {
    const wordKeep = Math.min(keep, Math.max(MIN_WORD_KEEP, ((confidenceStep + 1) * CONFIDENCE_STEP) / 100));
    return { logKeep: Math.log(wordKeep), logSwap: Math.log((1 - wordKeep) / 3), unmarkedWasRead: true };
  }

  /**
   * A word the corpus used. A syllable only the word list knows is no sign that a garbled token
   * was read right: OCR slips often land on rare real syllables ("bép" for "bếp").
   */
  function seenInCorpus(unit: string): boolean {
    return lm.has(unit) && lm.count(lm.id(unit)) > 0;
  }

  function wordOptions(token: Token, observed: string, { logKeep, logSwap, unmarkedWasRead }: Trust): Option[] {
    const folded = fold(token.text);
    if (isMixedCase(token.text)) return [{ id: lm.id(observed), surface: null, channel: 0 }];
    if (isAcronym(token.text, folded)) return [{ id: lm.id(acronymOf.get(token.text)?.toLowerCase() ?? observed), surface: null, channel: 0 }];
    if (learned) return learnedOptions(token, observed, folded, learned);
    const marked = hasMarks(token.text);
    const out: Option[] = [];
    for (const id of candidates.exact(folded)) {
      const unit = lm.vocab[id]!;
      const channel = !marked && !unmarkedWasRead ? 0 : unit === observed ? logKeep : logSwap;
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

  /**
   * Garbled OCR with a learned channel: P(observed | syllable) from real OCR confusions. A token
   * that reads as a real syllable proves little: OCR slips land on other real syllables ("vin"
   * for "văn", "cic" for "các"), so its neighbours within two edits compete too. Not so for a
   * capitalised word the corpus knows: mostly a place or person name ("Chư Sê", "Đak Pơ"), which
   * a common word nearby would overwrite, so it keeps to the readings of its own letters.
   */
  function learnedOptions(token: Token, observed: string, folded: string, ocr: OcrChannel): Option[] {
    // As the model writes it (its tone placement): "hoà" in a new-style text is the model's "hòa".
    const raw = observed;
    const ids = new Set<number>(candidates.exact(folded));
    const likelyName = casePattern(token.text) === 'title' && seenInCorpus(observed) && hasSyllableShape(folded) && token.kind !== 'mixed';
    if (!likelyName) for (const id of likeliestNear(folded)) ids.add(id);
    const channel = ocr.scorer(raw);
    const out: Option[] = [...ids].map((id) => ({ id, surface: lm.vocab[id]!, channel: channel(lm.vocab[id]!) }));
    keepAsIs(out, observed, channel(raw));
    return mostPlausible(out);
  }

  /**
   * A short token has hundreds of syllables within two edits; scoring each through the OCR
   * channel is most of a garbled text's first restoration. The commonest and closest few are
   * scored (measured on seed 000 and on English-model OCR of held-out pages: the same accuracy
   * from 150 on, half the time).
   */
  function likeliestNear(folded: string): number[] {
    const near = candidates.near(folded);
    if (near.length <= NEAR_SCORED) return near.map((n) => n.id);
    return near
      .map((n) => ({ id: n.id, prior: Math.log(lm.count(n.id) + 1) + n.edits * EDIT_LOG_PENALTY }))
      .sort((x, y) => y.prior - x.prior)
      .slice(0, NEAR_SCORED)
      .map((n) => n.id);
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
      c = canonicalSyllable(surface, outputStyle);
      canonical.set(surface, c);
    }
    return c;
  };
  /** The choices' options as printed, and which print the token as written: once per choices object. */
  const spell = (choices: Choices, written: string): void => {
    const pattern = casePattern(written);
    const spelled = choices.options.map((o) => (o.surface === null ? written : applyCase(canon(o.surface), pattern)));
    choices.spelled = spelled;
    // A word the text already spells with these marks keeps its own tone placement: an official
    // name keeps "ỦY BAN" in a document that writes "hoà" elsewhere.
    const ownStyle = written.normalize('NFC').toLowerCase();
    choices.unchanged = spelled.map((s) => s === written || (s.length === written.length && canonicalSyllable(s.toLowerCase(), 'old') === canonicalSyllable(ownStyle, 'old') && s.toLowerCase() !== ownStyle && casePattern(s) === pattern));
  };

  const choice = decodeLattice(slots, lm, decodeOptions);
  const memory = options.documentMemory ?? DOCUMENT_MEMORY;
  if (memory) {
    const recalled = recallDocument(slots, slots.map((s) => s.memoryKey), choice, memory);
    if (recalled) {
      const second = decodeLattice(recalled.slots, lm, decodeOptions);
      for (let i = 0; i < slots.length; i++) if (recalled.reopened[i]) choice[i] = second[i]!;
    }
  }
  const explained: RestoredSyllable[] | null = options.explain ? [] : null;
  const posterior = explained ? new Float64Array(MAX_OPTIONS) : null;
  // The output is the input with changed syllables spliced in: unchanged stretches are copied whole.
  const pieces: string[] = [];
  let written = 0;
  let cursor = 0;
  let syllableCount = 0;
  let changed = 0;
  const segments: ReplacedSegment[] = [];
  /** Splices one replacement of text[start, end) into the output. */
  const replace = (start: number, end: number, restored: string) => {
    changed++;
    const before = text.slice(cursor, start);
    const restoredStart = written + before.length;
    pieces.push(before, restored);
    if (restored.length !== end - start) segments.push({ originalStart: start, originalEnd: end, restoredStart, restoredEnd: restoredStart + restored.length });
    written = restoredStart + restored.length;
    cursor = end;
  };
  // Acronym edits are spliced in order with the syllables' (they never overlap: other tokens).
  let nextAcronym = 0;
  const replaceAcronymsBefore = (offset: number) => {
    for (; nextAcronym < acronymEdits.length && acronymEdits[nextAcronym]!.start < offset; nextAcronym++) {
      const edit: AcronymEdit = acronymEdits[nextAcronym]!;
      replace(edit.start, edit.end, edit.text);
    }
  };
  for (let i = 0; i < slots.length; i++) {
    const k = slotToken[i]!;
    if (k < 0) continue;
    // Mixed tokens ("c6", "x3") are restored only with a learned OCR channel, which knows which
    // letters their digits stand for; a flat edit cost turns "x3" into "xi" as easily as "xã".
    const kind = tokens.kinds[k]!;
    if (kind !== WORD && !(kind === MIXED && learned)) continue;
    syllableCount++;
    const choices = slots[i]!;
    const start = tokens.starts[k]!;
    const end = tokens.ends[k]!;
    if (!choices.spelled) spell(choices, text.slice(start, end));
    const picked = choice[i]!;
    const spelled = choices.spelled!;
    if (explained && posterior) {
      optionPosterior(slots, choice, i, lm, posterior);
      const alternatives = topAlternatives(spelled, posterior);
      const original = text.slice(start, end);
      explained.push({ start, end, original, restored: acronymOf.get(original) ?? spelled[picked]!, confidence: posterior[picked]!, alternatives });
    }
    if (choices.unchanged![picked]) continue;
    replaceAcronymsBefore(start);
    replace(start, end, spelled[picked]!);
  }
  replaceAcronymsBefore(text.length);
  pieces.push(text.slice(cursor));
  const result: RestoreResult = { text: pieces.join(''), syllableCount, changed, garbleLevel: Math.max(0, Math.min(1, 1 - keep)), offsets: new OffsetMap(segments) };
  if (!explained) return result;
  const withSyllables: ExplainedRestoreResult = { ...result, syllables: explained };
  return withSyllables;
}
