/**
 * Binds the document jobs to a queue: payloads are validated as they leave the queue, and a
 * failure that is final (bad input, or the last retry) is written to the database, which is
 * the record followers and `sohoa status` read.
 */
import type { StageName } from '../core/contracts';
import { describeError, isSohoaError } from '../core/errors';
import type { Job, JobHandler, ProcessOptions } from '../queue/job-queue';
import type { QueueingContext } from './context';
import { FinishPayload, JOB, type JobName, JOB_NAMES, PagePayload, parsePayload, SplitPayload } from './document-jobs';
import { finishDocument } from './finish-document';
import { ocrPage } from './ocr-page';
import { splitDocument } from './split-document';

export interface WorkerConcurrency {
  split: number;
  page: number;
  finish: number;
}

function limitedQueue(queue: QueueingContext['queue'], totalLimit: number): Pick<QueueingContext['queue'], 'process'> {
  if (!Number.isFinite(totalLimit)) return queue;
  const limit = createLimit(totalLimit);
  return {
    process<T, R>(name: string, handler: JobHandler<T, R>, options?: ProcessOptions) {
      queue.process<T, R>(name, (job, signal) => limit(() => handler(job, signal)), options);
    },
  };
}

function isFinal(error: unknown, job: Job<unknown>): boolean {
  return (isSohoaError(error) && !error.retryable) || job.attempt >= job.maxAttempts;
}

async function recordFailure(ctx: QueueingContext, documentId: string | undefined, stage: StageName, error: unknown): Promise<void> {
  if (!documentId) return;
  await ctx.repo.setStageStatus({ documentId, stage, state: 'failed', message: describeError(error) }).catch(() => undefined);
}

/** At most `size` jobs run at once, whatever their kind. */
function createLimit(size: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (run) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await run();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * `totalLimit` caps the jobs running at once across kinds: a worker process given N then uses
 * about N cores (a PDF split or a restoration never runs beside its N OCR pages), so adding a
 * worker adds a known amount of capacity.
 */
export function registerDocumentJobs(
  ctx: QueueingContext,
  stages: JobName[] = JOB_NAMES,
  concurrency: WorkerConcurrency = { split: 1, page: 1, finish: 1 },
  totalLimit: number = Number.POSITIVE_INFINITY,
): void {
  const queue = limitedQueue(ctx.queue, totalLimit);
  const documentOf = (data: unknown) => (data as { documentId?: string } | null)?.documentId;

  if (stages.includes(JOB.split)) {
    queue.process(JOB.split, async (job) => {
      try {
        return await splitDocument(parsePayload(SplitPayload, job.data, JOB.split), ctx);
      } catch (error) {
        if (isFinal(error, job)) await recordFailure(ctx, documentOf(job.data), 'ocr', error);
        throw error;
      }
    }, { concurrency: concurrency.split });
  }

  if (stages.includes(JOB.page)) {
    queue.process(JOB.page, async (job) => {
      const input = parsePayload(PagePayload, job.data, JOB.page);
      const page = await ocrPage(input, ctx);
      ctx.onProgress?.({ documentId: input.documentId, filename: input.filename, stage: 'ocr', page: input.page, pages: input.pages });
      await job.reportProgress({ page: input.page, pages: input.pages, skipped: page.skipped });
      return page;
    }, { concurrency: concurrency.page });
  }

  if (stages.includes(JOB.finish)) {
    queue.process(JOB.finish, async (job) => {
      return finishDocument(parsePayload(FinishPayload, job.data, JOB.finish), ctx, (error) => isFinal(error, job));
    }, { concurrency: concurrency.finish });
  }
}
