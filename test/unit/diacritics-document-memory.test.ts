import { recallDocument } from '../../diacritics/document-memory';
import type { LatticeSlot } from '../../diacritics/decode-lattice';

// Two options per ambiguous word: unit ids 10 ("thông") and 11 ("thống"); 20 is an unambiguous neighbour.
const word = (): LatticeSlot => ({ ids: [10, 11], weight: [1, 1], restart: false });
const plain = (): LatticeSlot => ({ ids: [20], weight: [1], restart: false });

describe('recallDocument', () => {
  it('reopens a word whose other occurrences in the same context were restored otherwise, favouring their choice', () => {
    // "truyen thong" three times: the first decode chose option 0 twice and option 1 once.
    const slots = [plain(), word(), plain(), plain(), word(), plain(), plain(), word()];
    const keys = ['truyen', 'thong', 'x', 'truyen', 'thong', 'y', 'truyen', 'thong'];
    const first = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 1]);
    const recalled = recallDocument(slots, keys, first, { strength: 1, window: 1 });
    expect(recalled).not.toBeNull();
    const { slots: second, reopened } = recalled!;
    // Every occurrence is contested (each sees the other choice elsewhere), so each window opens.
    expect(Array.from(reopened)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // The odd one out: two others chose option 0, none option 1 -> weights 3/3 and 1/3.
    expect(second[7]!.weight[0]).toBeCloseTo(1);
    expect(second[7]!.weight[1]).toBeCloseTo(1 / 3);
  });

  it('changes nothing when every occurrence agrees, and keeps unrelated contexts apart', () => {
    const slots = [plain(), word(), plain(), plain(), word()];
    const keys = ['truyen', 'thong', 'x', 'van', 'thong'];
    expect(recallDocument(slots, keys, Int32Array.from([0, 0, 0, 0, 1]), { strength: 1, window: 2 })).toBeNull();
    expect(recallDocument(slots, keys, Int32Array.from([0, 1, 0, 0, 1]), { strength: 1, window: 2 })).toBeNull();
  });

  it('keeps slots outside the windows to their first reading', () => {
    const slots = [word(), plain(), plain(), plain(), plain(), plain(), word(), plain(), word()];
    // The two "thong" share the context "f|thong" and were restored differently; the first word is far away.
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'thong', 'f', 'thong'];
    const first = Int32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 1]);
    const recalled = recallDocument(slots, keys, first, { strength: 1, window: 1 })!;
    expect(recalled.reopened[0]).toBe(0);
    expect(recalled.slots[0]!.ids).toEqual([11]);
    expect(recalled.reopened[6]).toBe(1);
    expect(recalled.reopened[8]).toBe(1);
  });
});
