/** A citation line for one record: the document by type, number, date and issuer, then page and line. */
import type { DatasetRecord } from '../store/dataset-store';

/** 2021-07-14 -> "ngày 14/7/2021", 2021-07 -> "tháng 7/2021", as Vietnamese documents write dates. */
function vietnameseDate(date: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (day) return `ngày ${Number(day[3])}/${Number(day[2])}/${day[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) return `tháng ${Number(month[2])}/${month[1]}`;
  return /^\d{4}$/.test(date) ? `năm ${date}` : date;
}

export function citeRecord(record: DatasetRecord): string {
  const { source } = record;
  const document = source.number ? [source.type, `số ${source.number}`].filter(Boolean).join(' ') : (source.type ?? source.filename);
  const parts = [
    document,
    source.date ? vietnameseDate(source.date) : null,
    source.issuer,
    source.page !== null ? `trang ${source.page}` : null,
    source.line !== null ? `dòng ${source.line}` : null,
  ];
  // The file name too when the document is cited by number: two copies of one decision are told apart.
  const cited = parts.filter((p): p is string => p !== null && p !== '').join(', ');
  return source.number ? `${cited} (${source.filename})` : cited;
}
