import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsBlobStore } from '../../store/fs-blob-store';
import { MemoryBlobStore } from '../../store/memory-blob-store';
import { describeBlobStore } from '../conformance/blob-store-suite';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeBlobStore('memory', async () => new MemoryBlobStore());
describeBlobStore('filesystem', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sohoa-blobs-'));
  dirs.push(dir);
  return new FsBlobStore(dir);
});
