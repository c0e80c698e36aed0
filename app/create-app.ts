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
import { TesseractPool } from '../ocr/tesseract-pool';
import type { PipelineContext, ProgressEvent, RecordingContext } from '../pipeline/context';
import { processDocument, type ProcessOutcome } from '../pipeline/process-document';
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
  ctx: RecordingContext;
  queue: JobQueue;
  repo: Repository;
  blobs: BlobStore;
  /** Submits files as document jobs and resolves with each one's outcome, in input order. */
  processFiles(paths: string[], options?: { force?: boolean }): Promise<Array<JobOutcome<ProcessOutcome>>>;
  close(): Promise<void>;
}

const DOCUMENT_JOB = 'document';

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface StageRuntime {
  ctx: PipelineContext;
  close(): Promise<void>;
}

/** What the stages need without a database: blobs, OCR pool, model, rubric. */
export function createStageRuntime(config: AppConfig, logger: Logger, hooks: { onProgress?: (e: ProgressEvent) => void } = {}): StageRuntime {
  const blobs: BlobStore = config.ephemeral ? new MemoryBlobStore() : new FsBlobStore(join(config.dataDir, 'blobs'));
  let engine: OcrEngine | null = null;
  const ocr = () =>
    (engine ??= new TesseractPool({
      size: config.ocrWorkers ?? undefined,
      variant: config.ocrVariant,
      pageSegmentationMode: config.pageSegmentationMode,
      pageTimeoutMs: config.pageTimeoutMs,
    }));
  const ctx: PipelineContext = {
    logger,
    blobs,
    ocr,
    model: lazy<Promise<DiacriticsModel>>(() => loadModel(config.modelDir ?? DEFAULT_MODEL_DIR)),
    rubric: lazy<Promise<Rubric>>(() => loadRubric(config.rubricFile ?? undefined)),
    classifier: KeyClassifier.fromBundledTaxonomy(),
    limits: { maxPixels: config.maxPixels, maxFileBytes: config.maxFileBytes },
    toneStyle: config.toneStyle,
    ocrMode: config.ocrMode,
    onProgress: hooks.onProgress,
  };
  let closing: Promise<void> | null = null;
  return {
    ctx,
    close() {
      closing ??= (async () => {
        await engine?.close();
        await blobs.close();
      })();
      return closing;
    },
  };
}

export async function createApp(config: AppConfig, logger: Logger, hooks: { onProgress?: (e: ProgressEvent) => void } = {}): Promise<App> {
  const repo = await openRepository(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? undefined }
      : { kind: 'pglite', dataDir: config.ephemeral ? null : join(config.dataDir, 'db') },
  );
  const runtime = createStageRuntime(config, logger, hooks);
  const ctx: RecordingContext = { ...runtime.ctx, repo };
  const queue = new InProcessQueue();
  queue.process<{ path: string; force: boolean }, ProcessOutcome>(
    DOCUMENT_JOB,
    (job) => processDocument(job.data.path, ctx, { force: job.data.force }),
    { concurrency: config.documentConcurrency },
  );

  let closing: Promise<void> | null = null;
  return {
    config,
    ctx,
    queue,
    repo,
    blobs: ctx.blobs,
    async processFiles(paths, options = {}) {
      const ids = await Promise.all(paths.map((path) => queue.add(DOCUMENT_JOB, { path, force: options.force ?? false })));
      return Promise.all(ids.map((id) => queue.waitFor<ProcessOutcome>(DOCUMENT_JOB, id)));
    },
    close() {
      closing ??= (async () => {
        await queue.close();
        await runtime.close();
        await repo.close();
      })();
      return closing;
    },
  };
}
