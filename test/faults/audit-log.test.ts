/** Fault suite: the audit log stays append-only against TRUNCATE too, on both backends. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { openRepository } from '../../store/open-database';
import { dropSchema, requirePostgres, uniqueSchema } from '../helpers/services';

describe('the audit log against TRUNCATE', () => {
  const schema = uniqueSchema('sohoa_test_truncate');
  let url = '';
  afterAll(async () => {
    if (url) await dropSchema(url, schema);
  });

  it('is refused on PostgreSQL, whoever connects', async () => {
    url = await requirePostgres();
    const repo = await openRepository({ kind: 'postgres', url, schema });
    await repo.access.appendAudit({ actor: 'admin', action: 'token.create', target: 'user:admin' });
    await repo.close();
    const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect(Number((await client.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('is refused on the embedded database, whoever opens it', async () => {
    const data = await mkdtemp(join(tmpdir(), 'sohoa-audit-'));
    try {
      const repo = await openRepository({ kind: 'pglite', dataDir: data });
      await repo.access.appendAudit({ actor: 'admin', action: 'token.create', target: 'user:admin' });
      await repo.close();
      const raw = new PGlite(data);
      try {
        await expect(raw.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        expect((await raw.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n).toBe(1);
      } finally {
        await raw.close();
      }
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
