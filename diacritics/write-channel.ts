/** Adds a learned OCR channel to a model folder and records it, with its checksum, in the manifest. */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE_NAME } from './build-model';
import { ModelManifest } from './model-manifest';
import type { ChannelTable } from './ocr-channel';

export const CHANNEL_FILE_NAME = 'channel.json';

export async function writeChannel(modelDir: string, table: ChannelTable, meta: { pages: number; engine: string; sources: string[] }): Promise<ModelManifest> {
  const bytes = Buffer.from(JSON.stringify(table) + '\n', 'utf8');
  await writeFile(join(modelDir, CHANNEL_FILE_NAME), bytes);
  const manifestPath = join(modelDir, MANIFEST_FILE_NAME);
  const manifest = ModelManifest.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
  const updated = ModelManifest.parse({
    ...manifest,
    channel: {
      name: CHANNEL_FILE_NAME,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      pairs: table.pairs,
      ...meta,
    },
  });
  await writeFile(manifestPath, JSON.stringify(updated, null, 2) + '\n');
  return updated;
}
