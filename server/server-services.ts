/** What route handlers use: picked by the app factory, passed in, never imported as singletons. */
import type { Logger } from '../core/logger';
import type { QueueingContext } from '../pipeline/context';
import type { BlobStore } from '../store/blob-store';
import type { Repository } from '../store/repository';
import type { ReadCoalescer } from './coalesce-reads';
import type { TokenCache } from './token-cache';

export interface ServerServices {
  repo: Repository;
  blobs: BlobStore;
  /** For submitting uploads and for the diacritics model's spelling proposals. */
  ctx: QueueingContext;
  logger: Logger;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** Verified tokens for a few seconds: no token lookup per request. */
  tokens: TokenCache;
  /** Concurrent identical list requests share one read and one serialised answer. */
  reads: ReadCoalescer;
  /** How often the progress stream reads the database, in ms. */
  progressPollMs: number;
}
