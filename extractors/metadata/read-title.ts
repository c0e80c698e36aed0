/**
 * The title (trích yếu): under the type's name, centred, over one or more lines; for a Công văn the
 * "V/v ..." lines under the number. It ends where the body starts, at a line in capitals (the
 * enacting authority "CHÍNH PHỦ", a received-stamp "CÔNG THÔNG TIN ĐIỆN TỬ ... ĐẾN"), at the
 * number or place-and-date row, or at stamp debris ("Giờ.....", "Ngày..27.").
 */
import { foldInPlace, isBodyStart, PLACE_DATE, type HeaderZones } from './header-zones';

const MAX_LINES = 6;

/** Most of the line is words (not dots, digits and OCR debris). */
function isWords(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '').length;
  return letters >= 3 && letters / line.replace(/\s/g, '').length >= 0.7 && !/\.{3,}/.test(line);
}

function isCapitals(line: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(line) && line === line.toUpperCase();
}

function stops(line: string, zones: HeaderZones, index: number): boolean {
  return (
    index >= zones.bodyStart ||
    index === zones.numberLine ||
    index === zones.placeDateLine ||
    isBodyStart(line) ||
    isCapitals(line) ||
    PLACE_DATE.test(line) ||
    !isWords(line) ||
    /^k[ií]nh g[uử]i/iu.test(line)
  );
}

/** The title lines from `from` on; blank lines are passed over (drafts space every line). */
function linesFrom(zones: HeaderZones, from: number, firstMax: number): string[] {
  const out: string[] = [];
  for (let i = from; i < zones.lines.length && out.length < MAX_LINES; i++) {
    const line = zones.lines[i]!.trim();
    if (line === '') continue;
    if (out.length > 0 && (stops(line, zones, i) || line.length > 150)) break;
    if (out.length === 0 && line.length > firstMax) break;
    out.push(line);
  }
  return out;
}

const join = (lines: string[]) => (lines.length ? lines.join(' ').replace(/\s+/g, ' ').trim() : null);

export function readTitle(zones: HeaderZones, headingLine: number): { title: string | null; confidence: number } {
  if (headingLine >= 0) {
    const first = zones.lines.slice(headingLine + 1).findIndex((l) => l.trim() !== '');
    const at = first < 0 ? -1 : headingLine + 1 + first;
    if (at < 0 || stops(zones.lines[at]!.trim(), zones, at)) return { title: null, confidence: 0 };
    return { title: join(linesFrom(zones, at, 300)), confidence: 0.85 };
  }
  const head = zones.lines.slice(0, zones.bodyStart);
  const vv = head.findIndex((l) => /^v\s*\/\s*v\b/.test(foldInPlace(l.trim())));
  if (vv >= 0) return { title: join(linesFrom(zones, vv, 300)), confidence: 0.85 };

  // No heading was read (OCR lost it under a stamp): on a page with a number or date row, the
  // title is the paragraph just above the body, below that row.
  const row = Math.max(zones.numberLine, zones.placeDateLine);
  if (row < 0 || zones.bodyStart >= zones.lines.length) return { title: null, confidence: 0 };
  let end = zones.bodyStart - 1;
  while (end > row && zones.lines[end]!.trim() === '') end--;
  let start = end;
  const above = (i: number) => zones.lines[i]!.trim();
  while (start - 1 > row && above(start - 1) !== '' && !stops(above(start - 1), zones, start - 1) && end - start + 1 < MAX_LINES) start--;
  const paragraph = zones.lines.slice(start, end + 1).map((l) => l.trim());
  if (end <= row || paragraph.some((l, k) => stops(l, zones, start + k)) || !/^\p{Lu}/u.test(paragraph[0]!)) return { title: null, confidence: 0 };
  return { title: join(paragraph), confidence: 0.5 };
}
