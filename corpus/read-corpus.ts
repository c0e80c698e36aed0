/** Reads corpus files (plain UTF-8 or .gz) as a stream of non-empty lines. */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/errors';

export async function* readCorpusLines(file: string): AsyncGenerator<string> {
  try {
    await access(file);
  } catch (error) {
    throw new InputError('NOT_FOUND', file, 'corpus file not found', error);
  }
  const raw = createReadStream(file);
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.length > 0) yield trimmed.normalize('NFC');
  }
}
