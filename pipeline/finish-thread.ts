/**
 * Runs computeFinish in a worker thread, started on first use and restarted if it dies. The
 * owning process's event loop stays free: the server keeps answering and SIGTERM is heard
 * while a large document is restored. close() ends the thread at once; a document it was
 * computing fails with a retryable CLOSED error and is resumed at the next start.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Page } from '../core/contracts';
import { SohoaError } from '../core/errors';
import type { Logger } from '../core/logger';
import { shippedFile } from '../core/paths';
import type { ComputedRun, StageEvent } from './compute-finish';
import type { FinishReply, FinishThreadSettings } from './finish-messages';

interface Pending {
  resolve(run: ComputedRun): void;
  reject(error: Error): void;
  onStage(event: StageEvent): void;
}

/** The compiled entry: beside this file when running from dist/, in dist/ when tests run the sources. */
function workerScript(): string {
  const beside = join(__dirname, 'finish-worker.js');
  if (existsSync(beside)) return beside;
  const compiled = shippedFile('dist', 'pipeline', 'finish-worker.js');
  if (!existsSync(compiled)) throw new SohoaError('CONFIG', `the finish thread's script is missing (${compiled}); run \`npm run build\``);
  return compiled;
}

export class FinishThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly settings: FinishThreadSettings,
    private readonly logger: Logger,
  ) {}

  compute(filename: string, pages: Page[], onStage: (event: StageEvent) => void): Promise<ComputedRun> {
    if (this.closed) return Promise.reject(new SohoaError('CLOSED', `${filename}: not processed, the process is shutting down`, { retryable: true }));
    const worker = this.start();
    const id = this.nextId++;
    // Referenced while it has work, so a CLI run waits for it; idle, it keeps no process alive.
    worker.ref();
    return new Promise<ComputedRun>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onStage });
      worker.postMessage({ id, filename, pages });
    }).finally(() => {
      if (this.pending.size === 0) this.worker?.unref();
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(), { workerData: this.settings });
    worker.on('message', (reply: FinishReply) => this.receive(reply));
    worker.on('error', (error) => this.failAll(new SohoaError('STORAGE', `the finish thread failed: ${error.message}`, { retryable: true, cause: error })));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new SohoaError('CLOSED', `the finish thread stopped (exit code ${code})`, { retryable: true }));
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: FinishReply): void {
    if (reply.kind === 'log') return this.logger[reply.level](reply.message);
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    if (reply.kind === 'stage') return pending.onStage(reply.event);
    this.pending.delete(reply.id);
    if (reply.kind === 'done') return pending.resolve(reply.run);
    const { code, retryable, message } = reply.error;
    pending.reject(code ? new SohoaError(code, message, { retryable }) : new Error(message));
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** Idempotent: ends the thread, failing what it was computing (retryable). */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new SohoaError('CLOSED', 'the process is shutting down', { retryable: true }));
    if (worker) await worker.terminate();
  }
}
