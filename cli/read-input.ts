/** Text from a file argument, or from standard input when there is none. */
import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors';

export async function readTextInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') {
    const bytes = await readFile(file).catch((error: unknown) => {
      throw new InputError('NOT_FOUND', file, 'cannot read file', error);
    });
    return bytes.toString('utf8').normalize('NFC');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').normalize('NFC');
}
