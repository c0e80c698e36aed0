/**
 * `sohoa worker`: takes document jobs from Redis until SIGTERM/SIGINT, then drains: active
 * jobs finish (or, past the grace period, are left to be taken over by another worker once
 * their lock lapses) and nothing half-written remains, since each job's writes are atomic.
 */
import { createApp } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import type { JobName } from '../../pipeline/document-jobs';
import { resumeUnfinished } from '../../pipeline/resume-unfinished';
import { EXIT_OK } from '../exit-codes';

export async function workerCommand(stages: JobName[], concurrency: number, config: AppConfig, logger: Logger): Promise<number> {
  const app = await createApp({ ...config, ocrWorkers: config.ocrWorkers ?? concurrency }, logger, {}, {
    workers: { stages, concurrency: { page: concurrency, split: 1, finish: 1 }, totalLimit: concurrency },
  });
  logger.info(`worker ${process.pid}: ${stages.join(', ')} jobs from ${config.queuePrefix} (${concurrency} job(s) at a time); SIGTERM drains`);
  await resumeUnfinished(app.ctx);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info(`worker ${process.pid}: ${signal}: finishing active jobs`);
      // A second signal means now: the jobs still locked are redone by another worker.
      process.once(signal, () => process.exit(130));
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  await app.close();
  logger.info(`worker ${process.pid}: stopped`);
  return EXIT_OK;
}
