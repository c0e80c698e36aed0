/**
 * Fault suite: `sohoa serve` killed with SIGKILL while a document is being processed. The
 * document used to stay "running" for good; the restarted server now resumes it and it ends
 * done, once. The second start also shows the killed server's lock on the data folder taken over.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES } from '../helpers/cli';
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function startServer(data: string, port: number): Promise<Running> {
  const server = startCli(['serve', '--port', String(port), '--data', data], { SOHOA_DATA_DIR: data });
  await waitUntil('the server to listen', async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true, 60_000);
  return server;
}

describe('a server killed mid-processing', () => {
  let data = '';
  let running: Running | null = null;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'sohoa-restart-'));
  });
  afterAll(async () => {
    if (running && running.process.exitCode === null) {
      running.process.kill('SIGTERM');
      await running.exited;
    }
    await rm(data, { recursive: true, force: true });
  });

  it('resumes the unfinished document at the next start, which then ends done', async () => {
    const port = await freePort();
    running = await startServer(data, port);
    const base = `http://127.0.0.1:${port}`;
    const token = /admin token \(shown once; keep it safe\): (\S+)/.exec(running.log())![1]!;
    const auth = { authorization: `Bearer ${token}` };
    // Long enough that processing is surely under way when the server is killed.
    const text = (await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8')).repeat(15);
    const form = new FormData();
    form.append('file', new Blob([text]), 'long-report.txt');
    const uploaded = (await (await fetch(`${base}/api/documents`, { method: 'POST', headers: auth, body: form })).json()) as Json;
    const id = uploaded.documents[0].documentId as string;
    const progress = async () => ((await (await fetch(`${base}/api/documents/${id}`, { headers: auth })).json()) as Json).progress;
    await waitUntil('processing to start', async () => (await progress())?.state === 'running', 30_000, 50);
    running.process.kill('SIGKILL');
    await running.exited;

    running = await startServer(data, port);
    await waitUntil('the resumed document to finish', async () => ['done', 'failed'].includes((await progress())?.state), 120_000, 250);
    expect(await progress()).toMatchObject({ state: 'done', filename: 'long-report.txt' });
    expect(running.log()).toContain('long-report.txt: left unfinished by an earlier process; resumed');
    const list = (await (await fetch(`${base}/api/documents`, { headers: auth })).json()) as Json;
    expect(list.items).toHaveLength(1);
  }, 240_000);
});
