/** What the finish thread and the process that owns it say to each other (validated on the thread's side). */
import { z } from 'zod';
import type { ErrorCode } from '../core/errors';
import type { ComputedRun, StageEvent } from './compute-finish';

export const FinishThreadSettings = z.object({
  modelDir: z.string().min(1),
  rubricFile: z.string().nullable(),
  toneStyle: z.enum(['old', 'new', 'document']),
});
export type FinishThreadSettings = z.infer<typeof FinishThreadSettings>;

/** Pages are checked where they were written (the repository); here only the envelope. */
export const FinishRequest = z.object({ id: z.number().int().positive(), filename: z.string().min(1), pages: z.array(z.unknown()) });

export type FinishReply =
  | { id: number; kind: 'stage'; event: StageEvent }
  | { id: number; kind: 'done'; run: ComputedRun }
  | { id: number; kind: 'failed'; error: { code: ErrorCode | null; retryable: boolean; message: string } }
  | { id: 0; kind: 'log'; level: 'info' | 'warn' | 'error' | 'debug'; message: string };
