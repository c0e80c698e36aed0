/** Everything a stage needs, passed in; stages hold no state of their own. */
import type { PreprocessStep } from './preprocess-page';
import type { Page } from '../core/contracts';
import type { PageCleaner } from './preprocess-threads';
import type { Logger } from '../core/logger';
import type { DiacriticsModel } from '../diacritics/load-model';
import type { ToneStyleChoice } from '../diacritics/restore-diacritics';
import type { KeyClassifier } from '../extractors/classify-key';
import type { OcrEngine } from '../ocr/ocr-engine';
import type { Rubric } from '../scoring/rubric';
import type { BlobStore } from '../store/blob-store';
import type { JobQueue } from '../queue/job-queue';
import type { Repository } from '../store/repository';
import type { ComputedRun, StageEvent } from './compute-finish';

export interface PipelineLimits {
  /** Largest image (width x height) accepted: larger ones are refused as decompression bombs. */
  maxPixels: number;
  /** Most pages or frames one file may have. */
  maxPages: number;
  maxFileBytes: number;
}

export type ProgressEvent = { documentId: string; filename: string; stage: string; detail?: string; page?: number; pages?: number };

export interface PipelineContext {
  logger: Logger;
  blobs: BlobStore;
  /** Started on first use: text-only runs never pay for OCR workers. */
  ocr: () => OcrEngine;
  model: () => Promise<DiacriticsModel>;
  rubric: () => Promise<Rubric>;
  classifier: KeyClassifier;
  limits: PipelineLimits;
  toneStyle: ToneStyleChoice;
  ocrMode: 'auto' | 'always' | 'never';
  /** Image clean-up before OCR, in this order: normalize, denoise, deskew, upscale. */
  preprocess: readonly PreprocessStep[];
  /** Where pages are cleaned up (worker threads); absent: on the calling thread. */
  cleaner?: PageCleaner;
  signal?: AbortSignal;
  /** Where the finish job's restore -> score runs (a worker thread); absent, on this thread. */
  computeFinish?: (filename: string, pages: Page[], onStage: (event: StageEvent) => void) => Promise<ComputedRun>;
  onProgress?: (event: ProgressEvent) => void;
}

/** Stages that record results also need the repository. */
export interface RecordingContext extends PipelineContext {
  repo: Repository;
}

/** Stages that hand work on (the split stage fans out page jobs) also need the queue. */
export interface QueueingContext extends RecordingContext {
  queue: JobQueue;
}
