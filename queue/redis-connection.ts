/**
 * Redis connections as BullMQ wants them: workers and event listeners block and must retry
 * forever (`maxRetriesPerRequest: null`); producers fail fast so a submit with Redis down
 * errors at once instead of hanging.
 */
import IORedis, { type Redis } from 'ioredis';
import type { Logger } from '../core/logger';
import { SohoaError } from '../core/errors';
import { redactUrl } from '../core/redact-url';

export type ConnectionRole = 'producer' | 'worker';

const CONNECT_TIMEOUT_MS = 5000;

export async function connectRedis(url: string, role: ConnectionRole): Promise<Redis> {
  const client =
    role === 'worker'
      ? new IORedis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS })
      : new IORedis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: (n) => (n > 3 ? null : 200 * n) });
  // Connection errors are reported by connect() below and, later, by the queue's own events.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new SohoaError('CONFIG', `cannot reach Redis at ${redactUrl(url)} (${(error as Error).message}); start redis-server or unset REDIS_URL to use the embedded queue`, { cause: error });
  }
  return client;
}

/**
 * BullMQ loses jobs when Redis evicts keys under memory pressure: anything but `noeviction`
 * deserves a loud warning at start.
 */
export async function checkEvictionPolicy(client: Redis, logger: Logger): Promise<string | null> {
  try {
    const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') {
      logger.warn(`Redis maxmemory-policy is '${policy}': queued jobs can be evicted under memory pressure; set it to 'noeviction' (redis-cli CONFIG SET maxmemory-policy noeviction)`);
    }
    return policy;
  } catch (error) {
    logger.warn(`cannot read Redis maxmemory-policy (${(error as Error).message}); make sure it is 'noeviction'`);
    return null;
  }
}
