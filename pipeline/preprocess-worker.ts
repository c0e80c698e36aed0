/**
 * The body of a clean-up thread (pipeline/preprocess-threads.ts): pages cleaned up here leave the
 * main thread free for the event loop (job locks, progress) and spread clean-up over the cores.
 */
import { parentPort } from 'node:worker_threads';
import { preprocessPage, type PageImageSource, type PreprocessedImage } from './preprocess-page';
import type { PipelineContext } from './context';

export interface PreprocessRequest {
  id: number;
  source: Omit<PageImageSource, 'image'> & { image: Uint8Array };
  ctx: Pick<PipelineContext, 'preprocess' | 'limits'>;
}

export type PreprocessReply = { id: number; result: PreprocessedImage } | { id: number; error: string };

parentPort?.on('message', (request: PreprocessRequest) => {
  preprocessPage({ ...request.source, image: Buffer.from(request.source.image.buffer, request.source.image.byteOffset, request.source.image.byteLength) }, request.ctx).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies PreprocessReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: (error as Error).message ?? String(error) } satisfies PreprocessReply),
  );
});
