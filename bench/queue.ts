/**
 * Queue benchmark (issue 7): multi-page scanned documents through 1 and then 2 `sohoa worker`
 * processes on BullMQ/Redis and PostgreSQL, and the queue's own cost per job. Prints figures;
 * asserts nothing.
 *   npm run bench:queue [-- --docs 20 --pages 3]
 * Targets: 2 workers >= 1.8x the pages/minute of 1; queue overhead < 5 ms per job.
 * Needs Redis (REDIS_URL, default 127.0.0.1:6379) and PostgreSQL (DATABASE_URL, default the
 * local `test` database); uses its own queue prefix and schema and removes them afterwards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { z } from 'zod';
import { createApp } from '../app/create-app';
import { resolveConfig } from '../core/config';
import { silentLogger } from '../core/logger';
import { shippedFile } from '../core/paths';
import { JOB_NAMES } from '../pipeline/document-jobs';
import { BullMqQueue } from '../queue/bullmq-queue';
import { InProcessQueue } from '../queue/in-process-queue';
import type { JobQueue } from '../queue/job-queue';
import { startCli, waitUntil, type Running } from '../test/helpers/processes';
import { deleteRedisKeys, dropSchema } from '../test/helpers/services';

const Args = z.object({ docs: z.coerce.number().int().positive().default(20), pages: z.coerce.number().int().positive().default(3) });
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function parseArgs(): z.infer<typeof Args> {
  const raw: Record<string, string> = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) raw[argv[i]!.replace(/^--/, '')] = argv[i + 1]!;
  return Args.parse(raw);
}

/** Scanned PDFs (page images, no text layer) made distinct by a dot pattern in the margin. */
async function makeDocuments(dir: string, docs: number, pages: number): Promise<string[]> {
  const scan = await readFile(shippedFile('test', 'fixtures', 'scan-page.png'));
  const paths: string[] = [];
  for (let d = 0; d < docs; d++) {
    const pdf = await PDFDocument.create();
    for (let p = 0; p < pages; p++) {
      const dots = [d, p + 100].map((n, row) => ({ input: { create: { width: 3, height: 3, channels: 3 as const, background: '#000' } }, left: 8 + 5 * n, top: 8 + 6 * row }));
      const png = await sharp(scan).composite(dots).png().toBuffer();
      const image = await pdf.embedPng(png);
      pdf.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    }
    const path = join(dir, `bench-${String(d).padStart(2, '0')}.pdf`);
    await writeFile(path, await pdf.save());
    paths.push(path);
  }
  return paths;
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<Running> {
  const worker = startCli(['worker', '--concurrency', '1'], env);
  await waitUntil('a worker to start', () => worker.log().includes('SIGTERM drains') || worker.process.exitCode !== null, 30_000);
  if (worker.process.exitCode !== null) throw new Error(`worker exited: ${worker.log()}`);
  return worker;
}

async function stopWorker(worker: Running): Promise<void> {
  if (worker.process.exitCode === null) worker.process.kill('SIGTERM');
  await worker.exited;
}

async function cleanUp(schema: string, prefix: string): Promise<void> {
  await dropSchema(DATABASE_URL, schema);
  await deleteRedisKeys(REDIS_URL, prefix);
}

interface RunFigures {
  workers: number;
  seconds: number;
  pagesPerMinute: number;
  stalled: number;
  failed: number;
}

async function runWorkers(workers: number, files: string[], pages: number, dataDir: string): Promise<RunFigures> {
  const tag = `${process.pid}_${workers}w_${Date.now().toString(36)}`;
  const schema = `bench_queue_${tag}`;
  const prefix = `sohoa-bench-${tag}`;
  const env = { DATABASE_URL, SOHOA_DB_SCHEMA: schema, REDIS_URL, SOHOA_QUEUE_PREFIX: prefix, SOHOA_DATA_DIR: dataDir };
  const config = resolveConfig({ queue: 'redis', databaseUrl: DATABASE_URL, databaseSchema: schema, redisUrl: REDIS_URL, queuePrefix: prefix, dataDir });
  const app = await createApp(config, silentLogger);
  const children: Running[] = [];
  try {
    for (let i = 0; i < workers; i++) children.push(await startWorker(env));
    const start = process.hrtime.bigint();
    const outcomes = await app.processFiles(files);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const pageQueue = new Queue('ocr-page', { connection: { url: REDIS_URL }, prefix });
    const completed = await pageQueue.getJobs(['completed'], 0, -1);
    await pageQueue.close();
    return {
      workers,
      seconds,
      pagesPerMinute: (files.length * pages) / (seconds / 60),
      stalled: completed.filter((j) => (j.stalledCounter ?? 0) > 0).length,
      failed: outcomes.filter((o) => o.state === 'failed').length,
    };
  } finally {
    await Promise.all(children.map(stopWorker));
    await app.close();
    await cleanUp(schema, prefix);
  }
}

/** Milliseconds per job the queue adds to a handler that does nothing, one worker at concurrency 1. */
async function overheadPerJob(queue: JobQueue, jobs: number): Promise<{ throughputMs: number; roundTripMs: number }> {
  const handler = async (job: { data: { n: number } }) => job.data.n + 1;
  queue.process<{ n: number }, number>('noop', (job) => handler(job));
  // Direct calls, for the baseline.
  let start = process.hrtime.bigint();
  for (let i = 0; i < jobs; i++) await handler({ data: { n: i } });
  const directMs = Number(process.hrtime.bigint() - start) / 1e6;
  // Warm-up: connections, scripts.
  await queue.waitFor('noop', await queue.add('noop', { n: -1 }));

  start = process.hrtime.bigint();
  const ids = await Promise.all(Array.from({ length: jobs }, (_, n) => queue.add('noop', { n })));
  await Promise.all(ids.map((id) => queue.waitFor('noop', id)));
  const throughputMs = (Number(process.hrtime.bigint() - start) / 1e6 - directMs) / jobs;

  const trips = Math.min(200, jobs);
  start = process.hrtime.bigint();
  for (let n = 0; n < trips; n++) await queue.waitFor('noop', await queue.add('noop', { n }));
  const roundTripMs = Number(process.hrtime.bigint() - start) / 1e6 / trips;
  await queue.close();
  return { throughputMs, roundTripMs };
}

async function main(): Promise<void> {
  const { docs, pages } = parseArgs();
  const work = await mkdtemp(join(tmpdir(), 'sohoa-bench-queue-'));
  try {
    const files = await makeDocuments(work, docs, pages);
    process.stdout.write(`${docs} scanned PDFs x ${pages} pages (A4, 300 dpi), ${cpus().length} cores; each worker: --concurrency 1 (one job of any kind at a time)\n`);
    const one = await runWorkers(1, files, pages, join(work, 'data-1'));
    const two = await runWorkers(2, files, pages, join(work, 'data-2'));
    const prefix = `sohoa-bench-overhead-${process.pid}`;
    const bull = await overheadPerJob(await BullMqQueue.connect({ url: REDIS_URL, prefix, logger: silentLogger }), 1000);
    await cleanUp(`bench_unused_${process.pid}`, prefix);
    const embedded = await overheadPerJob(new InProcessQueue(), 1000);
    const jobsPerDocument = pages + 2;

    const row = (f: RunFigures) =>
      `${String(f.workers).padStart(7)}   ${f.seconds.toFixed(1).padStart(7)} s   ${f.pagesPerMinute.toFixed(1).padStart(8)}   ${String(f.stalled).padStart(7)}   ${String(f.failed).padStart(6)}`;
    const scaling = two.pagesPerMinute / one.pagesPerMinute;
    process.stdout.write(
      [
        'workers      wall     pages/min   stalled   failed',
        row(one),
        row(two),
        `scaling, 2 workers vs 1: ${scaling.toFixed(2)}x   target >= 1.8x   ${scaling >= 1.8 ? 'met' : 'NOT met'}`,
        `queue overhead per job (1000 empty jobs, vs calling the handler directly; jobs per ${pages}-page document: ${jobsPerDocument}):`,
        `  BullMQ/Redis   ${bull.throughputMs.toFixed(2)} ms/job in bulk, ${bull.roundTripMs.toFixed(2)} ms add-to-result one at a time   target < 5 ms   ${bull.throughputMs < 5 ? 'met' : 'NOT met'}`,
        `  embedded       ${embedded.throughputMs.toFixed(3)} ms/job in bulk, ${embedded.roundTripMs.toFixed(3)} ms add-to-result one at a time`,
        `  per document through BullMQ: ${(bull.throughputMs * jobsPerDocument).toFixed(1)} ms of ${((one.seconds * 1000) / docs).toFixed(0)} ms (${((bull.throughputMs * jobsPerDocument * docs) / (one.seconds * 10)).toFixed(2)}%) with 1 worker`,
        `job kinds: ${JOB_NAMES.join(', ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:queue failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
