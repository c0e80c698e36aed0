/** Stage 1: read the file, check it, identify it by content hash, keep the original. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SupportedMime } from '../core/contracts';
import { InputError } from '../core/errors';
import { blobKey } from '../store/blob-store';
import type { PipelineContext } from './context';
import { detectFileType } from './detect-file-type';

export interface IngestedFile {
  path: string;
  filename: string;
  documentId: string;
  mime: SupportedMime;
  bytes: Buffer;
}

export async function ingestFile(path: string, ctx: PipelineContext): Promise<IngestedFile> {
  const info = await stat(path).catch((error: unknown) => {
    throw new InputError('NOT_FOUND', path, 'no such file', error);
  });
  if (!info.isFile()) throw new InputError('BAD_INPUT', path, 'not a regular file');
  if (info.size > ctx.limits.maxFileBytes) {
    throw new InputError('BAD_INPUT', path, `file is ${info.size} bytes, over the limit of ${ctx.limits.maxFileBytes}`);
  }
  return ingestBytes(path, basename(path), await readFile(path), ctx);
}

/** The same checks for bytes that arrived another way (an upload); `label` names them in errors. */
export async function ingestBytes(
  label: string,
  filename: string,
  bytes: Buffer,
  ctx: PipelineContext,
  detect: (label: string, bytes: Buffer) => SupportedMime = detectFileType,
): Promise<IngestedFile> {
  if (bytes.length > ctx.limits.maxFileBytes) {
    throw new InputError('BAD_INPUT', label, `file is ${bytes.length} bytes, over the limit of ${ctx.limits.maxFileBytes}`);
  }
  const mime = detect(label, bytes);
  const documentId = blobKey(bytes);
  await ctx.blobs.put(bytes);
  return { path: label, filename, documentId, mime, bytes };
}
