/**
 * The HTTP server: health for probes and, with the Redis queue, the BullMQ dashboard for
 * admins. Routes stay thin; the app factory has already picked every implementation.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { App } from '../app/create-app';
import { JOB_NAMES } from '../pipeline/document-jobs';
import { BullMqQueue } from '../queue/bullmq-queue';

export const DASHBOARD_PATH = '/admin/queues';

export interface ServerOptions {
  /** The admin token; without one the dashboard is not mounted at all. */
  adminToken: string | null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests in constant time, so the token cannot be guessed byte by byte from timings. */
function isAdmin(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer (.+)$/i.exec(header)?.[1];
  const basic = /^Basic (.+)$/i.exec(header)?.[1];
  const offered = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : null);
  return offered !== null && timingSafeEqual(digest(offered), digest(token));
}

export async function createServer(app: App, options: ServerOptions): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });

  server.get('/api/health', async () => {
    const documents = await app.repo.listDocuments().then(
      (d) => d.length,
      () => null,
    );
    return { status: documents === null ? 'degraded' : 'ok', queue: app.config.queue, documents };
  });

  if (app.queue instanceof BullMqQueue && options.adminToken) {
    const token = options.adminToken;
    const adapter = new FastifyAdapter();
    createBullBoard({ queues: app.queue.dashboardQueues(JOB_NAMES).map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
    adapter.setBasePath(DASHBOARD_PATH);
    await server.register(async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (!isAdmin(request, token)) {
          await reply
            .code(401)
            .header('www-authenticate', 'Basic realm="sohoa admin"')
            .send({ code: 'UNAUTHORIZED', message: 'the queue dashboard is for admins: send the admin token (SOHOA_ADMIN_TOKEN) as a Bearer token or as the Basic password' });
        }
      });
      await scope.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
    });
  }
  return server;
}
