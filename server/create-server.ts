/**
 * The HTTP server: the JSON API (every route declared once with its permission and schemas),
 * its OpenAPI document, the review page, and for admins with the Redis queue the BullMQ
 * dashboard. Routes stay thin; the app factory has already picked every implementation.
 */
import { readFileSync } from 'node:fs';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { App } from '../app/create-app';
import type { Logger } from '../core/logger';
import { shippedFile } from '../core/paths';
import { registerRoute, type ApiRoute } from './api-route';
import { errorResponse } from './http-errors';
import { openApiDocument } from './openapi';
import { registerDatasetPage } from './dataset-page';
import { registerReviewPage } from './review-page';
import { accessRoutes } from './routes/access';
import { datasetKeyRoutes } from './routes/dataset-keys';
import { datasetRoutes } from './routes/datasets';
import { documentRoutes } from './routes/documents';
import { recordRoutes } from './routes/records';
import { textRoutes } from './routes/text';
import type { ServerServices } from './server-services';
import { ReadCoalescer } from './coalesce-reads';
import { TokenCache } from './token-cache';

export const API_ROUTES: ApiRoute[] = [...documentRoutes, ...textRoutes, ...recordRoutes, ...datasetRoutes, ...datasetKeyRoutes, ...accessRoutes];

export interface ServerOptions {
  logger: Logger;
  /** Largest upload, in bytes (default: the pipeline's file limit). */
  maxUploadBytes?: number;
  progressPollMs?: number;
}

/** Read from the package itself, from dist/ or from sources alike. */
const version = (JSON.parse(readFileSync(shippedFile('package.json'), 'utf8')) as { version: string }).version;

export async function createServer(app: App, options: ServerOptions): Promise<FastifyInstance> {
  const services: ServerServices = {
    repo: app.repo,
    blobs: app.blobs,
    ctx: app.ctx,
    logger: options.logger,
    maxUploadBytes: options.maxUploadBytes ?? app.config.maxFileBytes,
    tokens: new TokenCache(),
    reads: new ReadCoalescer(),
    progressPollMs: options.progressPollMs ?? 250,
  };
  // No request logging: headers carry tokens, and tokens are never logged.
  // Closing ends open connections too: a progress stream or a stalled upload must not hold up a shutdown.
  const server = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });
  await server.register(multipart, { limits: { fileSize: services.maxUploadBytes, files: 20, fields: 10 } });

  server.setErrorHandler(async (error, _request, reply) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) options.logger.error(`${body.code}: ${(error as Error).message}`);
    await reply.code(status).send(body);
  });
  server.setNotFoundHandler(async (request, reply) => {
    await reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}; the API is described at /api/openapi.json` });
  });

  server.get('/api/health', async () => {
    const documents = await app.repo.listDocuments().then(
      (d) => d.length,
      () => null,
    );
    return { status: documents === null ? 'degraded' : 'ok', queue: app.config.queue, documents };
  });
  const openApi = openApiDocument(API_ROUTES, version);
  server.get('/api/openapi.json', async () => openApi);
  for (const route of API_ROUTES) registerRoute(server, route, services);
  registerReviewPage(server);
  registerDatasetPage(server);

  if (app.config.queue === 'redis') {
    const [{ mountDashboard }, { BullMqQueue }] = await Promise.all([import('./mount-dashboard.js'), import('../queue/bullmq-queue.js')]);
    if (app.queue instanceof BullMqQueue) await mountDashboard(server, app.queue, services);
  }
  return server;
}
