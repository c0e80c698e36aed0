import { OffsetMap } from '../../diacritics/offset-map';

describe('offsets from restored text back to the original', () => {
  // original: "dien tir 184/220 x3" ; restored: "điện tử 184/220 x3" ("tir" -> "tử" is one shorter)
  const map = new OffsetMap([{ originalStart: 5, originalEnd: 8, restoredStart: 5, restoredEnd: 7 }]);

  it('keeps offsets before a replaced syllable and shifts those after it', () => {
    expect(map.toOriginal(2)).toBe(2);
    expect(map.spanToOriginal([8, 15])).toEqual([9, 16]);
  });

  it('maps a replaced syllable to the whole original token', () => {
    expect(map.spanToOriginal([5, 7])).toEqual([5, 8]);
  });
});
