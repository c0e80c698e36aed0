import { formatVietnameseNumber, parseVietnameseNumber } from '../../extractors/parse-number';

describe('Vietnamese number notation', () => {
  it.each([
    ['403.086', 403086],
    ['89.610.747.000', 89610747000],
    ['83,6', 83.6],
    ['98,98', 98.98],
    ['1,02', 1.02],
    ['1.02', 1.02],
    ['4.127', 4127],
    ['2.025.000.000', 2025000000],
    ['1.234,5', 1234.5],
    ['220', 220],
    ['0,5', 0.5],
  ])('reads %s as %d', (text, value) => {
    expect(parseVietnameseNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '1..2', '12.', ',5', '1,2,3,4', '12.34.5'])('refuses %j', (text) => {
    expect(parseVietnameseNumber(text)).toBeNull();
  });

  it('round-trips formatted integers and decimals', () => {
    // Deterministic pseudo-random values across magnitudes.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const magnitude = 10 ** (next() % 12);
      const integer = Math.floor((next() / 2 ** 31) * magnitude);
      expect(parseVietnameseNumber(formatVietnameseNumber(integer))).toBe(integer);
      const decimal = Math.round((next() / 2 ** 31) * 10000) / 100;
      expect(parseVietnameseNumber(formatVietnameseNumber(decimal))).toBeCloseTo(decimal, 10);
    }
  });

  it('formats as Vietnamese writers do', () => {
    expect(formatVietnameseNumber(403086)).toBe('403.086');
    expect(formatVietnameseNumber(83.6)).toBe('83,6');
  });
});
