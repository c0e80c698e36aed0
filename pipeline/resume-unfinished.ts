/**
 * At start, the server and each worker give every document left unfinished (its process was
 * killed mid-run) a live job again. Recovery leaves runs that still have one alone, so several
 * processes starting at once, or a worker joining busy colleagues, never duplicate work.
 */
import { describeError } from '../core/errors';
import type { QueueingContext } from './context';
import { recoverDocuments } from './recover-documents';

export async function resumeUnfinished(ctx: QueueingContext): Promise<number> {
  try {
    const summary = await recoverDocuments(ctx);
    for (const run of summary.enqueued) ctx.logger.info(`${run.filename}: left unfinished by an earlier process; resumed`);
    return summary.enqueued.length;
  } catch (error) {
    // Serving and taking new jobs matter more; `sohoa recover` can be run by hand.
    ctx.logger.warn(`could not resume unfinished documents (run \`sohoa recover\`): ${describeError(error)}`);
    return 0;
  }
}
