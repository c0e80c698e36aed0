/**
 * The native Tesseract CLI as an OCR engine: one `tesseract` process a page (single-threaded, as
 * many at once as cores), the page image on stdin, words with boxes and confidences read from its
 * TSV output. It reads the Debian `tesseract-ocr-vie` data, or any tessdata folder given.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OcrLine, OcrWord } from '../core/contracts';
import { ConfigError, SohoaError } from '../core/errors';
import type { OcrEngine, OcrPageResult, RecognizeOptions } from './ocr-engine';

export interface NativeTesseractOptions {
  /** Processes at once (each single-threaded). */
  size: number;
  language?: string;
  /** A folder holding <language>.traineddata; null: the installed default. */
  tessdata: string | null;
  pageSegmentationMode?: number;
  pageTimeoutMs?: number;
  /** The executable (default `tesseract` on the PATH). */
  command?: string;
}

/** What is installed: the version, the data folder and the languages it holds. */
export interface NativeInstallation {
  version: string;
  tessdata: string;
  languages: string[];
}

/** Null when `tesseract` cannot be run. Asked once, when the engine is chosen (a few tens of ms). */
export function findNativeTesseract(tessdata: string | null, command = 'tesseract'): NativeInstallation | null {
  try {
    const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
    const versionOut = execFileSync(command, ['--version'], quiet);
    const stdout = execFileSync(command, ['--list-langs', ...(tessdata ? ['--tessdata-dir', tessdata] : [])], quiet);
    const folder = /"(.+?)\/?"/.exec(stdout)?.[1] ?? tessdata ?? '';
    const languages = stdout.split('\n').slice(1).map((l) => l.trim()).filter(Boolean);
    return { version: /tesseract\s+(\S+)/.exec(versionOut)?.[1] ?? 'unknown', tessdata: folder, languages };
  } catch {
    return null;
  }
}

/** Tesseract's mode for one uniform block of text. */
const SINGLE_BLOCK_MODE = 6;
const WORD_LEVEL = 5;
const LINE_LEVEL = 4;

/** TSV rows to lines of words; a line's confidence is its words' mean, as for the other engine. */
export function linesFromTsv(tsv: string): OcrLine[] {
  const lines = new Map<string, OcrLine>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < 12) continue;
    const [level, , block, paragraph, line, , left, top, width, height, confidence] = cells.slice(0, 11).map(Number) as number[];
    const text = cells.slice(11).join('\t').trim();
    const key = `${block}.${paragraph}.${line}`;
    const bbox = { x0: left!, y0: top!, x1: left! + width!, y1: top! + height! };
    if (level === LINE_LEVEL) lines.set(key, { text: '', bbox, confidence: 0, words: [] });
    else if (level === WORD_LEVEL && text) {
      const owner = lines.get(key);
      const word: OcrWord = { text, bbox, confidence: Math.max(0, Math.min(100, confidence!)) };
      owner?.words.push(word);
    }
  }
  const result: OcrLine[] = [];
  for (const line of lines.values()) {
    if (line.words.length === 0) continue;
    line.text = line.words.map((w) => w.text).join(' ');
    line.confidence = line.words.reduce((s, w) => s + w.confidence, 0) / line.words.length;
    result.push(line);
  }
  return result;
}

export class NativeTesseract implements OcrEngine {
  readonly name: string;
  readonly model: string;
  private readonly waiting: Array<() => void> = [];
  private readonly running = new Set<ChildProcess>();
  private active = 0;
  private closed = false;

  /** Refuses, saying what to install, when the CLI or its language data is missing. */
  constructor(private readonly options: NativeTesseractOptions) {
    const language = options.language ?? 'vie';
    if (options.tessdata && !existsSync(join(options.tessdata, `${language}.traineddata`))) {
      throw new ConfigError(`--tessdata ${options.tessdata} holds no ${language}.traineddata`);
    }
    const installation = findNativeTesseract(options.tessdata, options.command);
    if (!installation) throw new ConfigError('the native OCR engine needs the tesseract CLI: install it (Debian: apt-get install tesseract-ocr tesseract-ocr-vie) or use --ocr-engine wasm');
    if (!installation.languages.includes(language)) {
      throw new ConfigError(`tesseract has no '${language}' data in ${installation.tessdata}: install it (Debian: apt-get install tesseract-ocr-${language}) or give --tessdata DIR`);
    }
    this.name = `native tesseract ${installation.version}`;
    this.model = `${language} from ${join(installation.tessdata, `${language}.traineddata`)}`;
  }

  get parallelism(): number {
    return this.options.size;
  }

  async recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) throw new SohoaError('CLOSED', 'OCR engine is closed');
    // A page finishing hands its slot straight to the longest waiting one.
    if (this.active >= this.options.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    if (this.closed) throw new SohoaError('CLOSED', 'OCR engine closed');
    try {
      const tsv = await this.read(image, options);
      const lines = linesFromTsv(tsv);
      const words = lines.flatMap((l) => l.words);
      return {
        text: lines.map((l) => l.text).join('\n'),
        lines,
        meanConfidence: words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : null,
      };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private read(image: Buffer, options: RecognizeOptions): Promise<string> {
    const mode = options.segmentation === 'block' ? SINGLE_BLOCK_MODE : (this.options.pageSegmentationMode ?? 3);
    const args = ['stdin', 'stdout', '-l', this.options.language ?? 'vie', '--psm', String(mode), ...(this.options.tessdata ? ['--tessdata-dir', this.options.tessdata] : []),
      // Asked for by variable, not by the `tsv` config file, which a tessdata folder given may lack.
      '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'];
    const timeoutMs = this.options.pageTimeoutMs ?? 120_000;
    return new Promise((resolve, reject) => {
      // One thread a process: the pool, not OpenMP, uses the cores.
      const child = spawn(this.options.command ?? 'tesseract', args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      this.running.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let failure: SohoaError | null = null;
      const stop = (error: SohoaError) => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => stop(new SohoaError('TIMEOUT', `OCR of a page took longer than ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => stop(new SohoaError('TIMEOUT', 'OCR aborted'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      // A process killed before it read its input closes stdin under us: that is reported by the exit.
      child.stdin.on('error', () => undefined);
      child.stdin.end(image);
      child.on('error', (error) => stop(new SohoaError('OCR_FAILED', `cannot run tesseract: ${error.message}`, { cause: error })));
      child.on('close', (code) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.running.delete(child);
        if (failure) return reject(failure);
        if (this.closed) return reject(new SohoaError('CLOSED', 'OCR engine closed'));
        if (code !== 0) return reject(new SohoaError('OCR_FAILED', `tesseract exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().split('\n').at(-1) ?? ''}`));
        resolve(Buffer.concat(out).toString('utf8'));
      });
    });
  }

  /** Idempotent: pages waiting are refused, running processes killed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    for (const child of this.running) child.kill('SIGKILL');
  }
}
