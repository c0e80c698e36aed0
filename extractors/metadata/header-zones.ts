/**
 * The zones of a first page laid out on the template of Decree 30/2020/NĐ-CP: the issuer block at
 * top left beside the national motto, the row with "Số: N/CODE" at left and "Place, ngày ..." at
 * right, then the type's name and the title, then the body. OCR and text exports run the two
 * columns together on one line ("VĂN PHÒNG CHÍNH PHỦ CỘNG HOÀ XÃ HỘI ...", "Số: 3722/VPCP-CN Hà Nội,
 * ngày ..."), so each line is cut where the right column's fixed wording starts.
 */
import { fold } from '../../core/fold';

/** Folds character by character so that positions in the folded line are positions in the line. */
export function foldInPlace(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = fold(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

/**
 * Where the motto starts: "CỘNG HÒA XÃ HỘI ..." or "Độc lập - Tự do - Hạnh phúc" (a Party body's
 * documents have "ĐẢNG CỘNG SẢN VIỆT NAM" there), OCR slips allowed.
 */
const MOTTO = /(?:^|[^a-z])(c[o0]ng\s*h[o0]a\s*x|c[o0]ng\s*h[o0]a\s*$|[dp][o0]c\s*l[a4]p\b|dang\s*c[o0]ng\s*san)/;

/**
 * The place and date at the right of the number row: "Hà Nội, ngày", "TP. Hồ Chí Minh, ngày" (every
 * word of a place name is capitalised; a city may be written out as "Thành phố ...").
 */
export const PLACE_DATE = /((?:(?:Thành phố|Thị xã|Thị trấn|TP\.|Tp\.)\s*)?(?:[\p{Lu}][\p{Ll}]+\s+){0,3}[\p{Lu}][\p{Ll}]+)\s*[,.]\s*ng[aàáảãạ][yv]/u;

/** The number row's label: "Số:", and what OCR makes of it ("S6:", "So:", "số"). */
const NUMBER_LABEL = /^\W{0,2}[s5][o06]\s*[:;.]?\s*(?=[\d\s/.‡a-z])/;

/** Lines that start the body: the legal bases, the addressees, articles and numbered sections. */
const BODY_START = /^(can cu\b|thuc hien\b|theo de nghi\b|xet de nghi\b|kinh gui\b|dieu \d|chuong [ivx\d]|phan thu\b|[ivx]+\.\s|\d+\.\s)/;

export interface HeaderLine {
  /** Index in the page's lines (blank lines included). */
  index: number;
  text: string;
  /** The left column: up to the motto, the place and date, or a wide gap. */
  left: string;
}

export interface HeaderZones {
  lines: string[];
  /** Left-column text of the issuer block (the lines beside the motto, or above it). */
  issuerLines: string[];
  /** The issuer block was found beside or above a motto (the template's anchor). */
  mottoFound: boolean;
  /** The number row's text after its label, up to the place and date; null when there is none. */
  numberText: string | null;
  numberLine: number;
  /** The line holding "Place, ngày ...", from the place on (with the next line when the date wraps). */
  placeDateText: string | null;
  placeDateLine: number;
  /** The first line of the body (legal bases, addressees, articles), or the number of lines. */
  bodyStart: number;
}

export function isBodyStart(line: string): boolean {
  return BODY_START.test(foldInPlace(line).replace(/^[^a-z0-9]+(?=[a-z])/, '').trim());
}

function leftColumn(line: string): string {
  const folded = foldInPlace(line);
  let end = line.length;
  const motto = MOTTO.exec(folded);
  if (motto) end = Math.min(end, motto.index + motto[0].length - motto[1]!.length);
  const placeDate = PLACE_DATE.exec(line);
  if (placeDate) end = Math.min(end, placeDate.index);
  const gap = /\S(\s{3,}|\t)\S/.exec(line);
  if (gap) end = Math.min(end, gap.index + 1);
  return line.slice(0, end).trim();
}

/** An issuer line: capitals, words of letters ("ỦY BAN NHÂN DÂN", "BỘ CÔNG THƯƠNG"), not OCR debris. */
export function issuerWords(segment: string): string | null {
  if (segment.includes('/')) return null; // a number's code ("/KH-UBND"), not a name
  const clean = segment.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L})]+$/u, '').trim();
  if (clean.length < 2 || clean !== clean.toUpperCase()) return null;
  const words = clean.split(/\s+/);
  if (!words.every((w) => /^[\p{L}&(),.-]+$/u.test(w))) return null;
  const letters = clean.replace(/[^\p{L}]/gu, '').length;
  if (letters < 4 || (words.length === 1 && letters < 5)) return null;
  return clean;
}

export function findHeaderZones(text: string): HeaderZones {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  const limit = Math.min(lines.length, 60);

  let bodyStart = limit;
  for (let i = 0; i < limit; i++) {
    if (isBodyStart(lines[i]!)) {
      bodyStart = i;
      break;
    }
  }

  let numberLine = -1;
  let numberText: string | null = null;
  let placeDateLine = -1;
  let placeDateText: string | null = null;
  for (let i = 0; i < bodyStart; i++) {
    const line = lines[i]!;
    const folded = foldInPlace(line.trim());
    if (numberLine < 0) {
      const label = NUMBER_LABEL.exec(folded);
      const rest = label ? line.trim().slice(label[0].length) : '';
      const placeAt = PLACE_DATE.exec(rest)?.index ?? rest.length;
      if (label && rest.slice(0, placeAt).includes('/')) {
        numberLine = i;
        numberText = rest.slice(0, placeAt).trim();
      } else if (label && /^[\d\s.‡]*$/.test(rest.slice(0, placeAt))) {
        // A PDF text layer gives the filled-in digits and the printed "/CODE" as separate runs,
        // with the motto's runs between them.
        const code = lines.slice(i + 1, i + 6).find((l) => /^\s*\//.test(l));
        if (code !== undefined) {
          numberLine = i;
          numberText = `${rest.slice(0, placeAt).trim()}${code.slice(0, PLACE_DATE.exec(code)?.index ?? code.length).trim()}`;
        }
      }
    }
    if (placeDateLine < 0) {
      const at = PLACE_DATE.exec(line);
      if (at) {
        placeDateLine = i;
        // A date cut at the line's end goes on in the next lines ("ngày 14 tháng 7" / "năm 2021").
        let own = line.slice(at.index);
        const next = lines.slice(i + 1, i + 8).filter((l) => l.trim() !== '').slice(0, 2);
        while (!/nam\s*\d{4}|\d{4}\s*$/.test(fold(own)) && next.length) own = `${own} ${next.shift()!.trim()}`;
        placeDateText = own;
      }
    }
  }

  // The issuer block: the left column of every line from the top down to the motto's second line
  // ("Độc lập - Tự do - Hạnh phúc"); without a motto, the capitals lines above the number row.
  const anchor = numberLine >= 0 ? numberLine : placeDateLine >= 0 ? placeDateLine : Math.min(bodyStart, 8);
  let mottoEnd = -1;
  for (let i = 0; i < anchor; i++) if (/[dp][o0]c\s*l[a4]p\b|t[uư]\s*do\s*[-–—]\s*h/.test(foldInPlace(lines[i]!))) mottoEnd = i;
  const mottoFound = mottoEnd >= 0 || lines.slice(0, Math.min(bodyStart, anchor + 6)).some((l) => MOTTO.test(foldInPlace(l)));
  const blockEnd = mottoEnd >= 0 ? mottoEnd + 1 : anchor;
  const issuerLines: string[] = [];
  for (let i = 0; i < blockEnd && issuerLines.length < 3; i++) {
    const words = issuerWords(leftColumn(lines[i]!));
    if (words) issuerLines.push(words);
  }

  return { lines, issuerLines, mottoFound, numberText, numberLine, placeDateText, placeDateLine, bodyStart };
}
