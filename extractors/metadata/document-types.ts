/**
 * The kinds of Vietnamese state documents and the code letters their numbers carry, from Decree
 * 30/2020/NĐ-CP (administrative documents, appendix III) and the Law on legal documents: general
 * knowledge of the template, not words taken from any page.
 */
import { fold } from '../../core/fold';

export interface DocumentType {
  name: string;
  /** The letters before the issuer's abbreviation in a number ("QĐ" of 416/QĐ-UBND). */
  codes: string[];
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { name: 'Nghị quyết', codes: ['NQ'] },
  { name: 'Quyết định', codes: ['QĐ'] },
  { name: 'Chỉ thị', codes: ['CT'] },
  { name: 'Quy chế', codes: ['QC'] },
  { name: 'Quy định', codes: ['QyĐ'] },
  { name: 'Thông cáo', codes: ['TC'] },
  { name: 'Thông báo', codes: ['TB'] },
  { name: 'Hướng dẫn', codes: ['HD'] },
  { name: 'Chương trình', codes: ['CTr'] },
  { name: 'Kế hoạch', codes: ['KH'] },
  { name: 'Phương án', codes: ['PA'] },
  { name: 'Đề án', codes: ['ĐA'] },
  { name: 'Dự án', codes: ['DA'] },
  { name: 'Báo cáo', codes: ['BC'] },
  { name: 'Biên bản', codes: ['BB'] },
  { name: 'Tờ trình', codes: ['TTr'] },
  { name: 'Hợp đồng', codes: ['HĐ'] },
  { name: 'Công văn', codes: [] },
  { name: 'Công điện', codes: ['CĐ'] },
  { name: 'Bản ghi nhớ', codes: ['BGN'] },
  { name: 'Bản thỏa thuận', codes: ['BTT'] },
  { name: 'Giấy ủy quyền', codes: ['GUQ'] },
  { name: 'Giấy mời', codes: ['GM'] },
  { name: 'Giấy giới thiệu', codes: ['GGT'] },
  { name: 'Giấy nghỉ phép', codes: ['GNP'] },
  { name: 'Phiếu gửi', codes: ['PG'] },
  { name: 'Phiếu chuyển', codes: ['PC'] },
  { name: 'Phiếu báo', codes: ['PB'] },
  { name: 'Thư công', codes: [] },
  { name: 'Luật', codes: [] },
  { name: 'Pháp lệnh', codes: [] },
  { name: 'Nghị định', codes: ['NĐ'] },
  { name: 'Thông tư liên tịch', codes: ['TTLT'] },
  { name: 'Thông tư', codes: ['TT'] },
];

/** Letters only, folded, single-spaced: how a heading is compared with a type's name. */
export function headingKey(text: string): string {
  return fold(text).replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

const BY_KEY = [...DOCUMENT_TYPES].map((t) => ({ type: t, key: headingKey(t.name) })).sort((a, b) => b.key.length - a.key.length);

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return Math.max(a.length, b.length) - i - j <= 1;
}

/**
 * The type a heading line names: the line is the type's name alone, in any case, or starts with it
 * in capitals (a title run onto the heading's line). One OCR slip is forgiven in names of seven
 * letters or more ("QUYET PINH"). A heading that ends with a colon ("QUYẾT ĐỊNH:") introduces the
 * articles of a decision and is not the document's type.
 */
export function typeOfHeading(line: string): { name: string; exact: boolean } | null {
  const trimmed = line.trim();
  if (trimmed === '' || /:\s*$/.test(trimmed) || trimmed.length > 160) return null;
  const key = headingKey(trimmed);
  const squeezed = key.replace(/ /g, '');
  // Spaced-out capitals ("Q U Y Ế T  Đ Ị N H") are the same heading.
  for (const { type, key: name } of BY_KEY) if (key === name || squeezed === name.replace(/ /g, '')) return { name: type.name, exact: true };
  if (trimmed !== trimmed.toUpperCase()) return null;
  // In capitals the title may run on after the name ("QUYẾT ĐỊNH VỀ VIỆC ...").
  for (const { type, key: name } of BY_KEY) if (key.startsWith(`${name} ve `) || key.startsWith(`${name} v v `)) return { name: type.name, exact: true };
  if (key.split(' ').length > 4) return null;
  for (const { type, key: name } of BY_KEY) {
    const plain = name.replace(/ /g, '');
    if (plain.length >= 7 && withinOneEdit(squeezed, plain)) return { name: type.name, exact: false };
  }
  return null;
}

/** The type named by a number's code letters ("QĐ" -> Quyết định), or null when they name none. */
export function typeOfCode(letters: string): string | null {
  return DOCUMENT_TYPES.find((t) => t.codes.includes(letters))?.name ?? null;
}

/** Every type code letters, longest first. */
export const TYPE_CODES: readonly string[] = DOCUMENT_TYPES.flatMap((t) => t.codes).sort((a, b) => b.length - a.length);
