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
afterAll(async () => {
  if (url) await dropSchema(url, schema);
});
