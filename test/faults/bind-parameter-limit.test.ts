/**
 * Fault suite: a document with 10,000 indicators. Its statements would carry more bind
 * parameters than the drivers allow (PGlite stops answering reads past 32,767, PostgreSQL
 * refuses past 65,535), so writes and the export's lookups must stay within those limits.
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Indicator, Score, SohoaDocument } from '../../core/contracts';
import { PGLITE_MAX_BIND_PARAMETERS, withParameterLimit } from '../../store/parameter-limit-dialect';
import { openRepository } from '../../store/open-database';
import type { Repository } from '../../store/repository';
import { dropSchema, requirePostgres, uniqueSchema } from '../helpers/services';

const COUNT = 10_000;
const document: SohoaDocument = {
  id: 'fa'.repeat(32), filename: 'many-indicators.txt', mime: 'text/plain', byteSize: 1_000_000, pageCount: 1,
  metadata: { type: null, number: null, date: null, issuer: null, place: null, title: null, signer: null, signingCapacity: null, province: 'Gia Lai', year: 2021 },
  createdAt: '2021-07-14T00:00:00.000Z',
};
const indicators: Indicator[] = Array.from({ length: COUNT }, (_, n) => ({
  key: 'videoconf.communes_connected', kind: 'value', value: n, denominator: 220, unit: 'xã', qualifier: null, percent: null, year: 2021, province: 'Gia Lai',
  entity: null, level: 'commune', phrase: `(${n}/220 xã)`, valueText: `${n}/220`, span: [n * 10, n * 10 + 7], page: 1, confidence: 0.8, flags: [], reviewState: 'pending',
}));
const score: Score = { rubric: 'default@0.1', entity: 'Gia Lai', year: 2021, total: 1, maxTotal: 10, coverage: 1, criteria: [] };

function describeBackend(name: string, open: () => Promise<Repository>, cleanUp: () => Promise<void> = async () => undefined) {
  describe(`a document with ${COUNT.toLocaleString('en')} indicators: ${name}`, () => {
    let repo: Repository;
    beforeAll(async () => {
      repo = await open();
    });
    afterAll(async () => {
      await repo?.close();
      await cleanUp();
    });

    it('is stored whole, read back, exported with its reviews, and the database keeps answering', async () => {
      await repo.saveDocument(document);
      const run = { document, pages: [], ocrText: 'x', restoredText: 'x', restoredBy: 'test', indicators, checks: [], score, storeMessage: null };
      await repo.saveFinishedRun(run);
      // A second run keeps reviewed records by what was read where: every one is looked up again.
      const stored = await repo.review.listIndicators({ documentId: document.id }, null, { limit: 1, offset: 0 });
      await repo.review.reviseIndicator({ id: stored[0]!.id, expectedRevision: 0, action: 'accept', author: 'lan', revise: (i) => ({ ...i, reviewState: 'accepted' }) });
      await repo.saveFinishedRun(run);
      expect(await repo.getIndicators(document.id)).toHaveLength(COUNT);
      const rows = await repo.review.exportRows({}, { reviewedOnly: false, visibility: null });
      expect(rows).toHaveLength(COUNT);
      expect(rows.filter((r) => r.reviewedBy === 'lan')).toHaveLength(1);
      expect(await repo.getProgress(document.id)).toMatchObject({ state: 'done' });
      expect((await repo.listDocuments()).map((d) => d.id)).toContain(document.id);
    });
  });
}

describeBackend('PGlite', () => openRepository({ kind: 'pglite', dataDir: null }));

const schema = uniqueSchema('sohoa_test_bind');
let url = '';
describeBackend(
  'PostgreSQL',
  async () => {
    url = await requirePostgres();
    return openRepository({ kind: 'postgres', url, schema });
  },
  async () => {
    if (url) await dropSchema(url, schema);
  },
);

describe('a statement over PGlite\'s bind-parameter limit', () => {
  it('is refused with a clear error, and the database keeps answering afterwards', async () => {
    const pglite = new PGlite();
    const db = new Kysely<Record<string, never>>({ dialect: withParameterLimit(new PGliteDialect(pglite), PGLITE_MAX_BIND_PARAMETERS) });
    try {
      const many = Array.from({ length: 33_000 }, (_, n) => n);
      await expect(sql`select 1 where 1 in (${sql.join(many)})`.execute(db)).rejects.toThrow(/33000 bind parameters, over the database's limit of 32767/);
      expect((await sql<{ n: number }>`select 2 as n`.execute(db)).rows).toEqual([{ n: 2 }]);
    } finally {
      await db.destroy();
      await pglite.close().catch(() => undefined);
    }
  });
});
