import { applyCase, canonicalSyllable, casePattern, fold, hasSyllableShape } from '../../diacritics/syllable';
import { tokenize } from '../../diacritics/tokenize';

describe('Vietnamese syllables', () => {
  it('folds marks and đ away', () => {
    expect(fold('Quyết Định')).toBe('quyet dinh');
    expect(fold('ĐƯỜNG')).toBe('duong');
  });

  it('reads NFD input the same as NFC', () => {
    expect(canonicalSyllable('Quyết'.normalize('NFD'))).toBe('Quyết');
    expect(fold('tiếng'.normalize('NFD'))).toBe('tieng');
  });

  it.each([
    ['hoà', 'old', 'hòa'],
    ['hòa', 'new', 'hoà'],
    ['thuỷ', 'old', 'thủy'],
    ['thủy', 'new', 'thuỷ'],
    ['khoẻ', 'old', 'khỏe'],
    ['quý', 'old', 'quý'],
    ['giá', 'new', 'giá'],
    ['người', 'old', 'người'],
    ['thuyền', 'new', 'thuyền'],
    ['hoàng', 'old', 'hoàng'],
    ['gì', 'old', 'gì'],
    ['CỘNG', 'old', 'CỘNG'],
    ['HOÀ', 'old', 'HÒA'],
  ] as const)('places the tone of %s in the %s style: %s', (input, style, expected) => {
    expect(canonicalSyllable(input, style)).toBe(expected);
  });

  it('keeps the case pattern of a token', () => {
    expect(applyCase('quyết', casePattern('QUYET'))).toBe('QUYẾT');
    expect(applyCase('định', casePattern('Dinh'))).toBe('Định');
    expect(applyCase('xã', casePattern('xa'))).toBe('xã');
  });

  it('tells syllable shapes from acronyms', () => {
    expect(hasSyllableShape('nghieng')).toBe(true);
    expect(hasSyllableShape('pinh')).toBe(true);
    expect(hasSyllableShape('ubnd')).toBe(false);
    expect(hasSyllableShape('tthc')).toBe(false);
  });

  it('tokenizes codes, numbers and dates without splitting them', () => {
    const kinds = tokenize('Số 416/QĐ-UBND ngày 14/7/2021: 184/220 xã, 83,6%; TT&TT')
      .filter((t) => t.kind !== 'space')
      .map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'word:Số', 'code:416/QĐ-UBND', 'word:ngày', 'number:14/7/2021', 'punct::', 'number:184/220', 'word:xã', 'punct:,',
      'number:83,6', 'punct:%', 'punct:;', 'code:TT&TT',
    ]);
  });

  it('marks short letter runs with digits or symbols inside as mixed (garbled syllables)', () => {
    const mixed = tokenize('c6 giai phap, B¢ tiêu chí, (184/220 x3), TT&TT, 64/2007/ND-CP, ngay 14thang 7')
      .filter((t) => t.kind === 'mixed' || t.kind === 'code')
      .map((t) => `${t.kind}:${t.text}`);
    expect(mixed).toEqual(['mixed:c6', 'mixed:B¢', 'mixed:x3', 'code:TT&TT', 'code:64/2007/ND-CP', 'code:14thang']);
  });
});
