/**
 * The jobs a document becomes, the same on every queue: one split job (file -> page plan),
 * one OCR job per image page, and a finish job (restore -> extract -> check -> score -> store)
 * that runs when every page job has settled. Ids derive from the content hash, so the same
 * file submitted twice is one set of jobs; payloads are validated where they leave the queue.
 */
import { z } from 'zod';
import { Sha256, SupportedMime } from '../core/contracts';
import { InputError } from '../core/errors';

export const JOB = { split: 'split', page: 'ocr-page', finish: 'finish' } as const;
export type JobName = (typeof JOB)[keyof typeof JOB];
export const JOB_NAMES: JobName[] = [JOB.split, JOB.page, JOB.finish];

/** A run is one processing of a document: its id is the hash, or hash + a suffix when forced. */
const RunId = z.string().regex(/^[0-9a-f]{64}(-[0-9a-z]+)?$/);

export const SplitPayload = z.object({ documentId: Sha256, runId: RunId, filename: z.string().min(1), mime: SupportedMime });
export type SplitPayload = z.infer<typeof SplitPayload>;

export const PagePayload = z.object({ documentId: Sha256, runId: RunId, filename: z.string().min(1), page: z.number().int().positive(), pages: z.number().int().positive() });
export type PagePayload = z.infer<typeof PagePayload>;

export const FinishPayload = z.object({ documentId: Sha256, runId: RunId, filename: z.string().min(1) });
export type FinishPayload = z.infer<typeof FinishPayload>;

export const FinishSummary = z.object({
  documentId: Sha256,
  pageCount: z.number().int().nonnegative(),
  skippedPages: z.number().int().nonnegative(),
  indicators: z.number().int().nonnegative(),
  failedChecks: z.number().int().nonnegative(),
  /** total is null when the rubric withholds the composite (too little coverage). */
  score: z.object({ total: z.number().nullable(), maxTotal: z.number() }),
});
export type FinishSummary = z.infer<typeof FinishSummary>;

export const jobId = {
  split: (runId: string) => `split.${runId}`,
  page: (runId: string, page: number) => `page.${runId}.${page}`,
  finish: (runId: string) => `finish.${runId}`,
};

/** Retries for transient trouble (database, Redis, a crashed worker); bad input never retries. */
export const JOB_RETRY = { attempts: 3, backoffMs: 1000 };

/** A payload that does not parse is bad input: it fails at once, naming the job. */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown, job: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError('BAD_INPUT', `${job} job`, `invalid payload at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
