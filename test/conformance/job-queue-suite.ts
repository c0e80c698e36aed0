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
      await expect(queue.waitFor('double', id)).resolves.toEqual({ state: 'completed', result: 42 });
    });

    it('processes a job id only once however often it is added', async () => {
      let runs = 0;
      queue.process('count', async () => ++runs);
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => queue.add('count', {}, { jobId: 'same-content-hash' })));
      expect(new Set(ids)).toEqual(new Set(['same-content-hash']));
      await queue.waitFor('count', ids[0]!);
      expect(runs).toBe(1);
    });

    it('retries a retryable error and then succeeds', async () => {
      let attempts = 0;
      queue.process('flaky', async () => {
        if (++attempts < 3) throw new SohoaError('STORAGE', 'database busy', { retryable: true });
        return 'ok';
      });
      const id = await queue.add('flaky', {}, { attempts: 3, backoffMs: 5 });
      await expect(queue.waitFor('flaky', id)).resolves.toEqual({ state: 'completed', result: 'ok' });
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
      await expect(queue.waitFor('parse', bad)).resolves.toEqual({ state: 'failed', error: 'poison.pdf: cannot read PDF', code: 'CORRUPT_FILE' });
      await expect(queue.waitFor('parse', good)).resolves.toEqual({ state: 'completed', result: 'fine' });
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
      await Promise.all(ids.map((id) => queue.waitFor('slow', id)));
      expect(peak).toBe(2);
    });

    it('tells the handler its attempt and its last attempt', async () => {
      const seen: Array<[number, number]> = [];
      queue.process('attempts', async (job) => {
        seen.push([job.attempt, job.maxAttempts]);
        if (job.attempt < job.maxAttempts) throw new SohoaError('STORAGE', 'busy', { retryable: true });
        await job.reportProgress({ page: 1, pages: 1 });
        return job.attempt;
      });
      const id = await queue.add('attempts', {}, { attempts: 2, backoffMs: 5 });
      await expect(queue.waitFor('attempts', id)).resolves.toEqual({ state: 'completed', result: 2 });
      expect(seen).toEqual([[1, 2], [2, 2]]);
    });

    it('runs a flow parent after all its children, even when a child fails for good', async () => {
      const order: string[] = [];
      queue.process<{ page: number }, number>('child', async (job) => {
        await new Promise((r) => setTimeout(r, 10 * job.data.page));
        order.push(`child ${job.data.page}`);
        if (job.data.page === 2) throw new InputError('CORRUPT_FILE', 'scan.tif', 'page 2 cannot be decoded');
        return job.data.page;
      }, { concurrency: 3 });
      queue.process<{ doc: string }, string>('parent', async (job) => {
        order.push('parent');
        return job.data.doc;
      });
      const children = [1, 2, 3].map((page) => ({ name: 'child', data: { page }, jobId: `doc-a.page-${page}` }));
      const parentId = await queue.addFlow({ name: 'parent', data: { doc: 'a' }, jobId: 'doc-a.finish' }, children, { attempts: 1 });
      expect(parentId).toBe('doc-a.finish');
      await expect(queue.waitFor('parent', parentId)).resolves.toEqual({ state: 'completed', result: 'a' });
      expect(order.slice(-1)).toEqual(['parent']);
      expect(order.filter((o) => o.startsWith('child')).sort()).toEqual(['child 1', 'child 2', 'child 3']);
      await expect(queue.waitFor('child', 'doc-a.page-2')).resolves.toMatchObject({ state: 'failed', code: 'CORRUPT_FILE' });
      // The same flow again is the same job: nothing runs twice.
      await queue.addFlow({ name: 'parent', data: { doc: 'a' }, jobId: 'doc-a.finish' }, children);
      expect(order.filter((o) => o === 'parent')).toHaveLength(1);
    });

    it('reports job states and frees a finished job id on removal', async () => {
      queue.process('once', async () => 'done');
      expect(await queue.state('once', 'job-1')).toBe('missing');
      const id = await queue.add('once', {}, { jobId: 'job-1' });
      await queue.waitFor('once', id);
      expect(await queue.state('once', 'job-1')).toBe('completed');
      await queue.remove('once', 'job-1');
      expect(await queue.state('once', 'job-1')).toBe('missing');
      await queue.add('once', {}, { jobId: 'job-1' });
      await expect(queue.waitFor('once', 'job-1')).resolves.toEqual({ state: 'completed', result: 'done' });
    });

    it('closes idempotently and refuses new work afterwards', async () => {
      await queue.close();
      await queue.close();
      await expect(queue.add('late', {})).rejects.toThrow(/closed/);
    });
  });
}
