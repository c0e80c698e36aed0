/**
 * Page clean-up in worker threads, one per core: the steps' own JavaScript (histograms,
 * orientation and skew profiles) then runs beside other pages' OCR instead of queueing on the
 * main thread. Where the compiled worker is not at hand (sources run by ts-jest), pages are
 * cleaned up on the calling thread, the same way.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SohoaError } from '../core/errors';
import type { PipelineContext } from './context';
import { preprocessPage, type PageImageSource, type PreprocessedImage } from './preprocess-page';
import type { PreprocessReply, PreprocessRequest } from './preprocess-worker';

export interface PageCleaner {
  clean(source: PageImageSource & { image: Buffer }, ctx: Pick<PipelineContext, 'preprocess' | 'limits'>): Promise<PreprocessedImage>;
  close(): Promise<void>;
}

const WORKER_SCRIPT = join(__dirname, 'preprocess-worker.js');

/** Threads started on first use; a thread that dies fails its pages and is replaced. */
export function createPageCleaner(size: number): PageCleaner {
  if (!existsSync(WORKER_SCRIPT)) {
    return { clean: (source, ctx) => preprocessPage(source, ctx), close: async () => undefined };
  }
  const pending = new Map<number, { resolve: (r: PreprocessedImage) => void; reject: (e: Error) => void; worker: Worker }>();
  const load = new Map<Worker, number>();
  let nextId = 0;
  let closed = false;
  const start = () => {
    const worker = new Worker(WORKER_SCRIPT);
    load.set(worker, 0);
    worker.on('message', (reply: PreprocessReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      load.set(worker, (load.get(worker) ?? 1) - 1);
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve({ ...reply.result, image: Buffer.from(reply.result.image) });
    });
    const fail = (error: Error) => {
      load.delete(worker);
      for (const [id, task] of pending) {
        if (task.worker !== worker) continue;
        pending.delete(id);
        task.reject(new SohoaError('OCR_FAILED', `page clean-up thread stopped: ${error.message}`, { cause: error }));
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    return worker;
  };
  const leastBusy = (): Worker => {
    if (load.size < size) return start();
    return [...load.entries()].sort((a, b) => a[1] - b[1])[0]![0];
  };
  return {
    clean(source, ctx) {
      if (closed) return Promise.reject(new SohoaError('CLOSED', 'page clean-up closed'));
      const worker = leastBusy();
      const id = nextId++;
      load.set(worker, (load.get(worker) ?? 0) + 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, worker });
        const request: PreprocessRequest = { id, source: { ...source, image: source.image }, ctx: { preprocess: ctx.preprocess, limits: ctx.limits } };
        worker.postMessage(request);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const workers = [...load.keys()];
      load.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
