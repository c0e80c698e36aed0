/**
 * The dataset routes over real HTTP on both database backends, with documents that went through
 * the real pipeline (the seeds' texts): keys with their counts, search with and without
 * diacritics, a key's province x year table with review states and failed checks, a conflict
 * that a reviewer's correction creates between two documents, targets apart from achieved
 * values, and the export of exactly what is shown, with a citation per record.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsv } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/api-server';
import { dropSchema, requirePostgres, uniqueSchema } from '../helpers/services';

// The seed texts, copied from the shared seeds/ into test/fixtures/gold/ (see its README).
const SEEDS = join(__dirname, '..', 'fixtures', 'gold');
/** Two copies of the Gia Lai decision 416 on 2020 (an OCR text and a draft) and the 2021 report. */
const FILES = ['000_da7100ae5e4971d0.txt', '002_ce3978a132362554.txt', '001_081aa9f9a8cd461e.txt'];
const KEY = 'admin_procedures.dossiers_received';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function upload(base: string, token: string, names: string[]): Promise<Record<string, string>> {
  const form = new FormData();
  for (const name of names) form.append('file', new Blob([new Uint8Array(await readFile(join(SEEDS, name)))]), name);
  const response = await fetch(`${base}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(202);
  const ids: Record<string, string> = {};
  for (const d of ((await response.json()) as Json).documents) ids[d.filename] = d.documentId;
  // The progress stream ends when a document is done.
  for (const id of Object.values(ids)) {
    const events = await (await fetch(`${base}/api/documents/${id}/events`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(events).toContain('"state":"done"');
  }
  return ids;
}

function describeDatasetApi(backend: string, start: () => Promise<{ server: TestServer; cleanup?: () => Promise<void> }>) {
  describe(`dataset routes on ${backend}`, () => {
    let t: TestServer;
    let cleanup: (() => Promise<void>) | undefined;
    let ids: Record<string, string> = {};
    const tokens: Record<string, string> = {};
    const get = async (role: string, path: string) => fetch(t.base + path, { headers: { authorization: `Bearer ${tokens[role]}` } });
    const json = async (role: string, path: string) => {
      const response = await get(role, path);
      expect([path, response.status]).toEqual([path, 200]);
      return (await response.json()) as Json;
    };

    beforeAll(async () => {
      ({ server: t, cleanup } = await start());
      for (const role of ['archivist', 'reviewer', 'researcher'] as const) tokens[role] = await t.tokenFor(role);
      ids = await upload(t.base, tokens.archivist!, FILES);
    }, 240_000);
    afterAll(async () => {
      await t?.close();
      await cleanup?.();
    });

    it('lists taxonomy and open keys with their records, documents, provinces and years; archivists may not', async () => {
      const { items, total } = await json('researcher', '/api/datasets/keys');
      expect(items.length).toBe(total);
      expect(items.find((k: Json) => k.key === KEY)).toMatchObject({ open: false, records: 3, documents: 3, provinces: 1, years: 2, firstYear: 2020, lastYear: 2021, unit: 'hồ sơ' });
      expect(items.some((k: Json) => k.open && k.key.startsWith('open.'))).toBe(true);
      // Most records first.
      expect(items.map((k: Json) => k.records)).toEqual([...items.map((k: Json) => k.records)].sort((a, b) => b - a));
      expect((await get('archivist', '/api/datasets/keys')).status).toBe(403);
    });

    it('finds keys with or without diacritics; marks in the query are meant', async () => {
      const found = async (q: string) => (await json('researcher', `/api/datasets/keys?q=${encodeURIComponent(q)}`)).items.map((k: Json) => k.key);
      expect(await found('tiếp nhận hồ sơ')).toContain(KEY);
      expect(await found('tiep nhan ho so')).toContain(KEY);
      expect(await found('dossiers received')).toContain(KEY);
      expect(await found('tiếp nhận hổ sơ')).not.toContain(KEY);
    });

    it("opens a key as a province x year table, each record with its review state, flags and citable source", async () => {
      const data = await json('researcher', `/api/datasets/keys/${KEY}`);
      expect(data.kinds).toEqual({ value: 3 });
      expect(data.years).toEqual([2020, 2021]);
      expect(data.series.map((s: Json) => s.label)).toEqual(['Gia Lai']);
      const cell2020 = data.cells.find((c: Json) => c.year === 2020);
      expect(cell2020.records.map((r: Json) => [r.value, r.source.documentId]).sort()).toEqual([[403086, ids[FILES[0]!]], [403086, ids[FILES[1]!]]].sort());
      expect(cell2020).toMatchObject({ conflict: false, unreviewed: true });
      const decision = cell2020.records.find((r: Json) => r.source.documentId === ids[FILES[0]!]);
      expect(decision).toMatchObject({ unit: 'hồ sơ', kind: 'value', reviewState: 'pending', source: { number: '416/QĐ-UBND', date: '2021-07-14', page: 1 }, review: `/review#record=${decision.id}` });
      expect(decision.citation).toMatch(/^Quyết định số 416\/QĐ-UBND, ngày 14\/7\/2021, ỦY BAN NHÂN DÂN TỈNH GIA LAI, trang 1, dòng \d+/);
      expect(data.cells.find((c: Json) => c.year === 2021).shown).toMatchObject({ value: 508364, source: { documentId: ids[FILES[2]!] } });
      expect(data.conflicts).toEqual([]);

      const checked = await json('researcher', '/api/datasets/keys/videoconf.communes_connected');
      const failing = checked.cells.flatMap((c: Json) => c.records).filter((r: Json) => r.flags.some((f: string) => f.startsWith('check-failed:')));
      expect(failing.length).toBeGreaterThan(0);
      expect(checked.cells.some((c: Json) => c.failedChecks)).toBe(true);
      expect((await get('researcher', '/api/datasets/keys/no.such.key')).status).toBe(404);
    });

    it('keeps targets apart from achieved values', async () => {
      const key = 'videoconf.communes_coverage_target_pct';
      const achieved = await json('researcher', `/api/datasets/keys/${key}?kind=value`);
      const targets = await json('researcher', `/api/datasets/keys/${key}?kind=target`);
      expect(targets.kinds.target).toBeGreaterThan(0);
      expect(targets.cells.flatMap((c: Json) => c.records).every((r: Json) => r.kind === 'target')).toBe(true);
      expect(achieved.cells.flatMap((c: Json) => c.records).every((r: Json) => r.kind === 'value')).toBe(true);
      expect(targets.cells.flatMap((c: Json) => c.records).length).toBe(targets.kinds.target);
      expect((await get('researcher', `/api/datasets/keys/${key}?kind=plan`)).status).toBe(400);
    });

    it('shows a conflict with both sources once two documents disagree, leaves rejected records out, and exports what is shown', async () => {
      const before = await json('researcher', `/api/datasets/keys/${KEY}`);
      const draft = before.cells.flatMap((c: Json) => c.records).find((r: Json) => r.source.documentId === ids[FILES[1]!]);
      const patch = await fetch(`${t.base}/api/indicators/${draft.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${tokens.reviewer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ revision: draft.revision, changes: { value: 403087 } }),
      });
      expect(patch.status).toBe(200);
      const report = before.cells.find((c: Json) => c.year === 2021).shown;
      const reject = await fetch(`${t.base}/api/indicators/${report.id}/reject`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.reviewer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ revision: report.revision }),
      });
      expect(reject.status).toBe(200);

      const after = await json('researcher', `/api/datasets/keys/${KEY}`);
      expect(after.years).toEqual([2020]);
      expect(after.conflicts).toHaveLength(1);
      const [conflict] = after.conflicts;
      expect(conflict).toMatchObject({ label: 'Gia Lai', year: 2020 });
      expect(conflict.figures.map((f: Json) => [f.value, f.records.map((r: Json) => r.source.documentId)]).sort()).toEqual(
        [[403086, [ids[FILES[0]!]]], [403087, [ids[FILES[1]!]]]].sort(),
      );
      const cell = after.cells[0];
      expect(cell).toMatchObject({ conflict: true, shown: { value: 403087, reviewState: 'corrected' } });

      const csv = await get('researcher', `/api/datasets/keys/${KEY}/export?format=csv`);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const rows = parseCsv(await csv.text());
      expect(rows.map((r) => [r.value, r.review_state, r.conflict, r.year]).sort()).toEqual([['403086', 'pending', 'true', '2020'], ['403087', 'corrected', 'true', '2020']]);
      expect(rows.find((r) => r.value === '403086')!.citation).toMatch(/^Quyết định số 416\/QĐ-UBND, ngày 14\/7\/2021, .*trang 1, dòng \d+/);
      const lines = (await (await get('researcher', `/api/datasets/keys/${KEY}/export?format=jsonl`)).text()).trim().split('\n').map((l) => JSON.parse(l) as Json);
      expect(lines.map((l) => l.recordId).sort()).toEqual(cell.records.map((r: Json) => r.id).sort());
      expect(lines.every((l) => typeof l.citation === 'string' && l.citation.includes('trang 1'))).toBe(true);
      const keys = (await json('researcher', '/api/datasets/keys')).items;
      expect(keys.find((k: Json) => k.key === KEY)).toMatchObject({ records: 2, years: 1 });
    });
  });
}

describeDatasetApi('the embedded database', async () => ({ server: await startTestServer() }));

describeDatasetApi('PostgreSQL', async () => {
  const url = await requirePostgres();
  const schema = uniqueSchema('sohoa_datasets');
  return { server: await startTestServer({ databaseUrl: url, databaseSchema: schema }), cleanup: () => dropSchema(url, schema) };
});
