/** In-memory blobs for tests and one-shot runs that keep nothing. */
import { NotFoundError } from '../core/errors';
import { blobKey, type BlobStore } from './blob-store';

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  async put(bytes: Buffer): Promise<string> {
    const key = blobKey(bytes);
    this.blobs.set(key, Buffer.from(bytes));
    return key;
  }

  async get(key: string): Promise<Buffer> {
    const blob = this.blobs.get(key);
    if (!blob) throw new NotFoundError(`blob ${key} is not in the store`);
    return Buffer.from(blob);
  }

  async has(key: string): Promise<boolean> {
    return this.blobs.has(key);
  }

  async close(): Promise<void> {
    this.blobs.clear();
  }
}
