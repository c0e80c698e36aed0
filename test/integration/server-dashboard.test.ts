/**
 * `sohoa serve` with the Redis queue, as a real process (its dashboard's dependencies are
 * ES modules that Node loads and jest's module runtime does not): the admin token printed once
 * on first start, `sohoa token create`, health for anyone, the queue dashboard for admins only.
 */
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';
import { runCli } from '../helpers/cli';
import { deleteRedisKeys, dropSchema, requirePostgres, requireRedis, uniquePrefix, uniqueSchema } from '../helpers/services';

const schema = uniqueSchema('server');
const prefix = uniquePrefix('server');
let env: NodeJS.ProcessEnv = {};
const servers: Running[] = [];

async function serve(): Promise<{ base: string; server: Running }> {
  const port = await freePort();
  const server = startCli(['serve', '--queue', 'redis', '--port', String(port)], env);
  servers.push(server);
  await waitUntil('the server to listen', () => server.log().includes('serving on'), 30_000);
  return { base: `http://127.0.0.1:${port}`, server };
}

beforeAll(async () => {
  env = { DATABASE_URL: await requirePostgres(), SOHOA_DB_SCHEMA: schema, REDIS_URL: await requireRedis(), SOHOA_QUEUE_PREFIX: prefix };
});

afterAll(async () => {
  for (const server of servers) server.process.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  await dropSchema(env.DATABASE_URL!, schema);
  await deleteRedisKeys(env.REDIS_URL!, prefix);
});

describe('sohoa serve', () => {
  it('prints an admin token once, answers health to anyone, and serves the queue dashboard to admins only', async () => {
    const { base, server } = await serve();
    const adminToken = /admin token \(shown once; keep it safe\): (sohoa_\S+)/.exec(server.log())?.[1];
    expect(adminToken).toBeDefined();

    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', queue: 'redis', documents: 0 });

    const anonymous = await fetch(`${base}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: 'Bearer sohoa_not-the-token' } })).status).toBe(401);

    const reviewer = await runCli(['token', 'create', '--role', 'reviewer', '--name', 'lan'], { env });
    expect(reviewer.code).toBe(0);
    const reviewerToken = reviewer.stdout.trim();
    expect(reviewerToken).toMatch(/^sohoa_/);
    expect(reviewer.stderr).not.toContain(reviewerToken);
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${reviewerToken}` } })).status).toBe(401);
    expect(await (await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${reviewerToken}` } })).json()).toMatchObject({ user: { name: 'lan', role: 'reviewer' } });
    const again = await runCli(['token', 'create', '--role', 'admin', '--name', 'lan'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists with role reviewer/);

    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const basic = Buffer.from(`admin:${adminToken}`).toString('base64');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Basic ${basic}` } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['finish', 'ocr-page', 'split']);
  });

  it('prints no new admin token once users exist', async () => {
    const { server } = await serve();
    expect(server.log()).not.toContain('admin token');
  });
});
