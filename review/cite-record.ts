/** A citation line for one record: the document by type, number, date and issuer, then page and line. */
import type { DatasetRecord } from '../store/dataset-store';

/** 2021-07-14 -> 14/7/2021, as Vietnamese documents write dates; anything else stays as stored. */
function vietnameseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${Number(match[3])}/${Number(match[2])}/${match[1]}` : date;
}

export function citeRecord(record: DatasetRecord): string {
  const { source } = record;
  const document = source.number ? [source.type, `số ${source.number}`].filter(Boolean).join(' ') : (source.type ?? source.filename);
  const parts = [
    document,
    source.date ? `ngày ${vietnameseDate(source.date)}` : null,
    source.issuer,
    source.page !== null ? `trang ${source.page}` : null,
    source.line !== null ? `dòng ${source.line}` : null,
  ];
  // The file name too when the document is cited by number: two copies of one decision are told apart.
  const cited = parts.filter((p): p is string => p !== null && p !== '').join(', ');
  return source.number ? `${cited} (${source.filename})` : cited;
}
