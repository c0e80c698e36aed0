/** One behaviour for every JobQueue backend: each implementation's test calls this suite. */
import { InputError, SohoaError } from '../../core/errors';
import type { JobQueue } from '../../queue/job-queue';

export function describeJobQueue(name: string, make: () => Promise<JobQueue>): void {
  describe(`JobQueue conformance: ${name}`, () => {
    let queue: JobQueue;
    beforeEach(async () => {
      queue = await make();
    });
    afterEach(async () => {
      await queue.close();
    });

    it('runs a job and hands back its result', async () => {
      queue.process<{ n: number }, number>('double', async (job) => job.data.n * 2);
      const id = await queue.add('double', { n: 21 });
      await expect(queue.waitFor(id)).resolves.toEqual({ state: 'completed', result: 42 });
    });

    it('processes a job id only once however often it is added', async () => {
      let runs = 0;
      queue.process('count', async () => ++runs);
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => queue.add('count', {}, { jobId: 'same-content-hash' })));
      expect(new Set(ids)).toEqual(new Set(['same-content-hash']));
      await queue.waitFor(ids[0]!);
      expect(runs).toBe(1);
    });

    it('retries a retryable error and then succeeds', async () => {
      let attempts = 0;
      queue.process('flaky', async () => {
        if (++attempts < 3) throw new SohoaError('STORAGE', 'database busy', { retryable: true });
        return 'ok';
      });
      const id = await queue.add('flaky', {}, { attempts: 3, backoffMs: 5 });
      await expect(queue.waitFor(id)).resolves.toEqual({ state: 'completed', result: 'ok' });
      expect(attempts).toBe(3);
    });

    it('fails bad input at once, without retry, and keeps going with other jobs', async () => {
      let attempts = 0;
      queue.process<{ bad: boolean }, string>('parse', async (job) => {
        attempts++;
        if (job.data.bad) throw new InputError('CORRUPT_FILE', 'poison.pdf', 'cannot read PDF');
        return 'fine';
      });
      const bad = await queue.add('parse', { bad: true }, { attempts: 5, backoffMs: 5 });
      const good = await queue.add('parse', { bad: false });
      await expect(queue.waitFor(bad)).resolves.toEqual({ state: 'failed', error: 'poison.pdf: cannot read PDF', code: 'CORRUPT_FILE' });
      await expect(queue.waitFor(good)).resolves.toEqual({ state: 'completed', result: 'fine' });
      expect(attempts).toBe(2);
      expect(await queue.counts('parse')).toMatchObject({ completed: 1, failed: 1, waiting: 0, active: 0 });
    });

    it('respects the concurrency limit', async () => {
      let active = 0;
      let peak = 0;
      queue.process('slow', async () => {
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
      }, { concurrency: 2 });
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => queue.add('slow', {})));
      await Promise.all(ids.map((id) => queue.waitFor(id)));
      expect(peak).toBe(2);
    });

    it('closes idempotently and refuses new work afterwards', async () => {
      await queue.close();
      await queue.close();
      await expect(queue.add('late', {})).rejects.toThrow(/closed/);
    });
  });
}
