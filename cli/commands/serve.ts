/** `sohoa serve`: the HTTP server until SIGTERM/SIGINT; on first start, an admin token printed once. */
import { createApp } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { resumeUnfinished } from '../../pipeline/resume-unfinished';
import { createServer } from '../../server/create-server';
import { EXIT_OK } from '../exit-codes';

export async function serveCommand(host: string, port: number, config: AppConfig, logger: Logger): Promise<number> {
  const app = await createApp(config, logger, {}, config.queue === 'redis' ? { workers: { stages: [] } } : {});
  try {
    if ((await app.repo.access.countUsers()) === 0) {
      const admin = await app.repo.access.createUser('admin', 'admin');
      const { token, info } = await app.repo.access.issueToken(admin.id, 'first start');
      await app.repo.access.appendAudit({ actor: 'sohoa serve', action: 'user.create', target: `user:${admin.id}`, detail: { name: 'admin', role: 'admin', tokenId: info.id } });
      // Printed once, to stdout only: the database keeps nothing but its hash.
      process.stdout.write(`admin token (shown once; keep it safe): ${token}\n`);
    }
  } catch (error) {
    await app.close();
    throw error;
  }
  const server = await createServer(app, { logger });
  try {
    const address = await server.listen({ host, port });
    logger.info(`serving on ${address}: review page ${address}/review, API ${address}/api/openapi.json`);
    if (config.queue === 'redis') logger.info(`queue dashboard for admins at ${address}/admin/queues`);
    await resumeUnfinished(app.ctx);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    return EXIT_OK;
  } finally {
    await server.close();
    await app.close();
  }
}
