/** Fault suite: an archivist re-uploading a file another archivist uploaded first sees only their own name for it. */
import { startTestServer, type TestServer } from '../helpers/api-server';
import { waitUntil } from '../helpers/processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the same file uploaded by two archivists', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows each their own file name, in the list, the detail and search, never the other's", async () => {
    const bytes = Buffer.from('Báo cáo số 12/BC-UBND về chuyển đổi số: đạt 95 %.');
    const [first, second] = [await t.tokenFor('archivist', 'an'), await t.tokenFor('archivist', 'binh')];
    const get = async (token: string, path: string) => (await (await fetch(t.base + path, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
    const upload = async (token: string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      return ((await (await fetch(`${t.base}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json()) as Json).documents[0];
    };
    const id = (await upload(first, 'ho-so-mat-cua-an.txt')).documentId as string;
    await waitUntil('the document to be processed', async () => (await get(first, `/api/documents/${id}`)).progress?.state === 'done', 60_000, 100);
    expect((await upload(second, 'bao-cao.txt')).documentId).toBe(id);

    const seen = JSON.stringify([await get(second, '/api/documents'), await get(second, `/api/documents/${id}`), await get(second, '/api/search?q=chuyen%20doi')]);
    expect(seen).toContain('bao-cao.txt');
    expect(seen).not.toContain('ho-so-mat-cua-an');
    expect((await get(first, '/api/documents')).items[0].filename).toBe('ho-so-mat-cua-an.txt');
  });
});
