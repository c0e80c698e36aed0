/**
 * `sohoa serve` with the Redis queue, as a real process (its dashboard's dependencies are
 * ES modules that Node loads and jest's module runtime does not): health for anyone, the
 * queue dashboard for admins only.
 */
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';
import { deleteRedisKeys, dropSchema, requirePostgres, requireRedis, uniquePrefix, uniqueSchema } from '../helpers/services';

const schema = uniqueSchema('server');
const prefix = uniquePrefix('server');
let databaseUrl = '';
let redisUrl = '';
const servers: Running[] = [];

async function serve(adminToken: string | null): Promise<string> {
  const port = await freePort();
  const env = { DATABASE_URL: databaseUrl, SOHOA_DB_SCHEMA: schema, REDIS_URL: redisUrl, SOHOA_QUEUE_PREFIX: prefix, SOHOA_ADMIN_TOKEN: adminToken ?? '' };
  const server = startCli(['serve', '--queue', 'redis', '--port', String(port)], env);
  servers.push(server);
  await waitUntil('the server to listen', () => server.log().includes('serving on'), 30_000);
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  databaseUrl = await requirePostgres();
  redisUrl = await requireRedis();
});

afterAll(async () => {
  for (const server of servers) server.process.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  await dropSchema(databaseUrl, schema);
  await deleteRedisKeys(redisUrl, prefix);
});

describe('sohoa serve', () => {
  it('answers health to anyone and serves the queue dashboard to admins only', async () => {
    const base = await serve('secret-admin-token');
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', queue: 'redis', documents: 0 });

    const anonymous = await fetch(`${base}/admin/queues`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);

    const page = await fetch(`${base}/admin/queues`, { headers: { authorization: 'Bearer secret-admin-token' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const basic = Buffer.from('admin:secret-admin-token').toString('base64');
    const api = await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: `Basic ${basic}` } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['finish', 'ocr-page', 'split']);
  });

  it('does not mount the dashboard without an admin token', async () => {
    const base = await serve(null);
    expect((await fetch(`${base}/admin/queues`)).status).toBe(404);
  });
});
