/**
 * Place and date of the number row's right column: "Gia Lai, ngày 14 tháng 7 năm 2021". A draft
 * leaves the day (or the day and month) blank; OCR may garble a handwritten day or month. What is
 * legible is given: a blank or unreadable day gives year and month, a blank or unreadable month no
 * date at all (a year alone is not the date of a document).
 */
import { fold } from '../../core/fold';
import { PLACE_DATE } from './header-zones';

export interface PlaceDate {
  place: string | null;
  date: string | null;
  confidence: { place: number; date: number };
}

type Part = { value: number | null; legible: boolean };

function part(token: string | undefined, max: number): Part {
  const t = (token ?? '').replace(/[.,]/g, '');
  if (t === '') return { value: null, legible: true }; // left blank
  const digits = t.replace(/[oO]/g, '0').replace(/[lI|]/g, '1');
  if (!/^\d{1,2}$/.test(digits)) return { value: null, legible: false };
  const value = Number(digits);
  return value >= 1 && value <= max ? { value, legible: true } : { value: null, legible: false };
}

export function readPlaceDate(placeDateText: string | null): PlaceDate {
  if (placeDateText === null) return { place: null, date: null, confidence: { place: 0, date: 0 } };
  const m = PLACE_DATE.exec(placeDateText);
  const place = m ? m[1]!.replace(/\s+/g, ' ').trim() : null;
  const after = fold(placeDateText.slice(m ? m.index + m[0].length : 0));
  let date: string | null = null;
  let dateConfidence = 0;
  const words = /^\s*(\S*?)\s*thang\s*(\S*?)\s*nam\s*(\d{4})\b/.exec(after);
  const numeric = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b/.exec(after);
  const found = words ?? numeric;
  if (found) {
    const day = part(found[1], 31);
    const month = part(found[2], 12);
    const year = found[3]!;
    if (month.value !== null) {
      const mm = String(month.value).padStart(2, '0');
      date = day.value !== null ? `${year}-${mm}-${String(day.value).padStart(2, '0')}` : `${year}-${mm}`;
      dateConfidence = day.value !== null ? 0.9 : day.legible ? 0.8 : 0.3;
    }
  }
  return { place, date, confidence: { place: place ? 0.9 : 0, date: dateConfidence } };
}
