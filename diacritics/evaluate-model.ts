/**
 * Honest evaluation of diacritic restoration: every figure comes from a model that never saw
 * the text it is scored on. Held-out documents are left out of the build (leave-out), and
 * a garbled OCR text is scored against its clean truth with the shipped model only when the
 * model's manifest shows the truth was not among its sources.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ModelError } from '../core/errors';
import type { Logger } from '../core/logger';
import { readCorpusLines } from '../corpus/read-corpus';
import { degradePage } from '../corpus/degrade-page';
import { rawPageToPng, renderTextPage, wrapText } from '../corpus/render-text-page';
import { buildModel, type BuildModelOptions, type CorpusSource } from './build-model';
import { loadModel, type DiacriticsModel } from './load-model';
import { restoreDiacritics, type WordConfidence } from './restore-diacritics';
import { fold } from './syllable';
import { alignSyllables, syllableAccuracy, syllablesOf, type AccuracyReport } from './syllable-accuracy';

export interface EvaluationCase {
  name: string;
  kind: 'garbled-ocr' | 'stripped' | 'synthetic' | 'vie-ocr';
  /** The kind of text a held-out set is (legal, administrative, news, ...), when it was named. */
  register?: string;
  trainedWithout: string[];
  report: AccuracyReport;
  syllablesPerSecond: number;
  /** vie OCR: of the syllables OCR read right, the share restoration changed (target: at most 0.1 %). */
  rightChanged?: number;
}

/** What the pipeline's OCR gives for a page: its text and each word's confidence by offset. */
export interface ScanReading {
  text: string;
  wordConfidence: WordConfidence[];
}

export interface EvaluationPlan {
  /** The model to score garbled OCR with (its manifest must not list the truth file). */
  modelDir: string;
  garbled: Array<{ input: string; truth: string }>;
  /**
   * Held-out texts (which the model's manifest must list as excluded) rendered to pages and read
   * back by an OCR engine that does not know Vietnamese; the engine is passed in.
   */
  synthetic?: { files: string[]; pages: number; read: (png: Buffer) => Promise<string> };
  /**
   * Held-out texts (excluded from the model) rendered, degraded like a poor scan and read by the
   * pipeline's own OCR (vie): restored from the text alone and with OCR's word confidences.
   */
  scanned?: { files: string[]; pages: number; read: (jpeg: Buffer) => Promise<ScanReading> };
  /** Corpus the leave-one-out models are built from. */
  sources: CorpusSource[];
  /** Documents scored as stripped text by a model built without any of the held-out texts. */
  heldOutDocuments: Array<{ file: string; register?: string }>;
  /** Every Nth line of these corpus files is held out (and stripped) as one more test set. */
  heldOutSlices: Array<{ file: string; every: number; maxLines: number; register?: string }>;
  buildOptions: Pick<BuildModelOptions, 'toneStyle' | 'minCount' | 'minBigramCount' | 'minTrigramCount' | 'dictionary'>;
}

function score(name: string, kind: EvaluationCase['kind'], input: string, truth: string, model: DiacriticsModel, trainedWithout: string[]): EvaluationCase {
  const started = process.hrtime.bigint();
  const restored = restoreDiacritics(input, model).text;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const report = syllableAccuracy(restored, truth);
  return { name, kind, trainedWithout, report, syllablesPerSecond: report.referenceSyllables / Math.max(seconds, 1e-9) };
}

/** Of the syllables the input has right, the share the restored text has wrong (restoration replaces words in place). */
function rightChanged(input: string, restored: string, truth: string): number {
  const read = syllablesOf(input);
  const written = syllablesOf(restored);
  const reference = syllablesOf(truth);
  if (read.length !== written.length) throw new Error('restoration changed the number of words');
  let right = 0;
  let changed = 0;
  for (const [i, j] of alignSyllables(read, reference)) {
    if (read[i] !== reference[j]) continue;
    right++;
    if (written[i] !== reference[j]) changed++;
  }
  return right === 0 ? 0 : changed / right;
}

/**
 * Each held-out text as pages to render (lines of at most 64 characters, 36 to a page), once
 * the model's manifest shows it was built without the text.
 */
async function heldOutPages(model: DiacriticsModel, modelDir: string, files: string[], pages: number): Promise<Array<{ name: string; pages: string[][] }>> {
  const out: Array<{ name: string; pages: string[][] }> = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (!model.manifest.excluded.some((e) => e.sha256 === hash)) {
      throw new ModelError(`${modelDir} was not built without ${basename(file)}: use a held-out text the manifest lists as excluded`);
    }
    const lines = bytes.toString('utf8').split('\n').flatMap((l) => wrapText(l, 64)).slice(0, pages * 36);
    const split: string[][] = [];
    for (let i = 0; i < lines.length; i += 36) split.push(lines.slice(i, i + 36));
    out.push({ name: basename(file), pages: split });
  }
  return out;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

export async function evaluateModel(plan: EvaluationPlan, logger: Logger): Promise<EvaluationCase[]> {
  const cases: EvaluationCase[] = [];
  const work = await mkdtemp(join(tmpdir(), 'sohoa-eval-'));
  let shipped: Promise<DiacriticsModel> | null = null;
  const evaluated = () => (shipped ??= loadModel(plan.modelDir));
  try {
    if (plan.garbled.length > 0) {
      const model = await evaluated();
      for (const { input, truth } of plan.garbled) {
        const truthHash = await sha256(truth);
        if (model.manifest.sources.some((s) => s.sha256 === truthHash)) {
          throw new ModelError(`${plan.modelDir} was trained on ${basename(truth)}: it cannot be evaluated against it`);
        }
        const [inputText, truthText] = await Promise.all([readFile(input, 'utf8'), readFile(truth, 'utf8')]);
        cases.push(score(`${basename(input)} vs ${basename(truth)}`, 'garbled-ocr', inputText, truthText, model, [basename(truth)]));
      }
    }
    if (plan.synthetic && plan.synthetic.files.length > 0) {
      const model = await evaluated();
      for (const { name, pages } of await heldOutPages(model, plan.modelDir, plan.synthetic.files, plan.synthetic.pages)) {
        const observed: string[] = [];
        for (const page of pages) observed.push(await plan.synthetic.read(await rawPageToPng(await renderTextPage(page, { fontSizePx: 52, lineHeightPx: 88 }))));
        cases.push(score(`${name} rendered (${pages.length} pages) and read with English OCR data`, 'synthetic', observed.join('\n'), pages.flat().join('\n'), model, [name]));
      }
    }
    if (plan.scanned && plan.scanned.files.length > 0) {
      const model = await evaluated();
      for (const { name, pages } of await heldOutPages(model, plan.modelDir, plan.scanned.files, plan.scanned.pages)) {
        const readings: ScanReading[] = [];
        for (const [n, page] of pages.entries()) {
          const scan = await degradePage(await renderTextPage(page, { fontSizePx: 46, lineHeightPx: 78 }), SCAN_DEGRADATION(n));
          readings.push(await plan.scanned.read(scan));
        }
        cases.push(...scoreScans(name, readings, pages, model));
      }
    }
    // One model built without every held-out text at once: each test set stays unseen, and
    // the corpus is counted once instead of once per test set.
    const heldOut: Array<{ name: string; file: string; truth: string; register?: string }> = [];
    for (const { file, register } of plan.heldOutDocuments) {
      heldOut.push({ name: basename(file), file, truth: await readFile(file, 'utf8'), register });
    }
    for (const slice of plan.heldOutSlices) {
      const lines: string[] = [];
      let index = 0;
      for await (const line of readCorpusLines(slice.file)) {
        if (index++ % slice.every === 0 && lines.length < slice.maxLines) lines.push(line);
      }
      const file = join(work, `heldout-${basename(slice.file).replace(/\.gz$/, '')}`);
      await writeFile(file, lines.join('\n') + '\n');
      heldOut.push({ name: `${basename(slice.file)} (every ${slice.every}th line, ${lines.length} lines)`, file, truth: lines.join('\n'), register: slice.register });
    }
    if (heldOut.length > 0) {
      const outDir = join(work, 'held-out-model');
      logger.info(`building a model without ${heldOut.map((h) => h.name).join('; ')}`);
      await buildModel({ ...plan.buildOptions, sources: plan.sources, exclude: heldOut.map((h) => h.file), outDir, name: 'eval', version: 'eval' }, logger);
      const model = await loadModel(outDir);
      const names = heldOut.map((h) => h.name);
      for (const h of heldOut) cases.push({ ...score(h.name, 'stripped', fold(h.truth), h.truth, model, names), ...(h.register ? { register: h.register } : {}) });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return cases;
}

/**
 * A poor office scan: a slight turn, blur, speckle and harsh JPEG at 180 dpi, which leaves the
 * vie model's marks wrong on a few words in a hundred (and its word confidences low on them).
 */
const SCAN_DEGRADATION = (page: number) => ({ degrees: 1.5, blur: 1.4, noise: 60, quality: 30, scale: 0.6, seed: page + 1 });

/** Each page scored as read, restored from its text alone, and restored with OCR's word confidences. */
function scoreScans(name: string, readings: ScanReading[], pages: string[][], model: DiacriticsModel): EvaluationCase[] {
  const truth = pages.map((p) => p.join('\n')).join('\n');
  const input = readings.map((r) => r.text).join('\n');
  const ways: Array<[string, ((r: ScanReading) => string) | null]> = [
    ['as read by vie OCR', null],
    ['restored from the text alone', (r) => restoreDiacritics(r.text, model).text],
    ['restored with OCR word confidences', (r) => restoreDiacritics(r.text, model, { wordConfidence: r.wordConfidence }).text],
  ];
  return ways.map(([how, restore]) => {
    const started = process.hrtime.bigint();
    const output = restore ? readings.map(restore).join('\n') : input;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const report = syllableAccuracy(output, truth);
    return {
      name: `${name} scanned poorly (${pages.length} pages), ${how}`,
      kind: 'vie-ocr',
      trainedWithout: [name],
      report,
      syllablesPerSecond: restore ? report.referenceSyllables / Math.max(seconds, 1e-9) : 0,
      ...(restore ? { rightChanged: rightChanged(input, output, truth) } : {}),
    };
  });
}

export function formatEvaluation(cases: EvaluationCase[]): string {
  const rows = cases.map((c) =>
    [
      c.kind.padEnd(11),
      `${(c.report.accuracy * 100).toFixed(2)}%`.padStart(8),
      `${(c.report.baseLetterAccuracy * 100).toFixed(1)}%`.padStart(7),
      String(c.report.aligned).padStart(7),
      String(Math.round(c.syllablesPerSecond)).padStart(9),
      `${c.name}${c.rightChanged === undefined ? '' : ` (changed ${(c.rightChanged * 100).toFixed(2)} % of the syllables OCR read right)`}  [model built without: ${c.trainedWithout.join(', ')}]`,
    ].join('  '),
  );
  return ['input        accuracy  letters  aligned  syll/sec  test set', ...rows, ...registerSummary(cases)].join('\n') + '\n';
}

/** Held-out stripped text per register: the syllables of its test sets pooled. */
export function registerAccuracy(cases: EvaluationCase[]): Array<{ register: string; accuracy: number; aligned: number; sets: number }> {
  const byRegister = new Map<string, { correct: number; aligned: number; sets: number }>();
  for (const c of cases) {
    if (c.kind !== 'stripped' || !c.register) continue;
    const total = byRegister.get(c.register) ?? { correct: 0, aligned: 0, sets: 0 };
    total.correct += c.report.correct;
    total.aligned += c.report.aligned;
    total.sets++;
    byRegister.set(c.register, total);
  }
  return [...byRegister].map(([register, t]) => ({ register, accuracy: t.aligned === 0 ? 0 : t.correct / t.aligned, aligned: t.aligned, sets: t.sets }));
}

function registerSummary(cases: EvaluationCase[]): string[] {
  const registers = registerAccuracy(cases);
  if (registers.length === 0) return [];
  return [
    '',
    'held-out stripped text by register (diacritics removed; each set scored by a model built without it)',
    ...registers.map((r) => `${r.register.padEnd(16)} ${`${(r.accuracy * 100).toFixed(2)}%`.padStart(8)}  ${String(r.aligned).padStart(7)} syllables in ${r.sets} set(s)`),
  ];
}
