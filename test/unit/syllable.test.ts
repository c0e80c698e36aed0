import { applyCase, canonicalSyllable, casePattern, fold, hasSyllableShape } from '../../diacritics/syllable';
import { breaksParagraph } from '../../diacritics/lm-units';
import { scanTokens, tokenize } from '../../diacritics/tokenize';

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

  it('splits words from the brackets and punctuation around them, and keeps every offset', () => {
    const text = '(Điều 5) “quyết định”, khoản 2.\u00a0Hết;\u3000xong 😀 中文!';
    const tokens = tokenize(text);
    expect(tokens.filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'punct:(', 'word:Điều', 'number:5', 'punct:)', 'punct:“', 'word:quyết', 'word:định', 'punct:”', 'punct:,', 'word:khoản', 'number:2',
      'punct:.', 'word:Hết', 'punct:;', 'word:xong', 'punct:😀', 'word:中文', 'punct:!',
    ]);
    // The no-break and ideographic spaces separate words like any other space.
    expect(tokens.filter((t) => t.kind === 'space').map((t) => t.text)).toEqual([' ', ' ', ' ', ' ', ' ', '\u00a0', '\u3000', ' ', ' ']);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('gives the same tokens as a stream of offsets as it does as objects', () => {
    const text = 'Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 (sửa đổi), c6 x3 v&i... https://a.vn';
    const stream = scanTokens(text);
    const tokens = tokenize(text);
    expect(stream.length).toBe(tokens.length);
    tokens.forEach((t, k) => expect(stream.token(k)).toEqual(t));
  });

  it('finds a paragraph break only where whitespace holds a blank line', () => {
    expect(breaksParagraph('a\n\nb', 1, 3)).toBe(true);
    expect(breaksParagraph('a\n \t\n b', 1, 6)).toBe(true);
    expect(breaksParagraph('a\n b', 1, 3)).toBe(false);
    // Line breaks outside the range do not count.
    expect(breaksParagraph('\n a \n', 2, 3)).toBe(false);
  });
});
