/**
 * The BullMQ dashboard for admins, with the Redis queue. Its packages are ES modules, so this
 * file is loaded on demand and only when the queue is Redis.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { JOB_NAMES } from '../pipeline/document-jobs';
import type { BullMqQueue } from '../queue/bullmq-queue';
import type { ServerServices } from './server-services';

export const DASHBOARD_PATH = '/admin/queues';

/** A browser opening the dashboard can only send Basic credentials: the token is the password. */
function offeredToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization ?? '';
  const bearer = /^Bearer (\S+)$/i.exec(header)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic (\S+)$/i.exec(header)?.[1];
  return basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : null;
}

export async function mountDashboard(server: FastifyInstance, queue: BullMqQueue, services: ServerServices): Promise<void> {
  const adapter = new FastifyAdapter();
  createBullBoard({ queues: queue.dashboardQueues(JOB_NAMES).map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  adapter.setBasePath(DASHBOARD_PATH);
  await server.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = offeredToken(request);
      const user = token ? await services.tokens.verify(token, (t) => services.repo.access.authenticate(t)) : null;
      if (user?.role !== 'admin') {
        await reply
          .code(401)
          .header('www-authenticate', 'Basic realm="sohoa admin"')
          .send({ code: 'UNAUTHORIZED', message: 'the queue dashboard is for admins: give an admin API token as the password (any user name), or as a Bearer token' });
      }
    });
    await scope.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
  });
}
