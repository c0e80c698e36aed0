/**
 * Makes sure a document's current run has a live job in the queue, reading where it stands
 * from the database. Used by submission and by recovery after Redis lost its jobs: a run with
 * a live finish or split job is left alone; otherwise its split job is added again, and the
 * split resumes from the recorded page plan.
 */
import type { DocumentProgress } from '../core/contracts';
import type { QueueingContext } from './context';
import { JOB, JOB_RETRY, jobId, type SplitPayload } from './document-jobs';

export type EnqueueResult = 'following' | 'enqueued';

/**
 * The run to drive: the document's current one, or a new one. A first run is named by the hash
 * alone; a rerun (forced, or after a failure) gets a fresh id and forgets the previous plan.
 */
export async function chooseRun(progress: DocumentProgress, rerun: boolean, ingestMessage: string, ctx: QueueingContext): Promise<string> {
  if (!rerun && progress.runId !== null) return progress.runId;
  const runId = rerun ? `${progress.id}-${Date.now().toString(36)}` : progress.id;
  await ctx.repo.beginRun(progress.id, runId, { reset: rerun });
  await ctx.repo.setStageStatus({ documentId: progress.id, stage: 'ingest', state: 'done', message: ingestMessage });
  return runId;
}

export async function enqueueRun(progress: DocumentProgress & { runId: string }, mime: SplitPayload['mime'], ctx: QueueingContext): Promise<EnqueueResult> {
  const { queue } = ctx;
  const finish = await queue.state(JOB.finish, jobId.finish(progress.runId));
  if (finish === 'waiting' || finish === 'active') return 'following';
  const split = await queue.state(JOB.split, jobId.split(progress.runId));
  if (split === 'waiting' || split === 'active') return 'following';
  // A finished split is cleared so its id can carry the resumed run; the split clears failed page and finish jobs.
  if (split !== 'missing') await queue.remove(JOB.split, jobId.split(progress.runId));
  const payload: SplitPayload = { documentId: progress.id, runId: progress.runId, filename: progress.filename, mime };
  await queue.add(JOB.split, payload, { ...JOB_RETRY, jobId: jobId.split(progress.runId) });
  return 'enqueued';
}
