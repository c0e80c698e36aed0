/**
 * Real services for integration tests. CI (.ci/run) starts PostgreSQL and Redis; on a machine
 * without them the tests fail with a message that says what to install or set.
 */
import IORedis from 'ioredis';
import { Client } from 'pg';

export const TEST_DATABASE_URL = process.env.SOHOA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function requirePostgres(): Promise<string> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return TEST_DATABASE_URL;
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed at ${TEST_DATABASE_URL} (${(error as Error).message}). ` +
        'Install it (Debian: apt-get install postgresql) and start it, or set SOHOA_TEST_DATABASE_URL; .ci/run does both.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of its own per test run, dropped afterwards, so runs never see each other's rows. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const TEST_REDIS_URL = process.env.SOHOA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function requireRedis(): Promise<string> {
  const client = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return TEST_REDIS_URL;
  } catch (error) {
    throw new Error(
      `Redis is needed at ${TEST_REDIS_URL} (${(error as Error).message}). ` +
        'Install it (Debian: apt-get install redis-server) and start it, or set SOHOA_TEST_REDIS_URL; .ci/run does both.',
    );
  } finally {
    client.disconnect();
  }
}

/** A key prefix of its own per test, so parallel or leftover runs never share jobs. */
export function uniquePrefix(name: string): string {
  return `sohoa-test-${name}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const client = new IORedis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}
