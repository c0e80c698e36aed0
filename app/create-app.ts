/**
 * The one place that picks implementations: database (PGlite or PostgreSQL), blob store,
 * queue, OCR engine, model and rubric. The CLI, server and workers only call this.
 */
import { join } from 'node:path';
import type { AppConfig } from '../core/config';
import type { Logger } from '../core/logger';
import { DEFAULT_MODEL_DIR, loadModel, type DiacriticsModel } from '../diacritics/load-model';
import { KeyClassifier } from '../extractors/classify-key';
import type { OcrEngine } from '../ocr/ocr-engine';
import { defaultPoolSize } from '../ocr/tesseract-pool';
import { createPageCleaner } from '../pipeline/preprocess-threads';
import { createOcrEngine } from './create-ocr-engine';
import { describeError, isSohoaError } from '../core/errors';
import type { PipelineContext, ProgressEvent, QueueingContext } from '../pipeline/context';
import { JOB_NAMES, type JobName } from '../pipeline/document-jobs';
import { FinishThread } from '../pipeline/finish-thread';
import { followRun } from '../pipeline/follow-run';
import { registerDocumentJobs, type WorkerConcurrency } from '../pipeline/register-jobs';
import { loadStoredResults, type DocumentResults } from '../pipeline/store-results';
import { submitFile } from '../pipeline/submit-file';
import { InProcessQueue } from '../queue/in-process-queue';
import type { JobOutcome, JobQueue } from '../queue/job-queue';
import { loadRubric, type Rubric } from '../scoring/rubric';
import type { BlobStore } from '../store/blob-store';
import { FsBlobStore } from '../store/fs-blob-store';
import { MemoryBlobStore } from '../store/memory-blob-store';
import { openRepository } from '../store/open-database';
import type { Repository } from '../store/repository';

export interface App {
  config: AppConfig;
  ctx: QueueingContext;
  queue: JobQueue;
  repo: Repository;
  blobs: BlobStore;
  /** Submits every file (bad ones fail alone) and resolves with each one's outcome, in input order. */
  processFiles(paths: string[], options?: ProcessFilesOptions): Promise<Array<JobOutcome<ProcessOutcome>>>;
  close(): Promise<void>;
}

export interface ProcessFilesOptions {
  force?: boolean;
  /** Called as each file's document is known, before it is processed (followers track these). */
  onSubmitted?: (documentId: string) => void;
}

export interface ProcessOutcome {
  results: DocumentResults;
  /** True when the same content was processed before and its stored results were reused. */
  reused: boolean;
}

export interface WorkerOptions {
  stages: JobName[];
  concurrency?: Partial<WorkerConcurrency>;
  /** Jobs running at once across kinds in this process (a worker's size in cores). */
  totalLimit?: number;
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface StageRuntime {
  ctx: PipelineContext;
  /** Ends the finish thread first: a shutdown never waits for a long restoration. */
  stopComputing(): Promise<void>;
  close(): Promise<void>;
}

/** What the stages need without a database: blobs, OCR pool, model, rubric. */
export function createStageRuntime(config: AppConfig, logger: Logger, hooks: { onProgress?: (e: ProgressEvent) => void } = {}): StageRuntime {
  const blobs: BlobStore = config.ephemeral ? new MemoryBlobStore() : new FsBlobStore(join(config.dataDir, 'blobs'));
  let engine: OcrEngine | null = null;
  const ocr = () => (engine ??= createOcrEngine(config, logger));
  // Threads start on the first page: text-only runs never pay for them.
  const cleaner = createPageCleaner(config.ocrWorkers ?? defaultPoolSize());
  // Restoration to scoring runs off this thread, so the server and job locks stay responsive.
  const finishThread = new FinishThread({ modelDir: config.modelDir ?? DEFAULT_MODEL_DIR, rubricFile: config.rubricFile, toneStyle: config.toneStyle }, logger);
  const ctx: PipelineContext = {
    logger,
    blobs,
    ocr,
    model: lazy<Promise<DiacriticsModel>>(() => loadModel(config.modelDir ?? DEFAULT_MODEL_DIR)),
    rubric: lazy<Promise<Rubric>>(() => loadRubric(config.rubricFile ?? undefined)),
    classifier: KeyClassifier.fromBundledTaxonomy(),
    limits: { maxPixels: config.maxPixels, maxPages: config.maxPages, maxFileBytes: config.maxFileBytes },
    toneStyle: config.toneStyle,
    ocrMode: config.ocrMode,
    preprocess: config.preprocess,
    cleaner,
    onProgress: hooks.onProgress,
    computeFinish: (filename, pages, onStage) => finishThread.compute(filename, pages, onStage),
  };
  let closing: Promise<void> | null = null;
  return {
    ctx,
    stopComputing: () => finishThread.close(),
    close() {
      closing ??= (async () => {
        await finishThread.close();
        await engine?.close();
        await cleaner.close();
        await blobs.close();
      })();
      return closing;
    },
  };
}

/** The record alone (PostgreSQL from DATABASE_URL, else embedded PGlite), for commands that need nothing else. */
export function openConfiguredRepository(config: AppConfig): Promise<Repository> {
  return openRepository(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? undefined }
      : { kind: 'pglite', dataDir: config.ephemeral ? null : join(config.dataDir, 'db') },
  );
}

async function openQueue(config: AppConfig, logger: Logger): Promise<JobQueue> {
  if (config.queue === 'embedded') return new InProcessQueue();
  // Loaded on demand: the embedded default never pays for the Redis client at start-up.
  const { BullMqQueue } = await import('../queue/bullmq-queue.js');
  return BullMqQueue.connect({
    url: config.redisUrl,
    prefix: config.queuePrefix,
    logger,
    lockDurationMs: config.lockDurationMs,
    stalledIntervalMs: config.lockDurationMs,
  });
}

/**
 * The embedded queue runs every stage here; with Redis, this process only submits and follows
 * unless `workers` says which stages it takes.
 */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  hooks: { onProgress?: (e: ProgressEvent) => void } = {},
  options: { workers?: WorkerOptions } = {},
): Promise<App> {
  const repo = await openConfiguredRepository(config);
  const queue = await openQueue(config, logger).catch(async (error: unknown) => {
    await repo.close();
    throw error;
  });
  const runtime = createStageRuntime(config, logger, hooks);
  const ctx: QueueingContext = { ...runtime.ctx, repo, queue };
  const workers = options.workers ?? (config.queue === 'embedded' ? { stages: JOB_NAMES } : null);
  if (workers) {
    const ocrThreads = config.ocrWorkers ?? defaultPoolSize();
    registerDocumentJobs(ctx, workers.stages, {
      split: workers.concurrency?.split ?? config.documentConcurrency,
      // One page more than the engine reads at once: its clean-up overlaps the others' OCR.
      page: workers.concurrency?.page ?? ocrThreads + 1,
      finish: workers.concurrency?.finish ?? config.documentConcurrency,
    }, workers.totalLimit);
  }

  const processFile = async (path: string, options: ProcessFilesOptions): Promise<JobOutcome<ProcessOutcome>> => {
    try {
      const submission = await submitFile(path, ctx, { force: options.force ?? false });
      options.onSubmitted?.(submission.documentId);
      const outcome = submission.reused ? null : await followRun(submission.runId, queue);
      // Workers name the file by its name; the person who submitted it knows it by its path.
      if (outcome?.state === 'failed') return { ...outcome, error: outcome.error.replace(`${submission.filename}: `, `${path}: `) };
      const results = await loadStoredResults(submission.documentId, ctx);
      if (!results) return { state: 'failed', error: `${path}: no stored results after processing`, code: 'STORAGE' };
      return { state: 'completed', result: { results, reused: submission.reused } };
    } catch (error) {
      return { state: 'failed', error: describeError(error), code: isSohoaError(error) ? error.code : null };
    }
  };

  let closing: Promise<void> | null = null;
  return {
    config,
    ctx,
    queue,
    repo,
    blobs: ctx.blobs,
    processFiles(paths, processOptions = {}) {
      return Promise.all(paths.map((path) => processFile(path, processOptions)));
    },
    close() {
      closing ??= (async () => {
        await runtime.stopComputing();
        await queue.close();
        await runtime.close();
        await repo.close();
      })();
      return closing;
    },
  };
}
