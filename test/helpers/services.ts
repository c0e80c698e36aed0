/**
 * Real services for integration tests. CI (.ci/run) starts PostgreSQL and Redis; on a machine
 * without them the tests fail with a message that says what to install or set.
 */
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
