/**
 * Document metadata from the header and signature block of a Vietnamese administrative
 * document: type, number (416/QĐ-UBND), date, issuer, place, title, signer and capacity.
 */
import type { DocumentMetadata } from '../core/contracts';
import { fold } from '../diacritics/syllable';

const TYPES: Array<[string, string]> = [
  ['quyet dinh', 'Quyết định'],
  ['bao cao', 'Báo cáo'],
  ['ke hoach', 'Kế hoạch'],
  ['cong van', 'Công văn'],
  ['nghi quyet', 'Nghị quyết'],
  ['thong bao', 'Thông báo'],
  ['to trinh', 'Tờ trình'],
  ['chi thi', 'Chỉ thị'],
];

const PROVINCE = /t[iỉ]nh[ \t]+([A-ZĐÂĂÊÔƠƯ][\p{L}]*(?:[ \t]+[A-ZĐÂĂÊÔƠƯ][\p{L}]*){0,2})/u;

/** OCR often reads Đ as P, 0 or D in document-type codes (QP, 0D): restore the letters. */
export function normaliseCode(code: string): string {
  return code.replace(/^(?:QP|0P|0D|QD|0Đ|Q\u0110)(?=-)/u, 'QĐ').replace(/-ND-/, '-NĐ-');
}

function firstMatchLine(lines: string[], test: (folded: string) => boolean): string | null {
  for (const line of lines) if (test(fold(line))) return line.trim();
  return null;
}

export function extractMetadata(text: string): DocumentMetadata {
  const lines = text.split(/\n/).map((l) => l.trim()).filter(Boolean);
  const head = lines.slice(0, 25);

  let type: string | null = null;
  for (const line of head) {
    const folded = fold(line).replace(/[^a-z ]/g, '').trim();
    const hit = TYPES.find(([f]) => folded === f || (line === line.toUpperCase() && folded.startsWith(f)));
    if (hit) {
      type = hit[1];
      break;
    }
  }

  const numberMatch = /(?:S[ốo6]|So)\s*:?\s*(\d{1,5}(?:\/\d{4})?)\s*\/\s*([A-Z0-9ĐP]{1,4}-[A-ZĐ0-9&-]+)/u.exec(head.join('\n'));
  const number = numberMatch ? `${numberMatch[1]}/${normaliseCode(numberMatch[2]!)}` : null;

  const headText = head.join('\n');
  // The date of the document stands after its place ("Gia Lai, ngày 14 tháng 7 năm 2021"); a
  // draft leaves the day blank, which gives a year-month date. Dates in the "Căn cứ" lines are
  // of other documents.
  const dateLine = head.find((l) => /\p{L},\s*ng[aà]y/u.test(l)) ?? '';
  const dateMatch = /ngay\s*(\d{1,2})?\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(fold(dateLine));
  const date = dateMatch
    ? [dateMatch[3], dateMatch[2]!.padStart(2, '0'), dateMatch[1]?.padStart(2, '0')].filter(Boolean).join('-')
    : null;
  const placeMatch = /([\p{Lu}][\p{Ll}]+(?:\s[\p{Lu}][\p{Ll}]+){0,2}),\s*ng[aà]y/u.exec(dateLine);
  const place = placeMatch ? placeMatch[1]!.trim() : null;

  const issuerLine = firstMatchLine(head.slice(0, 6), (f) => /^(uy ban nhan dan|hoi dong nhan dan|so |ban chi dao|bo )/.test(f));
  const issuerProvince = firstMatchLine(head.slice(0, 6), (f) => /^tinh /.test(f));
  // Two-column headers run together in OCR: the issuer ends where the national motto starts.
  const cutMotto = (line: string) => {
    const at = fold(line).search(/\s(cong hoa|c[o0]ng h)/);
    return (at > 0 ? line.slice(0, at) : line).replace(/\s{2,}.*$/, '').trim();
  };
  const issuer = issuerLine
    ? `${cutMotto(issuerLine)}${issuerProvince ? ` ${issuerProvince.replace(/\s{2,}.*$/, '').replace(/\s+(Độc|Doc|Poc)\s.*$/u, '')}` : ''}`.trim()
    : null;

  let title: string | null = null;
  if (type) {
    // The title (trích yếu) follows the type line, up to the issuer line, the first "Căn cứ" or
    // the first body paragraph (drafts put blank lines between every printed line).
    const raw = text.split('\n').map((l) => l.trim());
    const at = raw.findIndex((l) => l !== '' && fold(l).replace(/[^a-z ]/g, '').trim().startsWith(fold(type)));
    const titleLines: string[] = [];
    for (const line of raw.slice(at + 1)) {
      if (line === '') continue;
      const isBody = /^(uy ban|can cu|thuc hien|theo |kinh gui|hoi dong|[ivx]+\.|\d+\.)/.test(fold(line)) || line.length > 150;
      if (isBody || (line === line.toUpperCase() && /\p{L}/u.test(line)) || titleLines.length >= 3) break;
      titleLines.push(line);
    }
    title = titleLines.length ? titleLines.join(' ').replace(/\s+/g, ' ').trim() : null;
  }

  // The signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", then the name.
  // Scans put it wherever the page ends and two-column layouts run it into other text, so take
  // the capitalised run at the end of each line from the first "KT."/"TM." on.
  let signingCapacity: string | null = null;
  let signer: string | null = null;
  const start = lines.findIndex((l) => /(^|\s)(KT|TM|TL|Q)\.\s*\p{Lu}/u.test(l));
  if (start >= 0) {
    const parts: string[] = [];
    let k = start;
    for (; k < Math.min(lines.length, start + 6) && parts.length < 3; k++) {
      const line = lines[k]!.replace(/[^\p{L}]+$/u, '');
      const run = /((?:KT|TM|TL|Q)\.\s*)?\p{Lu}[\p{Lu}\p{M} .]*\p{Lu}$/u.exec(line);
      const words = run ? run[0].trim().split(/\s+/) : [];
      if (words.length >= 2 && words.some((w) => w.length >= 3)) parts.push(run![0].replace(/\s+/g, ' ').trim());
      else if (parts.length > 0 && words.length === 0) break;
    }
    signingCapacity = parts.length ? parts.join(' / ') : null;
    signer = lines.slice(k, k + 6).find((l) => /^(\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+$/u.test(l)) ?? null;
  }

  const provinceMatch = PROVINCE.exec(headText) ?? PROVINCE.exec(text.slice(0, 3000));
  const province = provinceMatch ? provinceMatch[1]!.replace(/\s+(năm|nam|về|ve)$/u, '').trim() : null;
  const titleYear = title ? /(?:19|20)\d{2}/.exec(title) : null;
  const year = titleYear ? Number(titleYear[0]) : date ? Number(date.slice(0, 4)) : null;

  return { type, number, date, issuer, place, title, signer, signingCapacity, province, year };
}
