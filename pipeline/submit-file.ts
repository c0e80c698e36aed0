/**
 * Submission: ingest the file (checks, content hash, original kept in the blob store), record
 * the document, and start or follow its run. The same content submitted again, even many
 * times at once, is one document and one run; a stored document is reused unless forced.
 */
import type { SohoaDocument } from '../core/contracts';
import { SohoaError } from '../core/errors';
import type { QueueingContext } from './context';
import { chooseRun, enqueueRun } from './enqueue-run';
import { detectUploadType } from './detect-file-type';
import { ingestBytes, ingestFile, type IngestedFile } from './ingest-file';

export interface Submission {
  documentId: string;
  filename: string;
  runId: string;
  /** True when the document was already processed and its stored results stand. */
  reused: boolean;
}

const EMPTY_METADATA: SohoaDocument['metadata'] = {
  type: null, number: null, date: null, issuer: null, place: null, title: null, signer: null, signingCapacity: null, province: null, year: null,
};

export async function submitFile(path: string, ctx: QueueingContext, options: { force?: boolean } = {}): Promise<Submission> {
  return submitIngested(await ingestFile(path, ctx), ctx, options);
}

/** An upload: the name is only a label (never a path); the bytes decide the type. */
export async function submitBytes(filename: string, bytes: Buffer, ctx: QueueingContext): Promise<Submission> {
  return submitIngested(await ingestBytes(filename, filename, bytes, ctx, detectUploadType), ctx, {});
}

async function submitIngested(file: IngestedFile, ctx: QueueingContext, options: { force?: boolean }): Promise<Submission> {
  if (!(await ctx.repo.findDocument(file.documentId))) {
    await ctx.repo.saveDocument({
      id: file.documentId,
      filename: file.filename,
      mime: file.mime,
      byteSize: file.bytes.length,
      pageCount: 0,
      metadata: EMPTY_METADATA,
      createdAt: new Date().toISOString(),
    });
  }
  const progress = await ctx.repo.getProgress(file.documentId);
  if (!progress) throw new SohoaError('STORAGE', `${file.filename}: the document vanished from the database while being submitted`, { retryable: true });
  const base = { documentId: file.documentId, filename: progress.filename };

  if (progress.state === 'done' && !options.force) {
    ctx.logger.info(`${file.filename}: already processed as ${file.documentId.slice(0, 12)}; reusing stored results (--force reprocesses)`);
    return { ...base, runId: progress.runId ?? file.documentId, reused: true };
  }
  const rerun = Boolean(options.force) || progress.state === 'failed';
  const runId = await chooseRun(progress, rerun, `${file.mime}, ${file.bytes.length} bytes`, ctx);
  const action = await enqueueRun({ ...progress, runId }, file.mime, ctx);
  ctx.logger.debug(`${file.filename}: run ${runId.slice(0, 20)} ${action}`);
  return { ...base, runId, reused: false };
}
