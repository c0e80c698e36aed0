/** What route handlers use: picked by the app factory, passed in, never imported as singletons. */
import type { Logger } from '../core/logger';
import type { QueueingContext } from '../pipeline/context';
import type { BlobStore } from '../store/blob-store';
import type { Repository } from '../store/repository';

export interface ServerServices {
  repo: Repository;
  blobs: BlobStore;
  /** For submitting uploads and for the diacritics model's spelling proposals. */
  ctx: QueueingContext;
  logger: Logger;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes: number;
  /** How often the progress stream reads the database, in ms. */
  progressPollMs: number;
}
