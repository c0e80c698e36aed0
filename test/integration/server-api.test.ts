/**
 * The archive API over real HTTP, a real database (embedded PGlite, then PostgreSQL), the real
 * pipeline and model: every route refuses callers without a token and roles without the
 * permission, and each works for the roles that have it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_ROUTES } from '../../server/create-server';
import { PERMISSIONS } from '../../server/permissions';
import type { Role } from '../../core/review';
import { FIXTURES, parseCsv, SAMPLES } from '../helpers/cli';
import { startTestServer, type TestServer } from '../helpers/api-server';
import { dropSchema, requirePostgres, uniqueSchema } from '../helpers/services';
import { altoErrors, pdfaProblems } from '../helpers/archival-checks';

const SEED_000 = join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt');
const ROLES: Role[] = ['admin', 'archivist', 'reviewer', 'researcher'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function client(base: string, token: string | null) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  return {
    get: (path: string) => fetch(base + path, { headers: headers() }),
    json: (method: string, path: string, body: unknown) =>
      fetch(base + path, { method, headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }),
    upload: (files: Array<{ name: string; bytes: Buffer }>) => {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
      return fetch(base + '/api/documents', { method: 'POST', headers: headers(), body: form });
    },
  };
}

/** Reads the progress stream to its end and returns the last event's data. */
async function finalProgress(base: string, token: string, documentId: string): Promise<Json> {
  const response = await fetch(`${base}/api/documents/${documentId}/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events = (await response.text()).split('\n\n').filter((e) => e.startsWith('event: progress'));
  expect(events.length).toBeGreaterThan(0);
  return JSON.parse(events.at(-1)!.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
}

/** A concrete URL for a route pattern, with well-formed values for its parameters. */
function concrete(url: string): string {
  return url.replace(':id', url.startsWith('/api/documents') ? 'ab'.repeat(32) : '1').replace(':page', '1').replace(':format', 'text');
}

describe('archive API on the embedded database', () => {
  let t: TestServer;
  const tokens = {} as Record<Role, string>;
  let documentId = '';

  beforeAll(async () => {
    t = await startTestServer({ maxUploadBytes: 2 * 1024 * 1024 });
    for (const role of ROLES) tokens[role] = await t.tokenFor(role, `${role}-one`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health and the OpenAPI document without a token, and the document lists every route with its roles', async () => {
    expect(await (await fetch(`${t.base}/api/health`)).json()).toMatchObject({ status: 'ok', queue: 'embedded' });
    const doc = (await (await fetch(`${t.base}/api/openapi.json`)).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of API_ROUTES) {
      const operation = doc.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')][route.method.toLowerCase()];
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(operation.description).toContain(PERMISSIONS[route.permission].join(', '));
    }
    expect(doc.paths['/api/indicators/{id}'].patch.responses['409']).toBeDefined();
  });

  it('refuses every route without a valid token (401) and to every role without the permission (403)', async () => {
    for (const route of API_ROUTES) {
      const url = concrete(route.url);
      const anonymous = await fetch(t.base + url, { method: route.method });
      expect([route.method, route.url, anonymous.status]).toEqual([route.method, route.url, 401]);
      expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      const forged = await fetch(t.base + url, { method: route.method, headers: { authorization: 'Bearer sohoa_forged' } });
      expect(forged.status).toBe(401);
      for (const role of ROLES.filter((r) => !(PERMISSIONS[route.permission] as readonly Role[]).includes(r))) {
        const response = await fetch(t.base + url, { method: route.method, headers: { authorization: `Bearer ${tokens[role]}` } });
        expect([route.method, route.url, role, response.status]).toEqual([route.method, route.url, role, 403]);
        expect(((await response.json()) as Json).code).toBe('FORBIDDEN');
      }
    }
  });

  it('takes an upload, sniffs its type from the content, follows progress to done, and answers the same file with the same document', async () => {
    const bytes = await readFile(SEED_000);
    const response = await client(t.base, tokens.archivist).upload([{ name: 'quyet-dinh-416.txt', bytes }]);
    expect(response.status).toBe(202);
    const [result] = ((await response.json()) as Json).documents;
    expect(result).toMatchObject({ filename: 'quyet-dinh-416.txt', existing: false });
    documentId = result.documentId;
    expect(await finalProgress(t.base, tokens.archivist, documentId)).toMatchObject({ state: 'done', pagesDone: 1 });

    const again = (await (await client(t.base, tokens.admin).upload([{ name: 'renamed.png', bytes }])).json()) as Json;
    expect(again.documents[0]).toMatchObject({ documentId, existing: true });
  });

  it('refuses bad uploads with the file named and the problem stated, without losing the good file beside them', async () => {
    const archivist = client(t.base, tokens.archivist);
    const garbage = await archivist.upload([{ name: 'random.pdf', bytes: Buffer.from([0x00, 0xff, 0x10, 0x80, 0x00, 0x01]) }]);
    expect(garbage.status).toBe(415);
    expect(await garbage.json()).toMatchObject({ code: 'UNSUPPORTED_TYPE', message: expect.stringContaining('random.pdf') });
    const empty = await archivist.upload([{ name: 'empty.txt', bytes: Buffer.alloc(0) }]);
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'EMPTY_FILE', message: expect.stringContaining('empty.txt') });
    const huge = await archivist.upload([{ name: 'huge.txt', bytes: Buffer.alloc(3 * 1024 * 1024, 'a') }]);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('huge.txt') });
    const mixed = await archivist.upload([{ name: 'bad.tif', bytes: Buffer.from([1, 2, 3, 0]) }, { name: 'note.txt', bytes: Buffer.from('Báo cáo số 12/BC-UBND: đạt 95 %.') }]);
    expect(mixed.status).toBe(202);
    const results = ((await mixed.json()) as Json).documents;
    expect(results[0]).toMatchObject({ filename: 'bad.tif', error: { code: 'UNSUPPORTED_TYPE' } });
    expect(results[1]).toMatchObject({ filename: 'note.txt', existing: false });
    expect(await finalProgress(t.base, tokens.archivist, results[1].documentId)).toMatchObject({ state: 'done' });
  });

  it('shows an archivist only their own uploads; others see the archive', async () => {
    const other = await t.tokenFor('archivist', 'archivist-two');
    expect(((await (await client(t.base, other).get('/api/documents')).json()) as Json).items).toEqual([]);
    expect((await client(t.base, other).get(`/api/documents/${documentId}`)).status).toBe(404);
    expect((await client(t.base, other).get(`/api/indicators?documentId=${documentId}`)).status).toBe(200);
    expect(((await (await client(t.base, other).get(`/api/indicators?documentId=${documentId}`)).json()) as Json).items).toEqual([]);
    const mine = ((await (await client(t.base, tokens.archivist).get('/api/documents')).json()) as Json).items.map((d: Json) => d.id);
    expect(mine).toContain(documentId);
    const researcher = ((await (await client(t.base, tokens.researcher).get('/api/documents')).json()) as Json).items;
    expect(researcher.find((d: Json) => d.id === documentId)).toMatchObject({ metadata: { number: '416/QĐ-UBND' }, progress: { state: 'done' } });
  });

  it('searches with or without diacritics', async () => {
    const researcher = client(t.base, tokens.researcher);
    for (const q of ['quyet dinh', 'Quyết định', 'chinh quyen dien tu']) {
      const hits = ((await (await researcher.get(`/api/search?q=${encodeURIComponent(q)}`)).json()) as Json).items;
      expect([q, hits.map((h: Json) => h.documentId)]).toEqual([q, expect.arrayContaining([documentId])]);
    }
    const hit = ((await (await researcher.get('/api/search?q=quyet%20dinh')).json()) as Json).items.find((h: Json) => h.documentId === documentId);
    expect(hit.snippet.slice(hit.match[0], hit.match[1])).toBe('QUYẾT ĐỊNH');
    expect(((await (await researcher.get(`/api/search?q=${encodeURIComponent('quyệt đính')}`)).json()) as Json).items).toEqual([]);
    expect((await researcher.get('/api/search?q=')).status).toBe(400);
  });

  it('gives the detail of a document and its downloads', async () => {
    const reader = client(t.base, tokens.researcher);
    const detail = (await (await reader.get(`/api/documents/${documentId}`)).json()) as Json;
    expect(detail.document.metadata).toMatchObject({ type: 'Quyết định', number: '416/QĐ-UBND', date: '2021-07-14', province: 'Gia Lai' });
    expect(detail.text).toMatchObject({ kind: 'restored' });
    expect(detail.text.text).toContain('Ủy ban nhân dân tỉnh Gia Lai');
    expect(Object.keys(detail.downloads).sort()).toEqual(['alto', 'hocr', 'ocr-json', 'original', 'text']);
    const original = await reader.get(detail.downloads.original);
    expect(Buffer.from(await original.arrayBuffer()).equals(await readFile(SEED_000))).toBe(true);
    const text = await reader.get(detail.downloads.text);
    expect(text.headers.get('content-disposition')).toMatch(/^attachment; filename="quyet-dinh-416.txt"/);
    expect(await text.text()).toContain('QUYẾT ĐỊNH');
    expect(await (await reader.get(detail.downloads.alto)).text()).toContain('xmlns="http://www.loc.gov/standards/alto/ns-v4#"');
    expect((await reader.get(`/api/documents/${documentId}/download/pdf`)).status).toBe(404);
    expect([400, 404]).toContain((await reader.get(`/api/documents/${documentId}/download/../../etc`)).status);
    expect((await reader.get(`/api/documents/not-a-hash`)).status).toBe(400);
  });

  it('lists records with filters', async () => {
    const reader = client(t.base, tokens.researcher);
    const videoconf = ((await (await reader.get(`/api/indicators?documentId=${documentId}&key=videoconf.communes_connected&year=2020&province=Gia%20Lai`)).json()) as Json).items;
    expect(videoconf).toContainEqual(expect.objectContaining({ value: 184, denominator: 220, unit: 'xã', reviewState: 'pending', revision: 0 }));
    const flagged = ((await (await reader.get(`/api/indicators?documentId=${documentId}&flag=qualifier`)).json()) as Json).items;
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((r: Json) => r.flags.includes('qualifier'))).toBe(true);
    expect((await reader.get('/api/indicators?reviewState=maybe')).status).toBe(400);
  });

  it('orders the review queue by impact and corrects, accepts, rejects and undoes with optimistic concurrency', async () => {
    const reviewer = client(t.base, tokens.reviewer);
    const queue = (await (await reviewer.get('/api/review/queue?limit=500')).json()) as Json;
    expect(queue.items.length).toBeGreaterThan(0);
    const impacts = queue.items.map((i: Json) => i.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    expect(queue.items.every((i: Json) => i.reasons.length > 0 && i.reviewState === 'pending')).toBe(true);

    const target = ((await (await reviewer.get(`/api/indicators?documentId=${documentId}&key=videoconf.communes_connected`)).json()) as Json).items.find((r: Json) => r.value === 184);
    const detail = (await (await reviewer.get(`/api/indicators/${target.id}`)).json()) as Json;
    expect(detail.context.text.slice(target.span[0] - detail.context.from, target.span[1] - detail.context.from)).toBe(target.valueText);

    const corrected = await reviewer.json('PATCH', `/api/indicators/${target.id}`, { revision: 0, changes: { value: 185 } });
    expect(corrected.status).toBe(200);
    expect(((await corrected.json()) as Json).record).toMatchObject({ value: 185, denominator: 220, percent: 84.09, reviewState: 'corrected', revision: 1 });
    const stale = await client(t.base, tokens.admin).json('PATCH', `/api/indicators/${target.id}`, { revision: 0, changes: { value: 190 } });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: 'CONFLICT', current: { revision: 1, indicator: { value: 185 } } });
    expect((await reviewer.json('PATCH', `/api/indicators/${target.id}`, { revision: 1, changes: {} })).status).toBe(400);
    expect((await reviewer.json('PATCH', `/api/indicators/${target.id}`, { revision: 1, changes: { confidence: 1 } })).status).toBe(400);
    expect((await reviewer.json('POST', `/api/indicators/${target.id}/accept`, { revision: 0 })).status).toBe(409);
    expect((await reviewer.json('POST', `/api/indicators/${target.id}/accept`, { revision: 1 })).status).toBe(200);
    expect((await reviewer.json('POST', `/api/indicators/${target.id}/undo`, { revision: 2 })).status).toBe(200);
    const history = ((await (await reviewer.get(`/api/indicators/${target.id}`)).json()) as Json).history.map((h: Json) => [h.action, h.author]);
    expect(history).toEqual([['correct', 'reviewer-one'], ['accept', 'reviewer-one'], ['undo', 'reviewer-one']]);

    const other = ((await (await reviewer.get(`/api/indicators?documentId=${documentId}&limit=3`)).json()) as Json).items.find((r: Json) => r.id !== target.id);
    const rejected = await reviewer.json('POST', `/api/indicators/${other.id}/reject`, { revision: other.revision });
    expect(((await rejected.json()) as Json).record.reviewState).toBe('rejected');
    expect((await reviewer.json('POST', '/api/indicators/999999/accept', { revision: 0 })).status).toBe(404);
  });

  it('corrects a syllable of restored text with a spelling the model proposes, and refuses a stale version', async () => {
    const reviewer = client(t.base, tokens.reviewer);
    const { text } = (await (await reviewer.get(`/api/documents/${documentId}/text`)).json()) as Json;
    const at = text.text.indexOf('Chính quyền điện tử');
    const word: [number, number] = [at + 'Chính '.length, at + 'Chính quyền'.length];
    const proposal = (await (await reviewer.get(`/api/documents/${documentId}/text/alternatives?start=${word[0]}&end=${word[1]}`)).json()) as Json;
    expect(proposal).toMatchObject({ current: 'quyền', versionId: text.versionId });
    expect(proposal.alternatives[0].text).toBe('quyền');
    const other = proposal.alternatives.find((a: Json) => a.text !== 'quyền');
    expect(other).toBeDefined();

    const response = await reviewer.json('PATCH', `/api/documents/${documentId}/text`, { versionId: text.versionId, span: word, text: other.text });
    expect(response.status).toBe(200);
    const corrected = (await response.json()) as Json;
    expect(corrected.text.kind).toBe('reviewed');
    expect(corrected.text.text.slice(word[0], word[1])).toBe(other.text);
    const stale = await reviewer.json('PATCH', `/api/documents/${documentId}/text`, { versionId: text.versionId, span: word, text: 'quyền' });
    expect(stale.status).toBe(409);
    const back = await reviewer.json('PATCH', `/api/documents/${documentId}/text`, { versionId: corrected.text.versionId, span: word, text: 'quyền' });
    expect(back.status).toBe(200);
    expect((await client(t.base, tokens.researcher).json('PATCH', `/api/documents/${documentId}/text`, { versionId: 1, span: word, text: 'x' })).status).toBe(403);

    const training = await (await client(t.base, tokens.researcher).get('/api/training-text')).text();
    expect(training).toContain('Chính quyền điện tử');
  });

  it('exports the dataset as CSV and JSONL, all or reviewed only, with the corrections in it', async () => {
    const researcher = client(t.base, tokens.researcher);
    const all = parseCsv(await (await researcher.get(`/api/export?format=csv&documentId=${documentId}`)).text());
    expect(all.length).toBeGreaterThan(20);
    expect(all.some((r) => r.review_state === 'pending')).toBe(true);
    const reviewed = parseCsv(await (await researcher.get('/api/export?format=csv&reviewed=only')).text());
    expect(reviewed).toEqual([expect.objectContaining({ value: '185', denominator: '220', review_state: 'corrected', reviewed_by: 'reviewer-one', document: documentId, page: '1' })]);
    expect(Number(reviewed[0]!.span_end)).toBeGreaterThan(Number(reviewed[0]!.span_start));
    const lines = (await (await researcher.get('/api/export?format=jsonl&reviewed=only')).text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ value: 185, reviewState: 'corrected', documentId, filename: 'quyet-dinh-416.txt' })]);
    expect((await client(t.base, tokens.archivist).get('/api/export')).status).toBe(403);
  });

  it('lists scores', async () => {
    const scores = ((await (await client(t.base, tokens.researcher).get('/api/scores?province=Gia%20Lai&year=2020')).json()) as Json).items;
    expect(scores).toContainEqual(expect.objectContaining({ documentId, entity: 'Gia Lai', year: 2020 }));
  });

  it('lets admins manage users and tokens, and keeps an audit log of what everyone did', async () => {
    const admin = client(t.base, tokens.admin);
    const created = await admin.json('POST', '/api/users', { name: 'Nguyễn Lan', role: 'reviewer' });
    expect(created.status).toBe(201);
    const { user, token, tokenInfo } = (await created.json()) as Json;
    expect(user).toMatchObject({ name: 'Nguyễn Lan', role: 'reviewer' });
    expect(((await (await client(t.base, token).get('/api/me')).json()) as Json).user.name).toBe('Nguyễn Lan');
    expect((await admin.json('POST', '/api/users', { name: 'Nguyễn Lan', role: 'admin' })).status).toBe(409);
    expect((await admin.json('POST', '/api/users', { name: '../etc', role: 'admin' })).status).toBe(400);
    const second = (await (await admin.json('POST', `/api/users/${user.id}/tokens`, { name: 'laptop' })).json()) as Json;
    expect(second.token).not.toBe(token);
    const users = ((await (await admin.get('/api/users')).json()) as Json).items;
    expect(JSON.stringify(users)).not.toContain(token);
    expect((await fetch(`${t.base}/api/tokens/${tokenInfo.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.admin}` } })).status).toBe(200);
    expect((await client(t.base, token).get('/api/me')).status).toBe(401);
    expect((await client(t.base, second.token).get('/api/me')).status).toBe(200);

    const audit = ((await (await admin.get('/api/audit?limit=200')).json()) as Json).items.map((e: Json) => e.action);
    for (const action of ['document.upload', 'indicator.correct', 'indicator.accept', 'indicator.undo', 'indicator.reject', 'text.correct', 'dataset.export', 'user.create', 'token.create', 'token.revoke']) {
      expect(audit).toContain(action);
    }
    expect(JSON.stringify(await (await admin.get('/api/audit?limit=200')).json())).not.toContain(token);
  });

  it('serves the review page without data, and answers unknown routes with JSON', async () => {
    const page = await fetch(`${t.base}/review`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('/review/app.js');
    expect((await fetch(`${t.base}/review/app.js`)).status).toBe(200);
    const missing = await fetch(`${t.base}/review/../store/sql-repository.ts`);
    expect(missing.status).toBe(404);
    expect(await (await fetch(`${t.base}/api/nothing`)).json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the page image of a scan, with a searchable PDF and ALTO words to download', async () => {
    const archivist = client(t.base, tokens.archivist);
    const upload = (await (await archivist.upload([{ name: 'scan.png', bytes: await readFile(join(FIXTURES, 'scan-page.png')) }])).json()) as Json;
    const id = upload.documents[0].documentId;
    expect(await finalProgress(t.base, tokens.archivist, id)).toMatchObject({ state: 'done' });
    const detail = (await (await archivist.get(`/api/documents/${id}`)).json()) as Json;
    expect(detail.pages[0].image).toBe(`/api/documents/${id}/pages/1/image`);
    const image = await archivist.get(detail.pages[0].image);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
    const pdfResponse = await archivist.get(detail.downloads.pdf);
    const pdf = Buffer.from(await pdfResponse.arrayBuffer());
    if (pdfResponse.status !== 200) throw new Error(pdf.toString());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pdfaProblems(pdf)).toEqual([]);
    const alto = await (await archivist.get(detail.downloads.alto)).text();
    expect((alto.match(/<String /g) ?? []).length).toBeGreaterThan(50);
    expect(await altoErrors(alto)).toEqual([]);
    expect(alto).toMatch(/<Page ID="page_1" PHYSICAL_IMG_NR="1" WIDTH="\d+" HEIGHT="\d+">/);
    expect((await archivist.get(`/api/documents/${id}/pages/2/image`)).status).toBe(404);
  }, 120_000);
});

describe('archive API on PostgreSQL', () => {
  const schema = uniqueSchema('sohoa_api');
  let url = '';
  let t: TestServer;

  beforeAll(async () => {
    url = await requirePostgres();
    t = await startTestServer({ databaseUrl: url, databaseSchema: schema });
  });
  afterAll(async () => {
    await t?.close();
    if (url) await dropSchema(url, schema);
  });

  it('uploads, searches without diacritics, refuses a stale correction and exports it', async () => {
    const archivist = await t.tokenFor('archivist');
    const reviewer = await t.tokenFor('reviewer');
    const upload = (await (await client(t.base, archivist).upload([{ name: 'seed-000.txt', bytes: await readFile(SEED_000) }])).json()) as Json;
    const id = upload.documents[0].documentId;
    expect(await finalProgress(t.base, archivist, id)).toMatchObject({ state: 'done' });
    const hits = ((await (await client(t.base, reviewer).get('/api/search?q=uy%20ban%20nhan%20dan')).json()) as Json).items;
    expect(hits.map((h: Json) => h.documentId)).toEqual([id]);
    const record = ((await (await client(t.base, reviewer).get(`/api/indicators?documentId=${id}&key=admin_procedures.dossiers_received`)).json()) as Json).items[0];
    expect(record).toMatchObject({ value: 403086, unit: 'hồ sơ' });
    expect((await client(t.base, reviewer).json('PATCH', `/api/indicators/${record.id}`, { revision: 0, changes: { value: 403087 } })).status).toBe(200);
    expect((await client(t.base, reviewer).json('PATCH', `/api/indicators/${record.id}`, { revision: 0, changes: { value: 1 } })).status).toBe(409);
    const rows = parseCsv(await (await client(t.base, reviewer).get('/api/export?reviewed=only')).text());
    expect(rows.map((r) => [r.value, r.review_state])).toEqual([['403087', 'corrected']]);
  });
});
