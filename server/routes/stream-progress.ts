/**
 * Progress as server-sent events, read from the database (the record), so it works the same
 * whether this process or workers elsewhere do the processing. Ends after done or failed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerServices } from '../server-services';

const HEARTBEAT_MS = 15_000;

export async function streamProgress(documentId: string, request: FastifyRequest, reply: FastifyReply, services: ServerServices): Promise<void> {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  let open = true;
  request.raw.on('close', () => {
    open = false;
  });
  const send = (event: string, data: unknown) => {
    if (open) out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  let last = '';
  let lastWrite = Date.now();
  try {
    while (open) {
      const progress = await services.repo.getProgress(documentId);
      const snapshot = JSON.stringify(progress);
      if (snapshot !== last) {
        send('progress', progress);
        last = snapshot;
        lastWrite = Date.now();
      } else if (Date.now() - lastWrite > HEARTBEAT_MS) {
        out.write(': still working\n\n');
        lastWrite = Date.now();
      }
      if (!progress || progress.state === 'done' || progress.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, services.progressPollMs));
    }
  } catch (error) {
    send('error', { code: 'STORAGE', message: `progress could not be read: ${(error as Error).message}` });
  } finally {
    out.end();
  }
}
