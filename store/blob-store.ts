/** Content-addressed blobs (originals, page images, derived files): the key is the sha256. */
import { createHash } from 'node:crypto';

export interface BlobStore {
  put(bytes: Buffer): Promise<string>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export function blobKey(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function assertBlobKey(key: string): void {
  // Keys become file paths: only a hex digest may ever reach the filesystem.
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`invalid blob key: ${key}`);
}
