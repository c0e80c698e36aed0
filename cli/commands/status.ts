/** `sohoa status`: documents by state (from the database) and jobs per stage (from the queue). */
import { createApp } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { JOB_NAMES } from '../../pipeline/document-jobs';
import { EXIT_OK } from '../exit-codes';

export async function statusCommand(json: boolean, config: AppConfig, logger: Logger): Promise<number> {
  const app = await createApp(config, logger, {}, { workers: { stages: [] } });
  try {
    const documents = await app.repo.listProgress();
    const byState = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const d of documents) byState[d.state]++;
    const stages = Object.fromEntries(await Promise.all(JOB_NAMES.map(async (name) => [name, await app.queue.counts(name)] as const)));
    const unfinished = documents.filter((d) => d.state !== 'done');
    if (json) {
      process.stdout.write(`${JSON.stringify({ queue: config.queue, documents: byState, stages, unfinished }, null, 2)}\n`);
      return EXIT_OK;
    }
    const lines = [
      `documents: ${byState.done} done, ${byState.running} running, ${byState.queued} queued, ${byState.failed} failed`,
      `jobs (${config.queue === 'redis' ? `Redis, prefix ${config.queuePrefix}` : 'embedded: this process only'}):`,
      ...JOB_NAMES.map((name) => {
        const c = stages[name]!;
        return `  ${name.padEnd(9)} ${String(c.waiting).padStart(6)} queued ${String(c.active).padStart(4)} active ${String(c.completed).padStart(7)} completed ${String(c.failed).padStart(5)} failed`;
      }),
      ...unfinished.map((d) => `  ${d.state.padEnd(8)} ${d.filename} ${d.stage ?? ''} ${d.pagesDone}/${d.pagesPlanned} pages${d.message ? `: ${d.message}` : ''}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    await app.close();
  }
}
