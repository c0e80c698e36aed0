/** Fault suite: requests the database cannot take are refused as bad requests (400), not server errors. */
import { startTestServer, type TestServer } from '../helpers/api-server';

describe('requests with a NUL character or an integer past 32 bits', () => {
  let t: TestServer;
  let token = '';
  beforeAll(async () => {
    t = await startTestServer();
    token = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string) => fetch(t.base + path, { headers: { authorization: `Bearer ${token}` } });

  it.each([
    ['a NUL in a search', '/api/search?q=quy%00et', /query\.q: contains a NUL character/],
    ['a NUL in a filter', '/api/export?format=csv&key=a%00b', /query\.key: contains a NUL character/],
    ['a record id past 32 bits', '/api/indicators/4294967296', /params\.id: /],
    ['an offset past 32 bits', '/api/documents?offset=99999999999', /query\.offset: /],
    ['a year past 32 bits', '/api/export?year=99999999999', /query\.year: /],
  ])('%s is a 400 naming the field', async (_, path, message) => {
    const response = await get(path);
    const body = (await response.json()) as { code: string; message: string };
    expect([response.status, body.code]).toEqual([400, 'BAD_INPUT']);
    expect(body.message).toMatch(message);
  });

  it('a NUL in a JSON body is a 400 too, and the server keeps answering', async () => {
    const response = await fetch(`${t.base}/api/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lan', role: 'reviewer', tokenName: 'x\u0000y' }),
    });
    expect(response.status).toBe(400);
    expect((await get('/api/documents')).status).toBe(200);
  });
});
