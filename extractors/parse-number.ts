/**
 * Vietnamese number notation: "." groups thousands and "," marks decimals (403.086 = 403086,
 * 83,6 = 83.6). OCR and mixed-style writers also produce "1.02" for 1,02: a dot followed by
 * anything but groups of exactly three digits is read as a decimal point.
 */

const DIGITS = /^\d+$/;

export function parseVietnameseNumber(raw: string): number | null {
  const text = raw.trim().replace(/\s+/g, '');
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return null;
  const dots = text.split('.').length - 1;
  const commas = text.split(',').length - 1;
  if (dots === 0 && commas === 0) return Number(text);
  if (dots > 0 && commas > 0) {
    // Whichever comes last is the decimal mark; the other groups thousands.
    const decimalMark = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
    const groupMark = decimalMark === ',' ? '.' : ',';
    const [intPart, frac] = text.split(decimalMark) as [string, string | undefined];
    if (frac === undefined || text.split(decimalMark).length !== 2) return null;
    if (!validGroups(intPart.split(groupMark))) return null;
    return Number(`${intPart.split(groupMark).join('')}.${frac}`);
  }
  const mark = dots > 0 ? '.' : ',';
  const parts = text.split(mark);
  if (mark === '.' && validGroups(parts)) return Number(parts.join(''));
  if (mark === ',' && parts.length > 2 && validGroups(parts)) return Number(parts.join(''));
  if (parts.length === 2) return Number(`${parts[0]}.${parts[1]}`);
  return null;
}

function validGroups(parts: string[]): boolean {
  if (parts.length < 2) return false;
  const [head, ...rest] = parts;
  return !!head && head.length <= 3 && DIGITS.test(head) && rest.every((p) => p.length === 3 && DIGITS.test(p));
}

/** Formats as Vietnamese writers do: 403086 -> "403.086", 83.6 -> "83,6". */
export function formatVietnameseNumber(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(value) : value.toFixed(decimals);
  const [intPart, frac] = fixed.split('.') as [string, string | undefined];
  const negative = intPart.startsWith('-');
  const digits = negative ? intPart.slice(1) : intPart;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}
