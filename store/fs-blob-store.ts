/** Blobs as files under <root>/ab/cd/<sha256>, written atomically (temp file + rename). */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError } from '../core/errors';
import { assertBlobKey, blobKey, type BlobStore } from './blob-store';

export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertBlobKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(bytes: Buffer): Promise<string> {
    const key = blobKey(bytes);
    const file = this.path(key);
    if (await this.has(key)) return key;
    await mkdir(join(file, '..'), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file);
    return key;
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      throw new NotFoundError(`blob ${key} is not in the store`, error);
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {}
}
