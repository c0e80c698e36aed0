/**
 * Soak bench (issue 21): a `sohoa serve` process, on the embedded database and then on
 * PostgreSQL, under N concurrent readers listing documents and M concurrent uploaders for a
 * bounded time. Prints throughput, p50/p99 latency per kind of request and the server's RSS
 * before, at its peak and after. Asserts nothing.
 *   npm run bench:server [-- --readers 200 --uploaders 2 --seconds 20 --documents 30]
 * Target: 200 concurrent document lists at p99 < 500 ms on PostgreSQL, with flat memory.
 * Loopback only; PostgreSQL from DATABASE_URL (default the local `test` database), in a schema
 * of its own that is dropped afterwards.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { shippedFile } from '../core/paths';
import { freePort, startCli, waitUntil, type Running } from '../test/helpers/processes';
import { dropSchema } from '../test/helpers/services';

const Args = z.object({
  readers: z.coerce.number().int().positive().default(200),
  uploaders: z.coerce.number().int().nonnegative().default(2),
  seconds: z.coerce.number().positive().default(20),
  documents: z.coerce.number().int().nonnegative().default(30),
  backends: z.string().default('embedded,postgres'),
});
type Args = z.infer<typeof Args>;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function parseArgs(): Args {
  const raw: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) raw[argv[i]!.replace(/^--/, '')] = argv[i + 1]!;
  return Args.parse(raw);
}

function rssMb(pid: number): Promise<number> {
  return readFile(`/proc/${pid}/status`, 'utf8').then((s) => Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024);
}

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);

/** A small text document made unique by its header line, so each upload is a new document. */
function documentText(sample: string, n: number): string {
  return `BAO CAO SO ${n}/BC-BENCH\n${sample.slice(0, 3000)}`;
}

async function upload(base: string, token: string, name: string, text: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([text]), name);
  const response = await fetch(`${base}/api/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (response.status !== 202) throw new Error(`upload ${name}: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { documents: Array<{ documentId: string }> }).documents[0]!.documentId;
}

async function soak(backend: 'embedded' | 'postgres', args: Args, sample: string): Promise<void> {
  const data = await mkdtemp(join(tmpdir(), 'sohoa-bench-server-'));
  const schema = `sohoa_bench_server_${process.pid}`;
  const env: NodeJS.ProcessEnv = backend === 'postgres' ? { DATABASE_URL, SOHOA_DB_SCHEMA: schema } : { DATABASE_URL: undefined, SOHOA_DB_SCHEMA: undefined };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: Running | null = null;
  try {
    server = startCli(['serve', '--port', String(port), '--data', data], env);
    await waitUntil('the server to listen', async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok === true, 120_000);
    const token = /admin token \(shown once; keep it safe\): (\S+)/.exec(server.log())![1]!;
    const auth = { authorization: `Bearer ${token}` };
    // The archive the readers list: documents uploaded and processed first.
    const seeded = await Promise.all(Array.from({ length: args.documents }, (_, n) => upload(base, token, `seed-${n}.txt`, documentText(sample, n))));
    await waitUntil('the seeded documents to be processed', async () => {
      const list = (await (await fetch(`${base}/api/documents?limit=500`, { headers: auth })).json()) as { items: Array<{ progress: { state: string } | null }> };
      return list.items.length >= seeded.length && list.items.every((d) => d.progress?.state === 'done' || d.progress?.state === 'failed');
    }, 600_000, 1000);
    const pid = server.process.pid!;
    const rssBefore = await rssMb(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => void rssMb(pid).then((mb) => (rssPeak = Math.max(rssPeak, mb))).catch(() => undefined), 250);

    const latencies = { list: [] as number[], upload: [] as number[] };
    let errors = 0;
    const end = Date.now() + args.seconds * 1000;
    const reader = async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const response = await fetch(`${base}/api/documents?limit=50`, { headers: auth }).catch(() => null);
        if (!response?.ok) errors++;
        await response?.arrayBuffer();
        latencies.list.push(performance.now() - started);
      }
    };
    let uploaded = 0;
    const uploader = async (u: number) => {
      while (Date.now() < end) {
        const started = performance.now();
        await upload(base, token, `soak-${u}-${uploaded}.txt`, documentText(sample, 1_000_000 + u * 100_000 + uploaded++)).catch(() => errors++);
        latencies.upload.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all([...Array.from({ length: args.readers }, reader), ...Array.from({ length: args.uploaders }, (_, u) => uploader(u))]);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const rssAfter = await rssMb(pid);
    console.log(`\n${backend}: ${args.readers} readers, ${args.uploaders} uploaders, ${seconds.toFixed(1)} s, ${args.documents} documents seeded, ${errors} errors`);
    for (const [kind, values] of Object.entries(latencies)) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        `  ${kind.padEnd(6)} ${(values.length / seconds).toFixed(1).padStart(7)} req/s   p50 ${quantile(sorted, 0.5).toFixed(0).padStart(5)} ms   p99 ${quantile(sorted, 0.99).toFixed(0).padStart(5)} ms   (${values.length} requests)`,
      );
    }
    console.log(`  server RSS: before ${rssBefore.toFixed(0)} MB, peak ${rssPeak.toFixed(0)} MB, after ${rssAfter.toFixed(0)} MB`);
  } finally {
    if (server && server.process.exitCode === null) {
      server.process.kill('SIGTERM');
      await server.exited;
    }
    await rm(data, { recursive: true, force: true });
    if (backend === 'postgres') await dropSchema(DATABASE_URL, schema).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const args = parseArgs();
  const sample = await readFile(shippedFile('samples', 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
  for (const backend of args.backends.split(',')) await soak(z.enum(['embedded', 'postgres']).parse(backend), args, sample);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
