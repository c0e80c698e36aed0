/**
 * tesseract.js workers in a pool sized to the cores. The `vie` data comes from the npm package
 * @tesseract.js-data/vie (never downloaded); workers are recycled every N pages to cap memory,
 * and a page that exceeds its time limit fails alone while its worker is replaced.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { createWorker, type Worker } from 'tesseract.js';
import type { OcrLine, OcrWord } from '../core/contracts';
import { SohoaError } from '../core/errors';
import type { OcrEngine, OcrPageResult, RecognizeOptions } from './ocr-engine';

export interface TesseractPoolOptions {
  size?: number;
  /** Trained data from the npm packages @tesseract.js-data/<language>; 'eng' only to simulate archive OCR. */
  language?: 'vie' | 'eng';
  /** 'best' is the 4.0.0_best_int data, 'fast' the 4.0.0 data of the package. */
  variant?: 'best' | 'fast';
  /** A folder holding <language>.traineddata (or .traineddata.gz) to read instead of the package's. */
  tessdata?: string | null;
  pageSegmentationMode?: number;
  recycleAfterPages?: number;
  pageTimeoutMs?: number;
}

interface PooledWorker {
  worker: Worker;
  pages: number;
  /** The page segmentation mode the worker is set to. */
  mode: number;
}

/** Tesseract's mode for one uniform block of text. */
const SINGLE_BLOCK_MODE = 6;
/** Tesseract's mode for one line of text. */
const SINGLE_LINE_MODE = 7;

interface Task {
  image: Buffer;
  resolve: (r: OcrPageResult) => void;
  reject: (e: unknown) => void;
  signal?: AbortSignal;
  mode: number;
}

export function langPath(language: 'vie' | 'eng', variant: 'best' | 'fast'): string {
  const root = dirname(require.resolve(`@tesseract.js-data/${language}/package.json`));
  return join(root, variant === 'best' ? '4.0.0_best_int' : '4.0.0');
}

type Bbox = { x0: number; y0: number; x1: number; y1: number };
interface TessWord { text: string; confidence: number; bbox: Bbox }
interface TessLine { text: string; confidence: number; bbox: Bbox; words: TessWord[] }
interface TessBlock { paragraphs: Array<{ lines: TessLine[] }> }

function toLines(blocks: TessBlock[] | null): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const words: OcrWord[] = line.words.map((w) => ({ text: w.text, bbox: { ...w.bbox }, confidence: clampConfidence(w.confidence) }));
        lines.push({ text: line.text.replace(/\n$/, ''), bbox: { ...line.bbox }, confidence: clampConfidence(line.confidence), words });
      }
    }
  }
  return lines;
}

const clampConfidence = (c: number) => Math.max(0, Math.min(100, c));

/** One worker per core, at most four: each worker holds its own copy of the language data in memory. */
export function defaultPoolSize(): number {
  return Math.min(availableParallelism(), 4);
}

export class TesseractPool implements OcrEngine {
  readonly name = 'tesseract.js';
  private readonly size: number;
  private readonly idle: PooledWorker[] = [];
  private readonly queue: Task[] = [];
  private starting = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private readonly all = new Set<PooledWorker>();

  constructor(private readonly options: TesseractPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
  }

  get parallelism(): number {
    return this.size;
  }

  get model(): string {
    const language = this.options.language ?? 'vie';
    if (this.options.tessdata) return `${language} from ${this.options.tessdata}`;
    return `${language} ${(this.options.variant ?? 'best') === 'best' ? '4.0.0_best_int' : '4.0.0'} from @tesseract.js-data/${language}`;
  }

  recognize(image: Buffer, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) return Promise.reject(new SohoaError('CLOSED', 'OCR engine is closed'));
    return new Promise((resolve, reject) => {
      const mode = options.segmentation === 'block' ? SINGLE_BLOCK_MODE : options.segmentation === 'line' ? SINGLE_LINE_MODE : this.pageMode();
      this.queue.push({ image, resolve, reject, signal: options.signal, mode });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const pooled = this.idle.pop();
      if (pooled) {
        this.run(pooled, this.queue.shift()!);
        continue;
      }
      if (this.all.size + this.starting < this.size) {
        this.starting++;
        this.spawn().then(
          (w) => {
            this.starting--;
            if (this.closed) return void this.retire(w);
            this.idle.push(w);
            this.pump();
          },
          (error: unknown) => {
            this.starting--;
            const task = this.queue.shift();
            task?.reject(new SohoaError('OCR_FAILED', `cannot start an OCR worker: ${(error as Error).message}`, { cause: error }));
          },
        );
      }
      return;
    }
  }

  private pageMode(): number {
    return this.options.pageSegmentationMode ?? 3;
  }

  private async spawn(): Promise<PooledWorker> {
    const language = this.options.language ?? 'vie';
    const { tessdata } = this.options;
    // A tessdata folder may hold the data as it is (Debian's) or gzipped (the npm packages').
    const gzip = tessdata ? !existsSync(join(tessdata, `${language}.traineddata`)) : true;
    const worker = await createWorker(language, 1, { langPath: tessdata ?? langPath(language, this.options.variant ?? 'best'), gzip, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: String(this.pageMode()) as never });
    const pooled = { worker, pages: 0, mode: this.pageMode() };
    this.all.add(pooled);
    return pooled;
  }

  private async retire(pooled: PooledWorker): Promise<void> {
    this.all.delete(pooled);
    await pooled.worker.terminate().catch(() => undefined);
  }

  private run(pooled: PooledWorker, task: Task): void {
    const timeoutMs = this.options.pageTimeoutMs ?? 120_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SohoaError('TIMEOUT', `OCR of a page took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    const aborted = new Promise<never>((_, reject) => {
      task.signal?.addEventListener('abort', () => reject(new SohoaError('TIMEOUT', 'OCR aborted')), { once: true });
    });
    // hOCR and ALTO are rendered from the blocks (ocr/render-hocr.ts), so Tesseract is asked for nothing more.
    const work = (async () => {
      if (pooled.mode !== task.mode) {
        await pooled.worker.setParameters({ tessedit_pageseg_mode: String(task.mode) as never });
        pooled.mode = task.mode;
      }
      return pooled.worker.recognize(task.image, {}, { text: true, blocks: true });
    })();
    Promise.race([work, timeout, aborted]).then(
      async (result) => {
        clearTimeout(timer);
        const lines = toLines(result.data.blocks as unknown as TessBlock[] | null);
        const words = lines.flatMap((l) => l.words);
        task.resolve({
          text: result.data.text,
          lines,
          meanConfidence: words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : null,
        });
        await this.release(pooled, false);
      },
      async (error: unknown) => {
        clearTimeout(timer);
        task.reject(error instanceof SohoaError ? error : new SohoaError('OCR_FAILED', `OCR failed: ${(error as Error).message}`, { cause: error }));
        // A worker that timed out or failed may be wedged: replace it.
        await this.release(pooled, true);
      },
    );
  }

  private async release(pooled: PooledWorker, discard: boolean): Promise<void> {
    pooled.pages++;
    const recycle = discard || pooled.pages >= (this.options.recycleAfterPages ?? 50) || this.closed;
    if (recycle) await this.retire(pooled);
    else this.idle.push(pooled);
    if (!this.closed) this.pump();
  }

  /** Idempotent: waits for nothing new, terminates every worker. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new SohoaError('CLOSED', 'OCR engine closed'));
    this.closing = (async () => {
      const workers = [...this.all];
      this.idle.length = 0;
      await Promise.all(workers.map((w) => this.retire(w)));
    })();
    return this.closing;
  }
}
