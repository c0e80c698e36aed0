import { Client } from 'pg';
import { openRepository } from '../../store/open-database';
import { describeRepository } from '../conformance/repository-suite';
import { dropSchema, requirePostgres, uniqueSchema } from '../helpers/services';

describeRepository('PGlite (embedded)', () => openRepository({ kind: 'pglite', dataDir: null }));

const schema = uniqueSchema('sohoa_test_repo');
let url = '';
describeRepository('PostgreSQL', async () => {
  url = await requirePostgres();
  return openRepository({ kind: 'postgres', url, schema });
});

describe('the audit log', () => {
  it('refuses changes and deletions in the database itself, whoever connects', async () => {
    url = await requirePostgres();
    const repo = await openRepository({ kind: 'postgres', url, schema });
    await repo.access.appendAudit({ actor: 'admin', action: 'token.create', target: 'user:admin' });
    await repo.close();
    const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      expect(Number((await client.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

afterAll(async () => {
  if (url) await dropSchema(url, schema);
});
