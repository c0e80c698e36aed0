/** Dates and cited documents in a text, for the checks on dates and references. */
import { fold } from '../diacritics/syllable';
import { normaliseCode } from '../extractors/extract-metadata';

const DATE_NUMERIC = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?![\d/])/g;
const DATE_WORDS = /ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*((?:19|20)\d{2})/g;

export interface DateMention {
  text: string;
  day: number;
  month: number;
  year: number;
  at: number;
}

export function validDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Dates in the text (numeric or in words), with where they are. */
export function datesIn(text: string): DateMention[] {
  const folded = fold(text);
  const found: DateMention[] = [];
  for (const re of [DATE_NUMERIC, DATE_WORDS]) {
    for (const m of folded.matchAll(re)) {
      found.push({ text: text.slice(m.index, m.index + m[0].length), day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), at: m.index });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

export interface Citation {
  /** "169/QĐ-UBND" */
  reference: string;
  number: string;
  /** Who issued it, from the code: "UBND", "BTTTT". */
  issuer: string;
  /** "5/4/2019" */
  date: string;
  at: number;
  /** The words that follow the date, folded: what the citation says the document is. */
  about: string[];
}

/** Documents cited with their number and date ("Quyết định số 2392/QĐ-BTTTT ngày 25 tháng 12 năm 2017"). */
export function citationsIn(text: string): Citation[] {
  const dates = datesIn(text);
  const out: Citation[] = [];
  for (const m of text.matchAll(/(\d{1,5}(?:\/\d{4})?)\/([\p{Lu}Đ0-9]{1,5}-[\p{Lu}Đ&-]+)\s*,?\s*ngày/gu)) {
    const date = dates.find((d) => d.at > m.index && d.at - m.index < m[0].length + 8);
    if (!date) continue;
    const code = normaliseCode(m[2]!);
    const about = fold(text.slice(date.at + date.text.length, date.at + date.text.length + 200)).split(/[^\p{L}\d]+/u).filter(Boolean).slice(0, 25);
    out.push({ reference: `${m[1]}/${code}`, number: m[1]!, issuer: code.split('-').slice(1).join('-'), date: `${date.day}/${date.month}/${date.year}`, at: m.index, about });
  }
  return out;
}
