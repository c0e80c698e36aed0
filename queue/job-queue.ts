/**
 * The job-queue port the pipeline uses. Implementations: the in-process queue (embedded
 * default); a Redis-backed one joins later behind the same interface and conformance suite.
 */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
  attempt: number;
}

export interface JobOptions {
  /** Same id, same job: a second add() of a known id returns the existing job. */
  jobId?: string;
  attempts?: number;
  backoffMs?: number;
}

export type JobOutcome<R> = { state: 'completed'; result: R } | { state: 'failed'; error: string; code: string | null };

export type JobHandler<T, R> = (job: Job<T>, signal: AbortSignal) => Promise<R>;

export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export interface JobQueue {
  process<T, R>(name: string, handler: JobHandler<T, R>, options?: { concurrency?: number }): void;
  add<T>(name: string, data: T, options?: JobOptions): Promise<string>;
  waitFor<R>(jobId: string): Promise<JobOutcome<R>>;
  counts(name: string): Promise<JobCounts>;
  close(): Promise<void>;
}
