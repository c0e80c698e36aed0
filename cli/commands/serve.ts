/** `sohoa serve`: the HTTP server until SIGTERM/SIGINT. */
import { createApp } from '../../app/create-app';
import type { AppConfig } from '../../core/config';
import type { Logger } from '../../core/logger';
import { createServer, DASHBOARD_PATH } from '../../server/create-server';
import { EXIT_OK } from '../exit-codes';

export async function serveCommand(host: string, port: number, config: AppConfig, logger: Logger): Promise<number> {
  const app = await createApp(config, logger, {}, config.queue === 'redis' ? { workers: { stages: [] } } : {});
  const adminToken = process.env.SOHOA_ADMIN_TOKEN?.trim() || null;
  const server = await createServer(app, { adminToken });
  try {
    const address = await server.listen({ host, port });
    logger.info(`serving on ${address}: /api/health`);
    if (config.queue !== 'redis') logger.info('queue dashboard: only with --queue redis');
    else if (!adminToken) logger.warn(`queue dashboard not mounted: set SOHOA_ADMIN_TOKEN to serve it at ${DASHBOARD_PATH}`);
    else logger.info(`queue dashboard for admins at ${address}${DASHBOARD_PATH}`);
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
