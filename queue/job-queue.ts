/**
 * The job-queue port the pipeline uses. Two implementations pass one conformance suite: the
 * in-process queue (embedded default) and BullMQ on Redis (scale-out). The pipeline never
 * knows which one runs.
 */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first run, counting retries. */
  attempt: number;
  /** The last attempt this job gets; a handler may record a final outcome on it. */
  maxAttempts: number;
  /** Progress for followers (dashboards, `sohoa status`); best effort. */
  reportProgress(progress: Record<string, unknown>): Promise<void>;
}

export interface JobOptions {
  /** Same id, same job: a second add() of a known id returns the existing job. */
  jobId?: string;
  attempts?: number;
  backoffMs?: number;
}

export interface FlowChild {
  name: string;
  data: unknown;
  jobId: string;
}

export type JobOutcome<R> = { state: 'completed'; result: R } | { state: 'failed'; error: string; code: string | null };

export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'missing';

export type JobHandler<T, R> = (job: Job<T>, signal: AbortSignal) => Promise<R>;

export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export interface ProcessOptions {
  concurrency?: number;
}

export interface JobQueue {
  /** Registers the handler for one job name; a queue takes jobs only for names it processes. */
  process<T, R>(name: string, handler: JobHandler<T, R>, options?: ProcessOptions): void;
  add<T>(name: string, data: T, options?: JobOptions): Promise<string>;
  /**
   * Adds children and a parent that runs once every child has completed or finally failed
   * (a failed child never leaves the parent waiting). Returns the parent's id.
   */
  addFlow<T>(parent: { name: string; data: T; jobId: string }, children: FlowChild[], options?: Omit<JobOptions, 'jobId'>): Promise<string>;
  waitFor<R>(name: string, jobId: string): Promise<JobOutcome<R>>;
  state(name: string, jobId: string): Promise<JobState>;
  /** Removes a finished job so its id can be used again (recovery of failed work). */
  remove(name: string, jobId: string): Promise<void>;
  counts(name: string): Promise<JobCounts>;
  /** Idempotent. Stops taking work and lets active jobs finish. */
  close(): Promise<void>;
}

/** Job ids are unique per job name: this key names one job across names. */
export function jobKey(name: string, id: string): string {
  return `${name}\u0000${id}`;
}
