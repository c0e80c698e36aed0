/** A real sohoa server in this process, on a free port, over an embedded or PostgreSQL database. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../../app/create-app';
import { resolveConfig } from '../../core/config';
import { silentLogger } from '../../core/logger';
import type { Role } from '../../core/review';
import { createServer } from '../../server/create-server';

export interface TestServer {
  base: string;
  app: App;
  server: FastifyInstance;
  /** A token for a new user of that role. */
  tokenFor(role: Role, name?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestServer(options: { databaseUrl?: string; databaseSchema?: string; maxUploadBytes?: number } = {}): Promise<TestServer> {
  const config = resolveConfig({ ephemeral: true, databaseUrl: options.databaseUrl ?? null, databaseSchema: options.databaseSchema ?? null, queue: 'embedded', ocrWorkers: 1 }, {});
  const app = await createApp(config, silentLogger);
  const server = await createServer(app, { logger: silentLogger, maxUploadBytes: options.maxUploadBytes, progressPollMs: 50 });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as AddressInfo;
  let users = 0;
  return {
    base: `http://127.0.0.1:${port}`,
    app,
    server,
    async tokenFor(role, name) {
      const user = await app.repo.access.createUser(name ?? `${role}-${++users}`, role);
      return (await app.repo.access.issueToken(user.id, 'test')).token;
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}
