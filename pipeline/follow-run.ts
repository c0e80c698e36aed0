/** Waits for a run to end: its split job, then its finish job. */
import { SohoaError } from '../core/errors';
import type { JobOutcome, JobQueue } from '../queue/job-queue';
import { FinishSummary, JOB, jobId } from './document-jobs';

export async function followRun(runId: string, queue: JobQueue): Promise<JobOutcome<FinishSummary>> {
  // The finish job exists once the split has run; a split removed after completing is fine.
  if ((await queue.state(JOB.finish, jobId.finish(runId))) === 'missing') {
    const split = await queue.waitFor(JOB.split, jobId.split(runId));
    if (split.state === 'failed') return split;
  }
  const finish = await queue.waitFor<unknown>(JOB.finish, jobId.finish(runId));
  if (finish.state === 'failed') return finish;
  const summary = FinishSummary.safeParse(finish.result);
  if (!summary.success) throw new SohoaError('STORAGE', `finish job ${runId} returned an unexpected result`);
  return { state: 'completed', result: summary.data };
}
