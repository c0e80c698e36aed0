/**
 * The JobQueue port on BullMQ and Redis: one BullMQ queue per job name under a key prefix,
 * flows through FlowProducer (children that fail are ignored by their parent, never block it),
 * non-retryable errors become UnrecoverableError, and retries back off exponentially.
 */
import { FlowProducer, Job as BullJob, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { describeError, isSohoaError, SohoaError } from '../core/errors';
import type { Logger } from '../core/logger';
import { jobKey, type FlowChild, type JobCounts, type JobHandler, type JobOptions, type JobOutcome, type JobQueue, type JobState, type ProcessOptions } from './job-queue';
import { checkEvictionPolicy, connectRedis } from './redis-connection';

export interface BullMqQueueOptions {
  url: string;
  /** Key prefix: separate deployments (and test runs) share one Redis without meeting. */
  prefix: string;
  logger: Logger;
  /** How long a job's lock lives without renewal; a killed worker's job is taken over after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Times a job may be found stalled (its worker gone) and restarted before it fails. */
  maxStalledCount?: number;
}

const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600 };
/** How often a waiter re-reads a job's state in case an event was missed (dropped connection). */
const WAIT_POLL_MS = 2000;

/** A failure crosses Redis as text: the error code travels in front of the message. */
function encodeFailure(error: unknown): string {
  return isSohoaError(error) ? `[${error.code}] ${error.message}` : describeError(error);
}

function decodeFailure(reason: string | undefined): { error: string; code: string | null } {
  const match = /^\[([A-Z_]+)\] ([\s\S]*)$/.exec(reason ?? '');
  return match ? { error: match[2]!, code: match[1]! } : { error: reason ?? 'failed', code: null };
}

function toJobState(state: string): JobState {
  switch (state) {
    case 'completed':
    case 'failed':
    case 'active':
      return state;
    case 'unknown':
      return 'missing';
    default:
      return 'waiting';
  }
}

export class BullMqQueue implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly events = new Map<string, Promise<QueueEvents>>();
  private readonly workers: Worker[] = [];
  private readonly pendingWorkers: Array<Promise<Worker>> = [];
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly connections: Redis[] = [];
  private readonly abort = new AbortController();
  private readonly flows: FlowProducer;
  private closed = false;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly options: BullMqQueueOptions,
    private readonly producer: Redis,
  ) {
    this.flows = new FlowProducer({ connection: producer, prefix: options.prefix });
    this.flows.on('error', (error) => options.logger.warn(`queue: ${describeError(error)}`));
  }

  static async connect(options: BullMqQueueOptions): Promise<BullMqQueue> {
    const producer = await connectRedis(options.url, 'producer');
    await checkEvictionPolicy(producer, options.logger);
    const queue = new BullMqQueue(options, producer);
    queue.connections.push(producer);
    return queue;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer, prefix: this.options.prefix });
      queue.on('error', (error) => this.options.logger.warn(`queue ${name}: ${describeError(error)}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private jobOptions(options: Omit<JobOptions, 'jobId'>) {
    return {
      attempts: Math.max(1, options.attempts ?? 3),
      backoff: { type: 'exponential', delay: options.backoffMs ?? 500 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  private ensureOpen(): void {
    if (this.closed) throw new SohoaError('CLOSED', 'queue is closed');
  }

  process<T, R>(name: string, handler: JobHandler<T, R>, options: ProcessOptions = {}): void {
    this.ensureOpen();
    const logger = this.options.logger;
    const connection = connectRedis(this.options.url, 'worker');
    // Workers start once their blocking connection is up; errors surface through 'error'.
    const starting = connection.then((client) => {
      this.connections.push(client);
      const worker = new Worker(
        name,
        async (job: BullJob) => {
          try {
            return await handler(
              {
                id: job.id!,
                name,
                data: job.data as T,
                attempt: job.attemptsMade + 1,
                maxAttempts: job.opts.attempts ?? 1,
                reportProgress: (progress) => job.updateProgress(progress),
              },
              this.abort.signal,
            );
          } catch (error) {
            if (isSohoaError(error) && !error.retryable) throw new UnrecoverableError(encodeFailure(error));
            throw new Error(encodeFailure(error), { cause: error });
          }
        },
        {
          connection: client,
          prefix: this.options.prefix,
          concurrency: Math.max(1, options.concurrency ?? 1),
          lockDuration: this.options.lockDurationMs ?? 30_000,
          stalledInterval: this.options.stalledIntervalMs ?? 30_000,
          maxStalledCount: this.options.maxStalledCount ?? 2,
        },
      );
      worker.on('error', (error) => logger.warn(`worker ${name}: ${describeError(error)}`));
      this.workers.push(worker);
      return worker;
    });
    this.pendingWorkers.push(starting);
    starting.catch((error: unknown) => logger.error(`worker ${name} could not start: ${describeError(error)}`));
  }

  /** Resolves once every registered worker is connected and taking jobs. */
  async ready(): Promise<void> {
    const workers = await Promise.all(this.pendingWorkers);
    await Promise.all(workers.map((w) => w.waitUntilReady()));
  }

  /** The BullMQ queues behind the given job names, for the admin dashboard. */
  dashboardQueues(names: readonly string[]): Queue[] {
    return names.map((name) => this.queue(name));
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    this.ensureOpen();
    const job = await this.queue(name).add(name, data, { ...this.jobOptions(options), ...(options.jobId ? { jobId: options.jobId } : {}) });
    return job.id!;
  }

  async addFlow<T>(parent: { name: string; data: T; jobId: string }, children: FlowChild[], options: Omit<JobOptions, 'jobId'> = {}): Promise<string> {
    this.ensureOpen();
    if ((await this.state(parent.name, parent.jobId)) !== 'missing') return parent.jobId;
    const opts = this.jobOptions(options);
    await this.flows.add({
      name: parent.name,
      queueName: parent.name,
      data: parent.data,
      opts: { ...opts, jobId: parent.jobId },
      children: children.map((child) => ({
        name: child.name,
        queueName: child.name,
        data: child.data,
        opts: { ...opts, jobId: child.jobId, ignoreDependencyOnFailure: true },
      })),
    });
    return parent.jobId;
  }

  /** One listener per queue dispatches completion events to whoever waits for that job id. */
  private listen(name: string): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      events = connectRedis(this.options.url, 'worker').then(async (client) => {
        this.connections.push(client);
        const queueEvents = new QueueEvents(name, { connection: client, prefix: this.options.prefix });
        queueEvents.on('error', (error) => this.options.logger.warn(`queue events ${name}: ${describeError(error)}`));
        const wake = ({ jobId }: { jobId: string }) => {
          for (const check of this.waiters.get(jobKey(name, jobId)) ?? []) check();
        };
        queueEvents.on('completed', wake);
        queueEvents.on('failed', wake);
        await queueEvents.waitUntilReady();
        return queueEvents;
      });
      this.events.set(name, events);
    }
    return events;
  }

  private async outcome<R>(name: string, jobId: string): Promise<JobOutcome<R> | 'pending' | 'missing'> {
    // State first, then the job: read the other way round, a job finishing in between
    // would show as completed with the return value it had while waiting.
    const state = await this.queue(name).getJobState(jobId);
    if (state !== 'completed' && state !== 'failed') return state === 'unknown' ? 'missing' : 'pending';
    const job = await BullJob.fromId(this.queue(name), jobId);
    if (!job) return 'missing';
    if (state === 'completed') return { state: 'completed', result: job.returnvalue as R };
    return { state: 'failed', ...decodeFailure(job.failedReason) };
  }

  async waitFor<R>(name: string, jobId: string): Promise<JobOutcome<R>> {
    this.ensureOpen();
    await this.listen(name);
    const key = jobKey(name, jobId);
    return new Promise<JobOutcome<R>>((resolve, reject) => {
      let done = false;
      const finish = (result: JobOutcome<R> | Error) => {
        if (done) return;
        done = true;
        clearInterval(timer);
        const checks = this.waiters.get(key);
        checks?.delete(check);
        if (checks?.size === 0) this.waiters.delete(key);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const check = () => {
        if (this.closed) return finish(new SohoaError('CLOSED', 'queue closed while waiting for a job'));
        this.outcome<R>(name, jobId).then(
          (outcome) => {
            if (outcome === 'missing') finish(new SohoaError('NOT_FOUND', `no ${name} job ${jobId} in Redis (lost or removed); \`sohoa recover\` re-enqueues unfinished documents`));
            else if (outcome !== 'pending') finish(outcome);
          },
          (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
        );
      };
      this.waiters.set(key, (this.waiters.get(key) ?? new Set()).add(check));
      // Events can be missed (a dropped connection): the state is read again now and then.
      const timer = setInterval(check, WAIT_POLL_MS);
      check();
    });
  }

  async state(name: string, jobId: string): Promise<JobState> {
    return toJobState(await this.queue(name).getJobState(jobId));
  }

  async remove(name: string, jobId: string): Promise<void> {
    const state = await this.state(name, jobId);
    if (state === 'completed' || state === 'failed') await this.queue(name).remove(jobId);
  }

  async counts(name: string): Promise<JobCounts> {
    const c = await this.queue(name).getJobCounts('wait', 'waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed');
    const n = (key: string) => c[key] ?? 0;
    return {
      waiting: n('wait') + n('waiting') + n('delayed') + n('prioritized') + n('waiting-children'),
      active: n('active'),
      completed: n('completed'),
      failed: n('failed'),
    };
  }

  /** Idempotent. Workers finish their active jobs (SIGTERM drain), then connections close. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      await Promise.allSettled(this.pendingWorkers);
      await Promise.allSettled(this.workers.map((w) => w.close()));
      this.abort.abort();
      const events = await Promise.allSettled([...this.events.values()]);
      await Promise.allSettled(events.flatMap((e) => (e.status === 'fulfilled' ? [e.value.close()] : [])));
      await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
      await this.flows.close().catch(() => undefined);
      await Promise.allSettled(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
    })();
    return this.closing;
  }
}
