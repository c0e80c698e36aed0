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

const PROVINCE = /t[iỉ]nh\s+([A-ZĐÂĂÊÔƠƯ][\p{L}]*(?:\s+[A-ZĐÂĂÊÔƠƯ][\p{L}]*){0,2})/u;

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
  const foldedHead = fold(headText);
  const dateMatch = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/.exec(foldedHead);
  const date = dateMatch
    ? `${dateMatch[3]}-${dateMatch[2]!.padStart(2, '0')}-${dateMatch[1]!.padStart(2, '0')}`
    : null;
  const placeMatch = /(?:^|\n|\s{2,})([\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+){0,2}),\s*ng[aà]y/u.exec(headText);
  const place = placeMatch ? placeMatch[1]!.trim() : null;

  const issuerLine = firstMatchLine(head.slice(0, 6), (f) => /^(uy ban nhan dan|hoi dong nhan dan|so |ban chi dao|bo )/.test(f));
  const issuerProvince = firstMatchLine(head.slice(0, 6), (f) => /^tinh /.test(f));
  const issuer = issuerLine
    ? `${issuerLine.replace(/\s{2,}.*$/, '').replace(/\s+(CỘNG|CONG)\s.*$/u, '')}${issuerProvince ? ` ${issuerProvince.replace(/\s{2,}.*$/, '').replace(/\s+(Độc|Doc|Poc)\s.*$/u, '')}` : ''}`.trim()
    : null;

  let title: string | null = null;
  if (type) {
    const at = head.findIndex((l) => fold(l).replace(/[^a-z ]/g, '').trim().startsWith(fold(type)));
    const titleLines: string[] = [];
    for (const line of head.slice(at + 1)) {
      if (/^(uy ban|can cu|hoi dong|[ivx]+\.|\d+\.)/.test(fold(line)) || titleLines.length >= 3) break;
      titleLines.push(line);
    }
    title = titleLines.length ? titleLines.join(' ').replace(/\s+/g, ' ').trim() : null;
  }

  const tail = lines.slice(-30);
  const capacityIdx = tail.findIndex((l) => /(kt\.|tm\.|chu tich|giam doc|truong ban|truong)/.test(fold(l)) && l === l.toUpperCase());
  let signingCapacity: string | null = null;
  let signer: string | null = null;
  if (capacityIdx >= 0) {
    const capacityLines = tail.slice(capacityIdx).filter((l) => l === l.toUpperCase() && /\p{L}/u.test(l)).slice(0, 3);
    signingCapacity = capacityLines.map((l) => l.replace(/^.*?(KT\.|TM\.)/u, '$1').trim()).join(' / ') || null;
    const nameLine = tail
      .slice(capacityIdx + 1)
      .reverse()
      .find((l) => /^(\p{Lu}\p{Ll}+\s){1,4}\p{Lu}\p{Ll}+$/u.test(l));
    signer = nameLine ?? null;
  }

  const provinceMatch = PROVINCE.exec(headText) ?? PROVINCE.exec(text.slice(0, 3000));
  const province = provinceMatch ? provinceMatch[1]!.replace(/\s+(năm|nam|về|ve)$/u, '').trim() : null;
  const titleYear = title ? /(?:19|20)\d{2}/.exec(title) : null;
  const year = titleYear ? Number(titleYear[0]) : date ? Number(date.slice(0, 4)) : null;

  return { type, number, date, issuer, place, title, signer, signingCapacity, province, year };
}
