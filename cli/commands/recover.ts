/** `sohoa recover`: re-enqueue every unfinished document from the database (the record). */
import { createApp } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { followRun } from '../../pipeline/follow-run';
import { recoverDocuments } from '../../pipeline/recover-documents';
import { EXIT_OK, EXIT_SOME_FAILED } from '../exit-codes';

export async function recoverCommand(retryFailed: boolean, config: AppConfig, logger: Logger): Promise<number> {
  const app = await createApp(config, logger, {}, config.queue === 'redis' ? { workers: { stages: [] } } : {});
  try {
    const summary = await recoverDocuments(app.ctx, { retryFailed });
    logger.info(
      `recover: ${summary.enqueued.length} re-enqueued, ${summary.following.length} already queued, ${summary.done} done, ${summary.failed.length} failed` +
        (summary.failed.length > 0 && !retryFailed ? ' (--retry-failed starts those again)' : ''),
    );
    for (const run of summary.enqueued) logger.info(`  re-enqueued ${run.filename}`);
    if (config.queue === 'embedded' && summary.enqueued.length > 0) {
      // No other process takes embedded jobs: finish them here before exiting.
      logger.info('embedded queue: processing them in this process');
      let failed = 0;
      for (const run of summary.enqueued) {
        const outcome = await followRun(run.runId, app.queue);
        if (outcome.state === 'failed') {
          failed++;
          logger.error(outcome.error);
        }
      }
      return failed > 0 ? EXIT_SOME_FAILED : EXIT_OK;
    }
    return EXIT_OK;
  } finally {
    await app.close();
  }
}
