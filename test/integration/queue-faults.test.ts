/**
 * Fault tests of the scale-out mode with real processes: `sohoa worker` and `sohoa run --queue
 * redis` as separate processes on real Redis and PostgreSQL, real tesseract.js OCR. Each test
 * has its own queue prefix, database schema and data folder, and removes them afterwards.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { Client } from 'pg';
import sharp from 'sharp';
import { blobKey } from '../../store/blob-store';
import { openRepository } from '../../store/open-database';
import type { Repository } from '../../store/repository';
import { FIXTURES, runCli, SAMPLES } from '../helpers/cli';
import { freePort, OwnRedis, startCli, waitUntil, type Running } from '../helpers/processes';
import { deleteRedisKeys, dropSchema, requirePostgres, requireRedis, uniquePrefix, uniqueSchema } from '../helpers/services';

jest.setTimeout(240_000);

let databaseUrl = '';
let redisUrl = '';
let work = '';
let pageImage: Buffer;

beforeAll(async () => {
  databaseUrl = await requirePostgres();
  redisUrl = await requireRedis();
  work = await mkdtemp(join(tmpdir(), 'sohoa-faults-'));
  pageImage = await readFile(join(FIXTURES, 'scan-page.png'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A page scan that differs from the fixture by a dot in the margin: new content, new document. */
async function distinctScan(name: string, dot: number): Promise<string> {
  const path = join(work, name);
  const mark = { input: { create: { width: 3, height: 3, channels: 3 as const, background: { r: 0, g: 0, b: 0 } } }, left: 8 + 5 * dot, top: 8 };
  await writeFile(path, await sharp(pageImage).composite([mark]).png().toBuffer());
  return path;
}

interface Setup {
  env: NodeJS.ProcessEnv;
  prefix: string;
  schema: string;
  repo: Repository;
  children: Running[];
  queues: Queue[];
  redisUrl: string;
}

async function setUp(name: string, redis = redisUrl): Promise<Setup> {
  const prefix = uniquePrefix(name);
  const schema = uniqueSchema(`faults_${name}`);
  const env = {
    DATABASE_URL: databaseUrl,
    SOHOA_DB_SCHEMA: schema,
    REDIS_URL: redis,
    SOHOA_QUEUE_PREFIX: prefix,
    SOHOA_DATA_DIR: join(work, `data-${name}`),
    // Short locks: a killed worker's page is taken over within seconds.
    SOHOA_LOCK_MS: '4000',
  };
  const repo = await openRepository({ kind: 'postgres', url: databaseUrl, schema });
  return { env, prefix, schema, repo, children: [], queues: [], redisUrl: redis };
}

async function tearDown(setup: Setup): Promise<void> {
  for (const child of setup.children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
  await Promise.all(setup.children.map((c) => c.exited));
  await Promise.all(setup.queues.map((q) => q.close()));
  await setup.repo.close();
  await dropSchema(databaseUrl, setup.schema);
  await deleteRedisKeys(setup.redisUrl, setup.prefix).catch(() => undefined);
}

function bullQueue(setup: Setup, name: string): Queue {
  const queue = new Queue(name, { connection: { url: setup.redisUrl }, prefix: setup.prefix });
  setup.queues.push(queue);
  return queue;
}

function spawnCli(setup: Setup, args: string[]): Running {
  const child = startCli(args, setup.env);
  setup.children.push(child);
  return child;
}

async function restoredVersions(schema: string): Promise<Map<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ document_id: string; n: string }>(
      `SELECT document_id, count(*) AS n FROM ${schema}.text_versions WHERE kind = 'restored' GROUP BY document_id`,
    );
    return new Map(rows.map((r) => [r.document_id.trim(), Number(r.n)]));
  } finally {
    await client.end();
  }
}

/** The two-page TIFF submitted to one worker, returned once one of its pages is being OCR'd. */
async function twoPageRunUnderWay(setup: Setup, name: string) {
  const tif = join(FIXTURES, 'scan-two-pages.tif');
  const documentId = blobKey(await readFile(tif));
  const pages = bullQueue(setup, 'ocr-page');
  const first = spawnCli(setup, ['worker', '--concurrency', '1']);
  const submit = spawnCli(setup, ['run', '--queue', 'redis', tif, '--out', join(work, `out-${name}`)]);
  await waitUntil('a page job to be under way', async () => (await pages.getJobCounts('active')).active! >= 1, 60_000);
  return { documentId, pages, first, submit };
}

describe('scale-out faults (Redis + PostgreSQL + worker processes)', () => {
  it('redoes a page on another worker when its worker is SIGKILLed mid-page, and completes the document exactly once', async () => {
    const setup = await setUp('kill');
    try {
      const { documentId, pages, first, submit } = await twoPageRunUnderWay(setup, 'kill');
      await new Promise((r) => setTimeout(r, 500));
      const active = await pages.getJobs(['active']);
      expect(active).toHaveLength(1);
      first.process.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');

      spawnCli(setup, ['worker', '--concurrency', '1']);
      expect(await submit.exited).toBe(0);

      const killedPage = await Job.fromId(pages, active[0]!.id!);
      expect(killedPage?.stalledCounter).toBeGreaterThanOrEqual(1);
      expect(await killedPage?.getState()).toBe('completed');
      const progress = await setup.repo.getProgress(documentId);
      expect(progress).toMatchObject({ state: 'done', pagesPlanned: 2, pagesDone: 2 });
      const stored = await setup.repo.getPages(documentId);
      expect(stored.map((p) => p.skipped)).toEqual([null, null]);
      expect(stored.every((p) => p.text.length > 100)).toBe(true);
      expect(await restoredVersions(setup.schema)).toEqual(new Map([[documentId, 1]]));
    } finally {
      await tearDown(setup);
    }
  });

  it('drains on SIGTERM: the page under way finishes and is recorded, the rest waits for the next worker', async () => {
    const setup = await setUp('drain');
    try {
      const { documentId, pages, first, submit } = await twoPageRunUnderWay(setup, 'drain');
      const [active] = await pages.getJobs(['active']);
      first.process.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.log()).toMatch(/SIGTERM: finishing active jobs[\s\S]*stopped/);
      const drained = await Job.fromId(pages, active!.id!);
      expect(await drained?.getState()).toBe('completed');
      expect(drained?.stalledCounter ?? 0).toBe(0);
      expect((await setup.repo.getProgress(documentId))?.pagesDone).toBeGreaterThanOrEqual(1);

      spawnCli(setup, ['worker', '--concurrency', '1']);
      expect(await submit.exited).toBe(0);
      expect(await setup.repo.getProgress(documentId)).toMatchObject({ state: 'done', pagesDone: 2 });
      expect(await restoredVersions(setup.schema)).toEqual(new Map([[documentId, 1]]));
    } finally {
      await tearDown(setup);
    }
  });

  it('completes the set with `sohoa recover` after Redis restarts with everything lost, without duplicates', async () => {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    const setup = await setUp('flush', redis.url);
    try {
      const files = [
        ...(await Promise.all([0, 1, 2, 3].map((i) => distinctScan(`flush-${i}.png`, i)))),
        join(FIXTURES, 'scan-two-pages.tif'),
      ];
      const ids = await Promise.all(files.map(async (f) => blobKey(await readFile(f))));
      spawnCli(setup, ['worker', '--concurrency', '1']);
      const submit = spawnCli(setup, ['run', '--queue', 'redis', ...files, '--out', join(work, 'out-flush')]);
      await waitUntil('one document done', async () => (await setup.repo.listProgress()).some((p) => p.state === 'done'), 120_000);
      const before = await setup.repo.listProgress();
      expect(before.filter((p) => p.state !== 'done').length).toBeGreaterThanOrEqual(2);

      await redis.kill();
      await redis.start();
      // The submitter loses the jobs it follows; it stops and says what to do.
      expect(await submit.exited).toBe(1);
      expect(submit.log()).toMatch(/sohoa recover|Redis|Connection/i);

      const recover = await runCli(['recover', '--queue', 'redis'], { env: setup.env });
      expect(recover.code).toBe(0);
      expect(recover.stderr).toMatch(/recover: [1-9]\d* re-enqueued/);
      await waitUntil('every document done', async () => (await setup.repo.listProgress()).every((p) => p.state === 'done'), 150_000, 500);

      const after = await setup.repo.listProgress();
      expect(after.map((p) => p.id).sort()).toEqual([...ids].sort());
      expect(after.map((p) => [p.pagesPlanned, p.pagesDone])).toEqual(after.map((p) => [p.pagesPlanned, p.pagesPlanned]));
      const versions = await restoredVersions(setup.schema);
      expect([...versions.values()]).toEqual(ids.map(() => 1));
      // Recovering again finds nothing to do.
      const again = await runCli(['recover', '--queue', 'redis'], { env: setup.env });
      expect(again.stderr).toMatch(/recover: 0 re-enqueued, 0 already queued, 5 done, 0 failed/);
    } finally {
      await tearDown(setup);
      await redis.kill();
    }
  });

  it('fails a poison file at once with its reason while the good files complete', async () => {
    const setup = await setUp('poison');
    try {
      const seed = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
      const good1 = join(work, 'good-1.txt');
      const good2 = join(work, 'good-2.txt');
      const poison = join(work, 'poison.pdf');
      await writeFile(good1, seed);
      await writeFile(good2, `${seed}\nBan sao luu tru.\n`);
      await writeFile(poison, '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage');
      spawnCli(setup, ['worker']);
      const result = await runCli(['run', '--queue', 'redis', good1, poison, good2, '--out', join(work, 'out-poison')], { env: setup.env });
      expect(result.code).toBe(1);
      const errors = result.stderr.split('\n').filter((l) => l.startsWith('error'));
      expect(errors).toEqual([expect.stringMatching(/poison\.pdf: cannot read PDF/)]);

      const progress = new Map((await setup.repo.listProgress()).map((p) => [p.filename, p]));
      expect(progress.get('good-1.txt')?.state).toBe('done');
      expect(progress.get('good-2.txt')?.state).toBe('done');
      expect(progress.get('poison.pdf')).toMatchObject({ state: 'failed', stage: 'ocr', message: expect.stringMatching(/cannot read PDF/) });
      const poisonId = blobKey(await readFile(poison));
      const split = await Job.fromId(bullQueue(setup, 'split'), `split.${poisonId}`);
      expect(split?.attemptsMade).toBe(1);
      expect(await split?.getState()).toBe('failed');

      const status = await runCli(['status', '--queue', 'redis', '--json'], { env: setup.env });
      expect(JSON.parse(status.stdout)).toMatchObject({ documents: { done: 2, failed: 1 }, stages: { split: { completed: 2, failed: 1 } } });
    } finally {
      await tearDown(setup);
    }
  });

  it('makes one document of the same file submitted five times at once', async () => {
    const setup = await setUp('same');
    try {
      const scan = await distinctScan('same.png', 7);
      const documentId = blobKey(await readFile(scan));
      spawnCli(setup, ['worker', '--concurrency', '1']);
      const results = await Promise.all([1, 2, 3, 4, 5].map((i) => runCli(['run', '--queue', 'redis', scan, '--out', join(work, `out-same-${i}`)], { env: setup.env })));
      expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
      expect((await setup.repo.listDocuments()).map((d) => d.id)).toEqual([documentId]);
      expect(await restoredVersions(setup.schema)).toEqual(new Map([[documentId, 1]]));
      expect(await bullQueue(setup, 'split').getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
      expect(await bullQueue(setup, 'ocr-page').getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
      expect(await bullQueue(setup, 'finish').getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
    } finally {
      await tearDown(setup);
    }
  });
});
