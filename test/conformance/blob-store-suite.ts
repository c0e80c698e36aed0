/** One behaviour for every BlobStore backend. */
import type { BlobStore } from '../../store/blob-store';

export function describeBlobStore(name: string, make: () => Promise<BlobStore>): void {
  describe(`BlobStore conformance: ${name}`, () => {
    let store: BlobStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores by content hash and reads the same bytes back', async () => {
      const key = await store.put(Buffer.from('Quyết định 416/QĐ-UBND'));
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect((await store.get(key)).toString()).toBe('Quyết định 416/QĐ-UBND');
      expect(await store.has(key)).toBe(true);
    });

    it('gives the same key for the same bytes', async () => {
      const a = await store.put(Buffer.from([1, 2, 3]));
      const b = await store.put(Buffer.from([1, 2, 3]));
      expect(a).toBe(b);
    });

    it('says clearly when a blob is missing and refuses keys that are not digests', async () => {
      await expect(store.get('0'.repeat(64))).rejects.toThrow(/not in the store/);
      expect(await store.has('0'.repeat(64))).toBe(false);
      await expect(store.get('../../etc/passwd')).rejects.toThrow();
    });
  });
}
