/**
 * Writes an integer in Vietnamese words as documents do ("hai trăm linh năm", "bốn mươi tư"),
 * to test the reader against an independent writer.
 */
const DIGIT = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function spellGroup(n: number, leading: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: string[] = [];
  if (!leading || hundreds > 0) words.push(DIGIT[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && words.length > 0) words.push('linh', DIGIT[units]!);
    else if (units > 0) words.push(DIGIT[units]!);
  } else if (tens === 1) {
    words.push('mười');
    if (units > 0) words.push(units === 5 ? 'lăm' : DIGIT[units]!);
  } else {
    words.push(DIGIT[tens]!, 'mươi');
    if (units > 0) words.push(units === 1 ? 'mốt' : units === 4 ? 'tư' : units === 5 ? 'lăm' : DIGIT[units]!);
  }
  return words;
}

/** 0 <= n < 10^12. */
export function spellNumber(n: number): string {
  if (n === 0) return 'không';
  const scales: Array<[number, string]> = [
    [1e9, 'tỷ'],
    [1e6, 'triệu'],
    [1e3, 'nghìn'],
    [1, ''],
  ];
  const words: string[] = [];
  let rest = n;
  for (const [size, name] of scales) {
    const group = Math.floor(rest / size);
    rest %= size;
    if (group === 0) continue;
    words.push(...spellGroup(group, words.length === 0));
    if (name) words.push(name);
  }
  return words.join(' ');
}
