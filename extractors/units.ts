/** Units that follow counts in the documents, with the OCR spellings seen for them. */
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
  { unit: 'xã', spellings: ['xa'], level: 'commune' },
  { unit: 'xã, phường, thị trấn', spellings: ['xa, phuong, thi tran'], level: 'commune' },
  { unit: 'huyện', spellings: ['huyen'], level: 'district' },
  { unit: 'đơn vị', spellings: ['don vi'] },
  { unit: 'cơ quan', spellings: ['co quan'] },
  { unit: 'trường', spellings: ['truong'] },
  { unit: 'dịch vụ', spellings: ['dich vu', 'dvc', 'thu tuc hanh chinh', 'tthc'] },
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

/** Digits OCR puts for letters next to letters ("x3" for "xã", "s0" for "sơ"). */
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '6': 'o', '3': 'a', '4': 'a' };

/**
 * Folds the start of `text` for unit matching: no marks, whitespace runs as one space, and
 * digits beside letters read as the letters OCR took them for. `origin[i]` maps back.
 */
function foldForUnits(text: string): { folded: string; origin: number[] } {
  const plain = fold(text);
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < plain.length; i++) {
    let ch = plain[i]!;
    if (/\s/.test(ch)) {
      if (folded.endsWith(' ')) continue;
      ch = ' ';
    } else if (DIGIT_AS_LETTER[ch] && (/\p{L}/u.test(plain[i - 1] ?? '') || /\p{L}/u.test(plain[i + 1] ?? ''))) {
      ch = DIGIT_AS_LETTER[ch]!;
    }
    folded += ch;
    origin.push(i);
  }
  origin.push(plain.length);
  return { folded, origin };
}

/** The unit at the start of `text` (which follows a number), with the length it covers. */
export function matchUnit(text: string): { entry: UnitEntry; length: number } | null {
  const lead = /^[\s)]*/.exec(text)?.[0].length ?? 0;
  const { folded, origin } = foldForUnits(text.slice(lead, lead + 40));
  for (const { entry, spelling } of ORDERED) {
    if (!folded.startsWith(spelling)) continue;
    const after = folded.charAt(spelling.length);
    if (after && /[\p{L}\d]/u.test(after)) continue;
    return { entry, length: lead + origin[spelling.length]! };
  }
  return null;
}
