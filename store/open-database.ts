/**
 * Opens the database: embedded PGlite in a folder by default, PostgreSQL when a URL is given.
 * A schema name isolates a test run (or a tenant) inside one PostgreSQL database.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { Pool } from 'pg';
import { StorageError } from '../core/errors';
import { redactUrl } from '../core/redact-url';
import type { Database } from './schema';
import { lockDataFolder } from './data-folder-lock';
import { PGLITE_MAX_BIND_PARAMETERS, withParameterLimit } from './parameter-limit-dialect';
import { SqlRepository } from './sql-repository';

export type DatabaseOptions = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; schema?: string };

export async function openRepository(options: DatabaseOptions): Promise<SqlRepository> {
  if (options.kind === 'pglite') {
    // A null dataDir keeps the database in memory (tests, throwaway runs).
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    const lock = options.dataDir ? await lockDataFolder(options.dataDir) : null;
    const pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
    await pglite.waitReady.catch(async (error: unknown) => {
      await lock?.release();
      throw new StorageError(`cannot open the embedded database in ${options.dataDir ?? 'memory'}: ${(error as Error).message}`, error);
    });
    const db = new Kysely<Database>({ dialect: withParameterLimit(new PGliteDialect(pglite), PGLITE_MAX_BIND_PARAMETERS) });
    const repo = new SqlRepository(db, async () => {
      if (!pglite.closed) await pglite.close();
      await lock?.release();
    });
    try {
      await repo.migrate();
    } catch (error) {
      await repo.close();
      throw error;
    }
    return repo;
  }
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StorageError(`invalid schema name: ${schema}`);
  const pool = new Pool({ connectionString: options.url, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  try {
    const client = await pool.connect();
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    client.release();
  } catch (error) {
    await pool.end();
    throw new StorageError(`cannot connect to PostgreSQL (${redactUrl(options.url)}): ${(error as Error).message}; is the server running?`, error);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const repo = new SqlRepository(db, async () => undefined, schema);
  await repo.migrate();
  return repo;
}
