/** Units that follow counts in the documents, with the OCR spellings seen for them. */
import { editDistance } from '../diacritics/candidate-index';
import { fold } from '../diacritics/syllable';

export interface UnitEntry {
  unit: string;
  /** Folded spellings (no marks, lowercase) that mean this unit, longest first when matched. */
  spellings: string[];
  level?: 'province' | 'district' | 'commune';
  /** Multiplier for scale words: "3 tỷ đồng" is 3e9 VND. */
  scale?: number;
}

export const UNITS: UnitEntry[] = [
  { unit: 'hồ sơ', spellings: ['ho so'] },
  // Communes, wards and towns are one level and one count: "xã".
  { unit: 'xã', spellings: ['xa, phuong, thi tran', 'xa, phuong', 'xa'], level: 'commune' },
  { unit: 'huyện', spellings: ['huyen'], level: 'district' },
  // Departments and people's committees are counted as units ("20/20 sở, ban, ngành", "17/17 UBND cấp huyện").
  { unit: 'đơn vị', spellings: ['don vi', 'ubnd', 'uy ban nhan dan'] },
  { unit: 'đơn vị', spellings: ['so, ban, nganh', 'so, ban nganh', 'so ban nganh', 'so, nganh'], level: 'province' },
  { unit: 'cơ quan', spellings: ['co quan'] },
  { unit: 'trường', spellings: ['truong'] },
  { unit: 'dịch vụ', spellings: ['dich vu', 'dvctt', 'dvc', 'thu tuc hanh chinh', 'tthc'] },
  { unit: 'lượt văn bản', spellings: ['luot van ban'] },
  { unit: 'văn bản', spellings: ['van ban'] },
  { unit: 'lượt', spellings: ['luot'] },
  { unit: 'chứng thư số', spellings: ['chung thu so', 'chung thu'] },
  { unit: 'học viên', spellings: ['hoc vien'] },
  { unit: 'lớp', spellings: ['lop'] },
  { unit: 'máy tính', spellings: ['may tinh'] },
  { unit: 'cán bộ', spellings: ['can bo', 'cbccvc', 'can bo, cong chuc'] },
  { unit: 'người', spellings: ['nguoi'] },
  { unit: 'hộp thư', spellings: ['hop thu'] },
  { unit: 'tài khoản', spellings: ['tai khoan'] },
  { unit: 'điểm', spellings: ['diem'] },
  { unit: 'phần mềm', spellings: ['phan mem'] },
  { unit: 'trang', spellings: ['trang'] },
  { unit: 'điểm cầu', spellings: ['diem cau'] },
  { unit: 'phòng họp', spellings: ['phong hop'] },
  { unit: 'VND', spellings: ['dong', 'd'] },
  { unit: 'VND', spellings: ['trieu dong'], scale: 1e6 },
  { unit: 'VND', spellings: ['ty dong'], scale: 1e9 },
];

const ORDERED = UNITS.flatMap((entry) => entry.spellings.map((s) => ({ entry, spelling: s }))).sort(
  (a, b) => b.spelling.length - a.spelling.length,
);

/** Digits OCR puts for letters inside words ("x3" for "xã", "s0" for "sơ", "16p" for "lớp"). */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '3': 'a', '4': 'a', '6': 'o' };

/**
 * Folds the start of `text` for unit matching: no marks, whitespace runs as one space, and
 * digits inside a word that has letters read as the letters OCR took them for. `origin[i]` maps back.
 */
function foldForUnits(text: string): { folded: string; origin: number[] } {
  const plain = fold(text);
  let folded = '';
  const origin: number[] = [];
  for (const word of plain.matchAll(/\s+|\S+/g)) {
    const at = word.index ?? 0;
    if (/^\s/.test(word[0])) {
      folded += ' ';
      origin.push(at);
      continue;
    }
    const lettered = /\p{L}/u.test(word[0]);
    for (let i = 0; i < word[0].length; i++) {
      const ch = word[0][i]!;
      folded += lettered && DIGIT_AS_LETTER[ch] ? DIGIT_AS_LETTER[ch]! : ch;
      origin.push(at + i);
    }
  }
  origin.push(plain.length);
  return { folded, origin };
}

/**
 * Edits a garbled spelling may need: one per five letters, and only for units of several words,
 * whose garbled form is no other word ("lugt vin bản"); a one-word unit could be a real word one
 * edit away ("trong" for "trang").
 */
const allowedEdits = (spelling: string) => (spelling.includes(' ') ? Math.floor(spelling.replace(/[^a-z]/g, '').length / 5) : 0);

export interface UnitMatch {
  entry: UnitEntry;
  /** The unit as recorded: "VND", or "VND/năm" for an amount per year. */
  unit: string;
  length: number;
  /** True when OCR garbling had to be forgiven to read it. */
  fuzzy: boolean;
}

/** The unit at the start of `text` (which follows a number), with the length it covers. */
export function matchUnit(text: string): UnitMatch | null {
  const lead = /^[\s)]*/.exec(text)?.[0].length ?? 0;
  const { folded, origin } = foldForUnits(text.slice(lead, lead + 48));
  const found = matchUnitInFolded(folded);
  if (!found) return null;
  let covered = found.length;
  let unit = found.entry.unit;
  // "3 tỷ đồng/năm": a rate per year is a unit of its own.
  const perYear = /^\s*\/\s*n[a-z]m\b/.exec(folded.slice(covered));
  if (perYear) {
    unit = `${unit}/năm`;
    covered += perYear[0].length;
  }
  return { entry: found.entry, unit, length: lead + origin[covered]!, fuzzy: found.fuzzy };
}

/** A unit found at the start of folded text: how many folded characters it covers. */
interface FoldedMatch {
  entry: UnitEntry;
  length: number;
  fuzzy: boolean;
}

/** A unit at the start of already folded text, read through OCR garbling if need be. */
export function matchUnitInFolded(folded: string): FoldedMatch | null {
  return exactUnit(folded) ?? fuzzyUnit(folded);
}

function exactUnit(folded: string): FoldedMatch | null {
  for (const { entry, spelling } of ORDERED) {
    if (!folded.startsWith(spelling)) continue;
    const after = folded.charAt(spelling.length);
    if (after && /[\p{L}\d]/u.test(after)) continue;
    return { entry, length: spelling.length, fuzzy: false };
  }
  return null;
}

function fuzzyUnit(folded: string): FoldedMatch | null {
  const words = [...folded.matchAll(/[^\s,;:.()]+/g)];
  let best: (FoldedMatch & { edits: number }) | null = null;
  for (const { entry, spelling } of ORDERED) {
    const limit = allowedEdits(spelling);
    if (limit === 0) continue;
    const count = spelling.split(' ').length;
    const last = words[count - 1];
    if (!last || last.index === undefined || words[0]!.index !== 0) continue;
    const end = last.index + last[0].length;
    const candidate = folded.slice(0, end);
    if (candidate[0] !== spelling[0]) continue; // OCR keeps the first letter of a unit far more often than not
    const edits = editDistance(candidate, spelling, limit);
    if (edits <= limit && (!best || edits < best.edits)) best = { entry, length: end, fuzzy: true, edits };
  }
  return best;
}
