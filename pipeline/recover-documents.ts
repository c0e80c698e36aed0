/**
 * Recovery from the record: every document the database shows unfinished gets a live job
 * again (Redis may have lost everything). Runs with live jobs are left alone, so recovering
 * twice, or while workers run, never duplicates work.
 */
import type { QueueingContext } from './context';
import { chooseRun, enqueueRun } from './enqueue-run';

export interface RecoverySummary {
  enqueued: Array<{ filename: string; runId: string }>;
  following: Array<{ filename: string; runId: string }>;
  done: number;
  /** Failed documents left as they are (retryFailed starts them again). */
  failed: string[];
}

export async function recoverDocuments(ctx: QueueingContext, options: { retryFailed?: boolean } = {}): Promise<RecoverySummary> {
  const summary: RecoverySummary = { enqueued: [], following: [], done: 0, failed: [] };
  for (const progress of await ctx.repo.listProgress()) {
    if (progress.state === 'done') {
      summary.done++;
      continue;
    }
    if (progress.state === 'failed' && !options.retryFailed) {
      summary.failed.push(progress.filename);
      continue;
    }
    const document = await ctx.repo.findDocument(progress.id);
    if (!document) continue;
    const runId = await chooseRun(progress, progress.state === 'failed', 'recovered', ctx);
    const action = await enqueueRun({ ...progress, runId }, document.mime, ctx);
    (action === 'enqueued' ? summary.enqueued : summary.following).push({ filename: progress.filename, runId });
  }
  return summary;
}
