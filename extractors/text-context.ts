/**
 * The words around a number that say what it counts: its sentence (phrase), its own clause, the
 * section heading it stands under, and the name a list item gives before it.
 */
import { fold } from '../diacritics/syllable';

// A blank line is no sentence end: text layers often put one after every printed line.
const SENTENCE_END = /[.;!?]\s|:\s*\n/g;
const HEADING = /(?:^|\n)\s*((?:[IVX]+|\d{1,2})(?:\.\d{1,2})*)\.?\s+([^\n]{3,120})/gu;

/** The last index in the sorted `values` whose value is <= `limit`, or -1. */
function lastAtMost(values: readonly number[], limit: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= limit) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Where a text's sentences end and its numbered headings stand, found once: every number of a
 * long report asks for its sentence and section, and scanning the text before each would make
 * extraction quadratic in the document's length.
 */
export class TextLandmarks {
  /** Where each sentence end starts, and the offset just past it (both ascending). */
  private readonly endsAt: number[] = [];
  private readonly endsAfter: number[] = [];
  private readonly headings: Array<{ at: number; number: string; titleStart: number; title: string }> = [];

  constructor(private readonly text: string) {
    for (const m of text.matchAll(SENTENCE_END)) {
      this.endsAt.push(m.index);
      this.endsAfter.push(m.index + m[0].length);
    }
    for (const m of text.matchAll(HEADING)) {
      this.headings.push({ at: m.index, number: m[1]!, titleStart: m.index + m[0].length - m[2]!.length, title: m[2]! });
    }
  }

  /**
   * The sentence a number stands in. A number that opens its sentence after a label
   * ("Tổng kinh phí … ngành:\n89.610.747.000 đồng") takes the label with it.
   */
  phraseAround(start: number, end: number): string {
    const text = this.text;
    const last = lastAtMost(this.endsAfter, start);
    let from = last >= 0 ? this.endsAfter[last]! : 0;
    if (!/[\p{L}]/u.test(text.slice(from, start)) && /:\s*$/.test(text.slice(0, from))) from = last >= 1 ? this.endsAfter[last - 1]! : 0;
    const next = lastAtMost(this.endsAt, end - 1) + 1;
    const to = next < this.endsAt.length ? this.endsAt[next]! + 1 : text.length;
    let phrase = text.slice(from, to).replace(/\s+/g, ' ').trim();
    if (phrase.length > 300) phrase = text.slice(Math.max(from, start - 150), Math.min(to, start + 150)).replace(/\s+/g, ' ').trim();
    return phrase;
  }

  /** The numbered heading a position stands under ("2.3. Mức độ giao dịch" -> "2.3"): short, and numbered "1.1" style. */
  sectionAt(at: number): { number: string; title: string } | null {
    for (let i = this.headings.length - 1; i >= 0; i--) {
      const h = this.headings[i]!;
      if (h.at >= at) continue;
      // A heading cut by the position reads only as far as the position.
      const title = h.title.slice(0, Math.max(0, at - h.titleStart));
      if (title.length >= 3 && /^\d+\.\d+$/.test(h.number) && title.length < 100) return { number: h.number, title: title.trim() };
    }
    return null;
  }
}

/** "mức độ 3" names a level; its digit is a word of the phrase, not a quantity that ends a clause. */
const LEVEL = /(m[ứu]c(?:\s+đ[ộo])?|c[ấa]p\s+đ[ộo])\s+[1-4](?:\s*(?:[,-]|và)\s*[1-4])?/giu;
const maskLevels = (s: string) => s.replace(LEVEL, (m) => m.replace(/\d/g, 'L'));

/**
 * The words that belong to one number: back to the previous clause mark or number, on to the next
 * number or clause mark ("… 178 dịch vụ … mức độ 3 và 349 dịch vụ … mức độ 4").
 */
export function localClause(text: string, start: number, end: number): string {
  const before = maskLevels(text.slice(Math.max(0, start - 80), start));
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('), lastDigit(before));
  const afterRaw = text.slice(end, end + 120);
  const after = maskLevels(afterRaw);
  const stop = after.search(/[;.:]\s|(?<!\p{L})\d/u);
  // Words before the number belong to it only back to a conjunction: "… mức độ 3 và 349 dịch vụ".
  const conjunction = before.search(/\s(?:và|hoặc|còn)\s[^,;:(]*$/u);
  const head = text.slice(Math.max(0, start - 80), start).slice(Math.max(cut + 1, conjunction >= 0 ? conjunction + 1 : 0));
  return `${head}${text.slice(start, end)}${stop >= 0 ? afterRaw.slice(0, stop) : afterRaw}`.replace(/\s+/g, ' ');
}

/** Where the last quantity before ends; a lone digit or "1y" in garbled OCR is a misread word, not a number. */
function lastDigit(s: string): number {
  let at = -1;
  for (const m of s.matchAll(/(?<![\p{L}\d.,])\d{2,}(?![\p{L}])|\d[.,/]\d+/gu)) at = m.index + m[0].length - 1;
  return at;
}

/**
 * The name a list item gives before its number ("Pleiku 22/22", "Chư Prông 16/20"): the words
 * since the previous comma, colon or semicolon. OCR may have lost the capitals ("la Grai").
 */
export function entityBefore(text: string, at: number): string | null {
  const before = text.slice(Math.max(0, at - 40), at);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('('));
  const name = before.slice(cut + 1).replace(/\s+/g, ' ').trim();
  return cut >= 0 && /^\p{L}[^,;:()]{0,30}$/u.test(name) && name.split(' ').length <= 4 ? name : null;
}

/** The last `count` words before `at` that stand right next to it (no clause mark between), folded. */
export function wordsBefore(text: string, at: number, count: number): string[] {
  const before = fold(text.slice(Math.max(0, at - 40), at));
  const tail = /[\p{L}\d\s]*$/u.exec(before)?.[0] ?? '';
  return tail.split(/\s+/).filter(Boolean).slice(-count);
}

/**
 * The year a sentence gives its figures for ("Trong năm 2020, …"), not a year it compares with
 * ("so với năm 2019") or aims at ("đến năm 2025").
 */
export function yearOf(phrase: string, fallback: number | null): number | null {
  for (const m of phrase.matchAll(/(\S+\s+\S+\s+)?n[aă]m\s+((?:19|20)\d{2})/giu)) {
    if (/(so với|đến|tới|trước)\s+$/iu.test(m[1] ?? '')) continue;
    return Number(m[2]);
  }
  return fallback;
}
