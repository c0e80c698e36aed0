/**
 * Jobs run in this process: a FIFO per job name with bounded concurrency, retries with
 * exponential backoff for retryable errors only, job ids that deduplicate submissions, and
 * flows whose parent runs once its children have settled.
 */
import { randomUUID } from 'node:crypto';
import { isSohoaError, SohoaError } from '../core/errors';
import { jobKey, type FlowChild, type Job, type JobCounts, type JobHandler, type JobOptions, type JobOutcome, type JobQueue, type JobState, type ProcessOptions } from './job-queue';

interface Entry {
  job: Job<unknown>;
  attempts: number;
  backoffMs: number;
  /** 'held' is a flow parent whose children have not all settled. */
  state: 'held' | 'waiting' | 'active' | 'completed' | 'failed';
  outcome: JobOutcome<unknown> | null;
  waiters: Array<(o: JobOutcome<unknown>) => void>;
}

interface Lane {
  handler: JobHandler<unknown, unknown> | null;
  concurrency: number;
  active: number;
  waiting: Entry[];
}

export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;
  private closing: Promise<void> | null = null;

  private lane(name: string): Lane {
    let lane = this.lanes.get(name);
    if (!lane) {
      lane = { handler: null, concurrency: 1, active: 0, waiting: [] };
      this.lanes.set(name, lane);
    }
    return lane;
  }

  process<T, R>(name: string, handler: JobHandler<T, R>, options: ProcessOptions = {}): void {
    const lane = this.lane(name);
    if (lane.handler) throw new SohoaError('CONFIG', `a handler for '${name}' jobs is already registered`);
    lane.handler = handler as JobHandler<unknown, unknown>;
    lane.concurrency = Math.max(1, options.concurrency ?? 1);
    this.drain(name);
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    return this.enter(name, data, options, 'waiting');
  }

  private enter(name: string, data: unknown, options: JobOptions, state: 'held' | 'waiting'): string {
    if (this.closed) throw new SohoaError('CLOSED', 'queue is closed');
    const id = options.jobId ?? randomUUID();
    const key = jobKey(name, id);
    if (this.entries.has(key)) return id;
    const attempts = Math.max(1, options.attempts ?? 3);
    const entry: Entry = {
      job: { id, name, data, attempt: 0, maxAttempts: attempts, reportProgress: async () => undefined },
      attempts,
      backoffMs: options.backoffMs ?? 500,
      state,
      outcome: null,
      waiters: [],
    };
    this.entries.set(key, entry);
    if (state === 'waiting') {
      this.lane(name).waiting.push(entry);
      this.drain(name);
    }
    return id;
  }

  async addFlow<T>(parent: { name: string; data: T; jobId: string }, children: FlowChild[], options: Omit<JobOptions, 'jobId'> = {}): Promise<string> {
    if (this.entries.has(jobKey(parent.name, parent.jobId))) return parent.jobId;
    const childIds = children.map((child) => ({ name: child.name, id: this.enter(child.name, child.data, { ...options, jobId: child.jobId }, 'waiting') }));
    this.enter(parent.name, parent.data, { ...options, jobId: parent.jobId }, 'held');
    const release = () => {
      const entry = this.entries.get(jobKey(parent.name, parent.jobId));
      if (!entry || entry.state !== 'held' || this.closed) return;
      entry.state = 'waiting';
      this.lane(parent.name).waiting.push(entry);
      this.drain(parent.name);
    };
    // Settled children of either kind release the parent: a failed child never blocks it.
    void Promise.all(childIds.map((c) => this.waitFor(c.name, c.id))).then(release);
    return parent.jobId;
  }

  waitFor<R>(name: string, jobId: string): Promise<JobOutcome<R>> {
    const entry = this.entries.get(jobKey(name, jobId));
    if (!entry) return Promise.reject(new SohoaError('NOT_FOUND', `no ${name} job ${jobId}`));
    if (entry.outcome) return Promise.resolve(entry.outcome as JobOutcome<R>);
    return new Promise((resolve) => entry.waiters.push(resolve as (o: JobOutcome<unknown>) => void));
  }

  async state(name: string, jobId: string): Promise<JobState> {
    const entry = this.entries.get(jobKey(name, jobId));
    if (!entry) return 'missing';
    return entry.state === 'held' ? 'waiting' : entry.state;
  }

  async remove(name: string, jobId: string): Promise<void> {
    const key = jobKey(name, jobId);
    const entry = this.entries.get(key);
    if (entry?.outcome) this.entries.delete(key);
  }

  async counts(name: string): Promise<JobCounts> {
    const counts: JobCounts = { waiting: 0, active: 0, completed: 0, failed: 0 };
    for (const entry of this.entries.values()) if (entry.job.name === name) counts[entry.state === 'held' ? 'waiting' : entry.state]++;
    return counts;
  }

  private drain(name: string): void {
    const lane = this.lane(name);
    while (!this.closed && lane.handler && lane.active < lane.concurrency && lane.waiting.length > 0) {
      const entry = lane.waiting.shift()!;
      lane.active++;
      const run = this.execute(lane, entry).finally(() => {
        this.running.delete(run);
        lane.active--;
        this.drain(name);
      });
      this.running.add(run);
    }
  }

  private async execute(lane: Lane, entry: Entry): Promise<void> {
    entry.state = 'active';
    entry.job.attempt++;
    try {
      const result = await lane.handler!(entry.job, this.abort.signal);
      this.settle(entry, { state: 'completed', result });
    } catch (error) {
      const retryable = isSohoaError(error) ? error.retryable : true;
      if (retryable && entry.job.attempt < entry.attempts && !this.closed) {
        entry.state = 'waiting';
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          lane.waiting.push(entry);
          this.drain(entry.job.name);
        }, entry.backoffMs * 2 ** (entry.job.attempt - 1));
        this.timers.add(timer);
        return;
      }
      this.settle(entry, {
        state: 'failed',
        error: error instanceof Error ? error.message : String(error),
        code: isSohoaError(error) ? error.code : null,
      });
    }
  }

  private settle(entry: Entry, outcome: JobOutcome<unknown>): void {
    entry.state = outcome.state;
    entry.outcome = outcome;
    for (const resolve of entry.waiters.splice(0)) resolve(outcome);
  }

  /** Idempotent: stops taking work, cancels pending retries, waits for active jobs. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.closing = (async () => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      await Promise.allSettled([...this.running]);
      this.abort.abort();
      for (const entry of this.entries.values()) {
        if (!entry.outcome) this.settle(entry, { state: 'failed', error: 'queue closed before the job ran', code: 'CLOSED' });
      }
    })();
    return this.closing;
  }
}
