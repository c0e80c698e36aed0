/**
 * Fault suite: a 20 MB text uploaded to `sohoa serve`. Its restoration used to run on the
 * server's main thread for minutes: every request waited and SIGTERM was ignored. Now it runs
 * in the finish thread: while it does, the server answers within 200 ms, and SIGTERM ends the
 * server promptly. Bounded: it watches the processing for a few seconds, not to its end.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES } from '../helpers/cli';
import { freePort, startCli, waitUntil, type Running } from '../helpers/processes';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TWENTY_MB = 20 * 1024 * 1024;

describe('a 20 MB text upload', () => {
  let data = '';
  let running: Running | null = null;
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'sohoa-large-text-'));
  });
  afterAll(async () => {
    if (running && running.process.exitCode === null) {
      running.process.kill('SIGKILL');
      await running.exited;
    }
    await rm(data, { recursive: true, force: true });
  });

  it('leaves the server answering within 200 ms while it is restored, and SIGTERM still ends the server', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    running = startCli(['serve', '--port', String(port), '--data', data], { SOHOA_DATA_DIR: data });
    await waitUntil('the server to listen', async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok === true, 60_000);
    const token = /admin token \(shown once; keep it safe\): (\S+)/.exec(running.log())![1]!;
    const auth = { authorization: `Bearer ${token}` };

    const sample = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
    const text = sample.repeat(Math.ceil(TWENTY_MB / Buffer.byteLength(sample)));
    const form = new FormData();
    form.append('file', new Blob([text]), 'twenty-megabytes.txt');
    const upload = await fetch(`${base}/api/documents`, { method: 'POST', headers: auth, body: form });
    expect(upload.status).toBe(202);
    const id = ((await upload.json()) as Json).documents[0].documentId as string;
    const progress = async () => ((await (await fetch(`${base}/api/documents/${id}`, { headers: auth })).json()) as Json).progress;
    await waitUntil('restoration to start', async () => (await progress())?.stage === 'restore', 45_000, 100);

    // Requests one after another for five seconds of restoration: none may wait.
    const latencies: number[] = [];
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      for (const path of ['/api/health', '/api/documents?limit=50']) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers: auth });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        expect(response.status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await progress()).state).toBe('running');
    expect(latencies.length).toBeGreaterThan(20);
    expect(Math.max(...latencies)).toBeLessThan(200);

    const stopping = performance.now();
    running.process.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(10_000);
  }, 120_000);
});
