/**
 * Builds a model folder from corpus files: counts syllable n-grams, estimates discounts,
 * prunes rare trigrams and writes model.bin with a manifest of sources and checksums.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../core/logger';
import { readCorpusLines } from '../corpus/read-corpus';
import { encodeModel } from './model-file';
import { MODEL_FORMAT, ModelManifest } from './model-manifest';
import { isParagraphBreak, lmUnit, SENTENCE_START, UNKNOWN } from './lm-units';
import { discountOf, type Discounts, type NgramArrays } from './ngram-model';
import type { DictionarySyllables } from '../corpus/read-dictionary';
import { canonicalSyllable, fold, hasSyllableShape, type ToneStyle } from './syllable';
import { AcronymCounter } from './learn-acronyms';
import { ACRONYMS_FILE_NAME } from './acronym-table';
import { scanTokens, type TokenStream } from './tokenize';

export interface CorpusSource {
  file: string;
  weight: number;
  licence: string | null;
}

export interface BuildModelOptions {
  sources: CorpusSource[];
  exclude: string[];
  outDir: string;
  name: string;
  version: string;
  toneStyle: ToneStyle;
  minCount: number;
  minBigramCount: number;
  minTrigramCount: number;
  /** A word list whose syllables join the vocabulary even when the corpus lacks them. */
  dictionary?: DictionarySyllables | null;
}

/**
 * Appends the word list's syllables the vocabulary lacks (in the model's tone style; only
 * entries shaped like a Vietnamese syllable). They have no counts: the language model gives
 * them the smallest probability, which is still more than an unknown word gets.
 */
function addDictionarySyllables(vocab: string[], syllables: string[], style: ToneStyle): number {
  const present = new Set(vocab);
  let added = 0;
  for (const syllable of syllables) {
    const unit = canonicalSyllable(syllable, style);
    if (present.has(unit) || !hasSyllableShape(fold(unit))) continue;
    present.add(unit);
    vocab.push(unit);
    added++;
  }
  return added;
}

/**
 * A word enters the vocabulary when it is common enough; words that cannot be Vietnamese
 * syllables (foreign words, names, leftovers of markup) must be common enough to matter,
 * or the vocabulary fills with one-off tokens that only the <unk> class needs to cover.
 */
const MIN_COUNT_NOT_SYLLABLE = 20;
function keepInVocabulary(unit: string, count: number, minCount: number): boolean {
  if (count < minCount) return false;
  if (!/^[\p{L}\p{M}]+$/u.test(unit)) return true;
  return hasSyllableShape(fold(unit)) || count >= MIN_COUNT_NOT_SYLLABLE;
}

export const MODEL_FILE_NAME = 'model.bin';
export const MANIFEST_FILE_NAME = 'manifest.json';

function unitsOfLine(tokens: TokenStream, style: ToneStyle): string[][] {
  const paragraphs: string[][] = [[]];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens.token(k);
    if (isParagraphBreak(token)) paragraphs.push([]);
    const unit = lmUnit(token, style);
    if (unit !== null) paragraphs[paragraphs.length - 1]!.push(unit);
  }
  return paragraphs.filter((p) => p.length > 0);
}

async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function readExcludedLines(files: string[]): Promise<{ lines: Set<string>; info: ModelManifest['excluded'] }> {
  const lines = new Set<string>();
  const info: ModelManifest['excluded'] = [];
  for (const file of files) {
    let count = 0;
    for await (const line of readCorpusLines(file)) {
      lines.add(line);
      count++;
    }
    info.push({ name: basename(file), sha256: await sha256File(file), lines: count });
  }
  return { lines, info };
}

/**
 * Modified Kneser-Ney discounts (Chen & Goodman) for counts of 1, 2 and 3+, from the counts of
 * counts; each is kept between 0.05 and the count it discounts.
 */
function discounts(counts: Iterable<number>): Discounts {
  const n = [0, 0, 0, 0, 0];
  for (const c of counts) if (c >= 1 && c <= 4) n[c]! += 1;
  const [, n1, n2, n3, n4] = n as [number, number, number, number, number];
  if (n1 === 0 || n2 === 0 || n3 === 0) return [0.5, 1, 1.5];
  const y = n1 / (n1 + 2 * n2);
  const clamp = (d: number, c: number) => Math.min(c, Math.max(0.05, d));
  return [clamp(1 - (2 * y * n2) / n1, 1), clamp(2 - (3 * y * n3) / n2, 2), clamp(3 - (4 * y * n4) / n3, 3)];
}

/**
 * Kneser-Ney's lower-order counts, from every bigram and trigram before pruning: how many
 * different words precede each word and each bigram (types, whatever the source weights).
 */
function continuationCounts(bigrams: Map<number, number>, trigrams: Map<number, number>, V: number) {
  const unigramContinuation = new Uint32Array(V);
  for (const key of bigrams.keys()) if (key !== 0) unigramContinuation[key % V]! += 1;
  const bigramContinuation = new Map<number, number>();
  for (const key of trigrams.keys()) {
    const vw = key % (V * V);
    bigramContinuation.set(vw, (bigramContinuation.get(vw) ?? 0) + 1);
  }
  return { unigramContinuation, bigramContinuation };
}

const sortedKeys = (map: Map<number, number>): Float64Array => Float64Array.from(map.keys()).sort();

function sortedEntries(map: Map<number, number>): [Float64Array, Uint32Array] {
  const keys = sortedKeys(map);
  const counts = new Uint32Array(keys.length);
  keys.forEach((k, i) => (counts[i] = map.get(k)!));
  return [keys, counts];
}

export async function buildModel(options: BuildModelOptions, logger: Logger): Promise<ModelManifest> {
  const style = options.toneStyle;
  const excluded = await readExcludedLines(options.exclude);

  // Lines per source, counted on the first pass for the manifest (before exclusions).
  const lineCounts: number[] = options.sources.map(() => 0);
  let firstPass = true;
  // Acronyms and code parts are counted on the first pass, once per occurrence whatever the weight.
  const acronyms = new AcronymCounter();
  async function* paragraphs(): AsyncGenerator<{ units: string[]; weight: number }> {
    for (const [index, source] of options.sources.entries()) {
      for await (const line of readCorpusLines(source.file)) {
        if (firstPass) lineCounts[index]! += 1;
        if (excluded.lines.has(line)) continue;
        const tokens = scanTokens(line);
        if (firstPass) acronyms.add(tokens);
        for (const units of unitsOfLine(tokens, style)) yield { units, weight: source.weight };
      }
    }
  }

  logger.info(`counting syllables in ${options.sources.length} source(s)`);
  const unitCounts = new Map<string, number>();
  for await (const { units, weight } of paragraphs()) {
    for (const u of units) unitCounts.set(u, (unitCounts.get(u) ?? 0) + weight);
  }
  firstPass = false;
  const vocab = [SENTENCE_START, UNKNOWN];
  const kept = [...unitCounts.entries()]
    .filter(([unit, c]) => keepInVocabulary(unit, c, options.minCount))
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  for (const [unit] of kept) vocab.push(unit);
  const dictionaryAdded = options.dictionary ? addDictionarySyllables(vocab, options.dictionary.syllables, style) : 0;
  if (options.dictionary) logger.info(`${dictionaryAdded} syllables from ${options.dictionary.source.name} that the corpus lacks`);
  const V = vocab.length;
  const ids = new Map(vocab.map((w, i) => [w, i]));

  logger.info(`vocabulary ${V}; counting bigrams and trigrams`);
  const unigramCounts = new Uint32Array(V);
  const bigrams = new Map<number, number>();
  const trigrams = new Map<number, number>();
  let trainingUnits = 0;
  const add = (map: Map<number, number>, key: number, w: number) => map.set(key, (map.get(key) ?? 0) + w);
  for await (const { units, weight } of paragraphs()) {
    let u = 0;
    let v = 0; // both <s>
    add(bigrams, 0, weight);
    for (const unit of units) {
      const w = ids.get(unit) ?? 1;
      unigramCounts[w]! += weight;
      add(bigrams, v * V + w, weight);
      add(trigrams, (u * V + v) * V + w, weight);
      u = v;
      v = w;
      trainingUnits++;
    }
  }

  const continuation = continuationCounts(bigrams, trigrams, V);
  const bigramContinuation = continuation.bigramContinuation;
  const levelDiscounts: [Discounts, Discounts] = [discounts(bigramContinuation.values()), discounts(trigrams.values())];
  const continuationTotal = new Uint32Array(V);
  const continuationBackoffMass = new Float32Array(V);
  for (const [vw, count] of bigramContinuation) {
    const v = Math.floor(vw / V);
    continuationTotal[v]! += count;
    continuationBackoffMass[v]! += discountOf(levelDiscounts[0], count);
  }

  // Follow statistics come from every n-gram; only then are rare ones pruned. A kept trigram's
  // context bigram is at least as frequent as the trigram, so it is never pruned.
  for (const [key, count] of bigrams) if (count < options.minBigramCount && key !== 0) bigrams.delete(key);
  const bigramKeys = sortedKeys(bigrams);
  const bigramIndex = new Map<number, number>();
  bigramKeys.forEach((key, i) => bigramIndex.set(key, i));
  const keptContinuation = Uint32Array.from(bigramKeys, (key) => bigramContinuation.get(key) ?? 0);
  const bigramFollowTotal = new Uint32Array(bigramKeys.length);
  const bigramBackoffMass = new Float32Array(bigramKeys.length);
  for (const [key, count] of trigrams) {
    const i = bigramIndex.get(Math.floor(key / V));
    if (i === undefined) continue;
    bigramFollowTotal[i]! += count;
    bigramBackoffMass[i]! += discountOf(levelDiscounts[1], count);
  }
  for (const [key, count] of trigrams) if (count < options.minTrigramCount) trigrams.delete(key);
  const [trigramKeys, trigramCounts] = sortedEntries(trigrams);

  const arrays: NgramArrays = {
    vocab,
    discounts: levelDiscounts,
    unigramCounts,
    unigramContinuation: continuation.unigramContinuation,
    continuationTotal,
    continuationBackoffMass,
    bigramKeys,
    bigramContinuation: keptContinuation,
    bigramFollowTotal,
    bigramBackoffMass,
    trigramKeys,
    trigramCounts,
  };
  const bytes = encodeModel(arrays);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(join(options.outDir, MODEL_FILE_NAME), bytes);

  const acronymBytes = Buffer.from(JSON.stringify(acronyms.table()) + '\n', 'utf8');
  await writeFile(join(options.outDir, ACRONYMS_FILE_NAME), acronymBytes);

  const sources = [];
  for (const [index, source] of options.sources.entries()) {
    const lines = lineCounts[index]!;
    sources.push({
      name: basename(source.file),
      sha256: await sha256File(source.file),
      bytes: (await stat(source.file)).size,
      lines,
      weight: source.weight,
      licence: source.licence,
    });
  }
  const manifest = ModelManifest.parse({
    format: MODEL_FORMAT,
    name: options.name,
    version: options.version,
    createdAt: new Date().toISOString(),
    toneStyle: style,
    sources,
    excluded: excluded.info,
    options: { minCount: options.minCount, minBigramCount: options.minBigramCount, minTrigramCount: options.minTrigramCount },
    sizes: { vocab: V, bigrams: bigramKeys.length, trigrams: trigramKeys.length, trainingUnits },
    file: { name: MODEL_FILE_NAME, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
    metrics: null,
    dictionary: options.dictionary ? { ...options.dictionary.source, added: dictionaryAdded } : null,
    acronyms: {
      name: ACRONYMS_FILE_NAME,
      sha256: createHash('sha256').update(acronymBytes).digest('hex'),
      bytes: acronymBytes.length,
      forms: Object.keys(acronyms.table().forms).length,
    },
  });
  await writeFile(join(options.outDir, MANIFEST_FILE_NAME), JSON.stringify(manifest, null, 2) + '\n');
  logger.info(`wrote ${options.outDir}: ${V} syllables, ${bigramKeys.length} bigrams, ${trigramKeys.length} trigrams, ${bytes.length} bytes`);
  return manifest;
}
