/** Token verification cache and coalesced reads (issue 21): what they save and what they must never do. */
import { ReadCoalescer } from '../../server/coalesce-reads';
import { TokenCache } from '../../server/token-cache';
import type { User } from '../../core/review';

const lan: User = { id: 7, name: 'lan', role: 'reviewer', createdAt: '2026-01-01T00:00:00.000Z' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('TokenCache', () => {
  it('looks a token up once per TTL, forgets everything on revocation, and stays within its size', async () => {
    const cache = new TokenCache({ ttlMs: 200, maxEntries: 2 });
    let lookups = 0;
    const lookup = async (token: string) => (lookups++, token === 'sohoa_good' ? lan : null);
    expect(await cache.verify('sohoa_good', lookup)).toEqual(lan);
    expect(await cache.verify('sohoa_good', lookup)).toEqual(lan);
    expect(lookups).toBe(1);
    cache.forgetAll();
    expect(await cache.verify('sohoa_good', lookup)).toEqual(lan);
    expect(lookups).toBe(2);
    await sleep(250);
    expect(await cache.verify('sohoa_good', lookup)).toEqual(lan);
    expect(lookups).toBe(3);
    // Two other tokens push the oldest out: it is looked up again.
    expect(await cache.verify('sohoa_bad1', lookup)).toBeNull();
    expect(await cache.verify('sohoa_bad2', lookup)).toBeNull();
    expect(await cache.verify('sohoa_good', lookup)).toEqual(lan);
    expect(lookups).toBe(6);
  });
});

describe('ReadCoalescer', () => {
  it('serves concurrent identical reads with at most two reads, the second started after the first ended', async () => {
    const reads = new ReadCoalescer();
    let started = 0;
    let version = 0;
    const read = async () => {
      started++;
      const seen = ++version;
      await sleep(50);
      return seen;
    };
    const first = reads.run('k', read);
    await sleep(10);
    // Arrived while the first read ran: they must not get its (older) answer.
    const later = await Promise.all(Array.from({ length: 100 }, () => reads.run('k', read)));
    expect(await first).toBe(1);
    expect(new Set(later)).toEqual(new Set([2]));
    expect(started).toBe(2);
    // Other keys are read on their own, and a failed read is not remembered.
    expect(await reads.run('other', read)).toBe(3);
    await expect(reads.run('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await reads.run('k', read)).toBe(4);
  });
});
