/**
 * Numbers that count or measure nothing, told apart by grammar rather than by lists of sentences:
 * dates and clock times, a year alone, document numbers and legal references ("Điều 5", "khoản 2",
 * "Nghị định 30"), list and section numbering ("1.", "2.3.", "(2)", "[1]"), a noun's identifier
 * ("lớp 3", "vị trí 1", "tổ 5": in Vietnamese a cardinal stands before its noun, an identifier after
 * it), digits inside names ("Thụy Phương 2", "Covid-19") and phone numbers.
 */
import { fold } from '../core/fold';
import { isFunctionWord, WORD_LIFT, type WordCohesion } from './counted-noun';

/** Words after which a number is a date, a reference or an ordinal, whatever follows it. */
const REFERENCE_HEADS = new Set(['ngay', 'thang', 'dieu', 'khoan', 'muc', 'chuong', 'khoa', 'phong', 'thu', 'quy']);

/**
 * Nouns a number follows as an identifier: sections and annexes of documents, school grades,
 * plots, levels, classes, stages, rounds, routes. "lớp 3" names a grade; "3 lớp" counts classes.
 */
const IDENTIFIER_HEADS = [
  'phụ lục', 'bảng', 'biểu', 'mẫu', 'hình', 'sơ đồ', 'phần', 'tiết', 'câu', 'trang', 'lớp', 'khối', 'tổ', 'khu', 'lô', 'thửa', 'tờ',
  'tầng', 'vị trí', 'đợt', 'tuyến', 'quốc lộ', 'tỉnh lộ', 'đường', 'quận', 'ấp', 'thôn', 'xóm', 'mức độ', 'cấp độ', 'loại', 'hạng',
  'nhóm', 'bậc', 'tiêu chí', 'chỉ tiêu', 'nhiệm vụ', 'gói thầu', 'vòng', 'tập', 'phiên', 'kỳ họp', 'giai đoạn', 'điểm', 'mục', 'kênh',
  'quyết định', 'nghị định', 'thông tư', 'nghị quyết', 'luật', 'công văn', 'chỉ thị', 'kế hoạch', 'tờ trình', 'báo cáo', 'thông báo',
  'phường', 'xã', 'khoản', 'điều', 'chương', 'kỳ', 'quý', 'lần thứ', 'năm học', 'dự án', 'hợp phần', 'mô hình', 'trạm', 'phân khu',
  'khóa', 'khoá', 'phòng', 'mã', 'mã số', 'ký hiệu', 'thời điểm',
];
/** An identifier head right before the number (in the text's own spelling: "bảng 3", not "bằng 3 lần"). */
const IDENTIFIER_AT_END = new RegExp(`(?:^|[^\\p{L}])(?:${IDENTIFIER_HEADS.map((h) => h.replace(/ /g, '\\s+')).join('|')})\\s*(?:số\\s*)?:?\\s*$`, 'u');

/** A year written alone: four digits from 1900 to 2099. */
export const isYear = (raw: string): boolean => /^(19|20)\d{2}$/.test(raw);

export interface NumberAt {
  text: string;
  start: number;
  /** The number as written (may hold a fraction "184/220"). */
  raw: string;
  /** What follows the number: a measure, money or percent sign; a unit of the known list; an open counted noun (time nouns apart); nothing. */
  follows: 'measure' | 'known' | 'time' | 'open' | null;
  /** Which syllables form one word: "danh mục" is a word, so "danh mục 180 thuốc" has no identifier head "mục". */
  cohesion: WordCohesion | null;
}

/** The folded words right before `at` on its line, up to `count` of them. */
function foldedBefore(text: string, at: number, length = 40): string {
  const window = text.slice(Math.max(0, at - length), at);
  return fold(window.slice(window.lastIndexOf('\n') + 1)).toLowerCase();
}

/** The word before the number in its original spelling, and what stands before that word. */
function wordBefore(text: string, at: number): { word: string; start: number } | null {
  const m = /(\p{L}[\p{L}\p{M}]*)[ \t]*$/u.exec(text.slice(Math.max(0, at - 30), at));
  return m ? { word: m[1]!, start: at - m[0].length } : null;
}

/** At the start of a clause: nothing but spaces since the text's start, a line break or a clause mark. */
function atClauseStart(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 3), at);
  return /(?:^|[\n.:;!?)\-–•])\s*$/u.test(before) || at === 0;
}

/** Words for a time of day before a date: "Sáng 17/10", "Tối 02/10". */
const TIME_OF_DAY = /(?:^|[^\p{L}])(?:sáng|trưa|chiều|tối|đêm|ngày|hôm|rạng sáng)\s*$/iu;

/** An English date in a translated title: "DATED 2 MAY 2001". */
const ENGLISH_MONTH = /^\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

/** A day's name before its date: "ngày Quốc khánh 2/9", "Ngày Giải phóng Thủ đô 10/10". */
const NAMED_DAY = /(?:^|[^\p{L}])[Nn]gày\s+\p{Lu}[\p{L}\p{M}]*(?:\s+[\p{L}\p{M}]+){0,5}\s*$/u;

/** An identifier head at the end of `before`, unless it closes a longer word ("danh mục", "nhu cầu"). */
function identifierHead(before: string, cohesion: WordCohesion | null): boolean {
  const m = IDENTIFIER_AT_END.exec(before);
  if (!m) return false;
  if (!cohesion) return true;
  const head = /\p{L}[\p{L}\p{M}]*/u.exec(before.slice(m.index))?.[0];
  const previous = /(\p{L}[\p{L}\p{M}]*)[ \t]+$/u.exec(before.slice(0, m.index + (before.slice(m.index).search(/\p{L}/u))));
  if (!head || !previous || isFunctionWord(previous[1]!)) return true;
  return cohesion([previous[1]!.toLowerCase()], head.toLowerCase()) < WORD_LIFT;
}

/** The word right before `at` ends a word of two syllables with the one before it ("danh mục", "văn phòng"). */
function closesLongerWord(text: string, at: number, cohesion: WordCohesion | null): boolean {
  const m = /(\p{L}[\p{L}\p{M}]*)[ \t]+(\p{L}[\p{L}\p{M}]*)[ \t]*$/u.exec(text.slice(Math.max(0, at - 30), at));
  if (!m || !cohesion || isFunctionWord(m[1]!)) return false;
  return cohesion([m[1]!.toLowerCase()], m[2]!.toLowerCase()) >= WORD_LIFT;
}

/** Why a number is no quantity, or null when it may be one. */
export function whyNotAQuantity(n: NumberAt): string | null {
  const { text, start, raw } = n;
  const end = start + raw.length;
  const after = text.slice(end, end + 12);
  const folded = foldedBefore(text, start);
  const lastWord = /([a-z]+)\s*$/.exec(folded)?.[1];
  const measureFollows = n.follows === 'measure';
  const unitFollows = n.follows !== null;
  const fraction = raw.includes('/');
  const plain = /^\d+$/.test(raw);

  // "mức độ 3 và 4", "mức độ 3,4": the second level is no quantity either.
  if (/^[1-4]$/.test(raw) && /\b(?:muc|cap)(?: do)?\s+[1-4]\s*(?:,|-|va)\s*$/.test(folded)) return 'level';
  if (lastWord === 'nam' && isYear(raw.split('/')[0]!)) return 'year';
  if (lastWord === 'so' && !/\btong\s+so\s*$/.test(folded) && !measureFollows) return 'reference';
  if (lastWord === 'luc' && /l[uú]c\s*$/u.test(text.slice(Math.max(0, start - 6), start))) return 'clock time';
  // "thứ 2" and "lần thứ 3" are ordinals; "tháng 3", "ngày 5" dates; "Điều 5" a reference; but
  // "danh mục 180 thuốc" counts: "mục" closes a longer word there, and a counted noun follows.
  if (lastWord && REFERENCE_HEADS.has(lastWord) && !measureFollows && !((n.follows === 'open' || n.follows === 'known') && lastWord !== 'thu' && closesLongerWord(text, start, n.cohesion))) return 'reference';
  if ((lastWord === 'ty' || lastWord === 'ti') && !/\d\s*(?:ty|ti)\s*$/.test(folded)) return 'misread "tỷ lệ"';
  if (/^\s*(?:giờ|h|:)\s*\d/u.test(after)) return 'clock time';
  if (/^\s*tháng\s+\d/iu.test(after) && plain && Number(raw) <= 31) return 'date'; // "28 tháng 3"
  if (fraction && TIME_OF_DAY.test(text.slice(Math.max(0, start - 12), start))) return 'date'; // "Sáng 17/10"
  if (fraction && NAMED_DAY.test(text.slice(Math.max(0, start - 60), start))) return 'date'; // "Ngày Giải phóng Thủ đô 10/10"
  if (isYear(raw) && n.follows !== 'measure' && n.follows !== 'known') return 'year';
  if (/^\s*[-–]\s*(?:19|20)\d{2}(?!\d)/.test(after) && isYear(raw)) return 'years';
  if (/^0\d{8,}$/.test(raw.replace(/[.\s]/g, ''))) return 'phone number';
  if (/(?:^|[\n\f])[ \t\f]*$/.test(text.slice(Math.max(0, start - 40), start)) && /^[ \t]*(?:[\n\f]|$)/.test(text.slice(end, end + 40))) return 'page number'; // alone on its line
  if (plain && raw.length >= 5 && !measureFollows && n.follows !== 'known') return 'identifier'; // quantities group their thousands
  if (/^-0\d(?!\d)/.test(after)) return 'code'; // 1.011441-01
  if (/[\p{L}\d]-$/u.test(text.slice(Math.max(0, start - 2), start))) return 'code'; // Covid-19, NĐ-CP-2, 1.011441-01
  if (ENGLISH_MONTH.test(after) || /\b(?:dated|No\.?)\s*$/i.test(text.slice(Math.max(0, start - 8), start))) return 'date'; // "dated 2 May 2001"
  if (/\[$/.test(text.slice(Math.max(0, start - 1), start)) && /^\]/.test(after)) return 'footnote marker';
  if (/\($/.test(text.slice(Math.max(0, start - 1), start)) && /^\)/.test(after) && /^\d{1,2}$/.test(raw)) return 'list marker';
  if (/^\d{1,2}(?:\.\d{1,2})*$/.test(raw) && /^[.)](?:\s|$)/.test(after)) {
    // "1. Điều chỉnh", "2.3. Vật liệu", "1) ...": numbering, where a clause starts or a capital follows.
    if (atClauseStart(text, start) || /^[.)]\s+\p{Lu}/u.test(after)) return 'list marker';
  }
  if (/^\d{1,2}\.\d{1,2}$/.test(raw) && /^\s+\p{Lu}/u.test(after)) return 'section number'; // "1.1 Công tác", "1.2 Giải thích từ ngữ"
  if (/^\d+(?:\.\d+){2,}$/.test(raw) && !/^\d{1,3}(?:\.\d{3})+$/.test(raw)) return 'section number';
  const lowered = text.slice(Math.max(0, start - 24), start).toLowerCase();
  if (!measureFollows && n.follows !== 'time' && !fraction && identifierHead(lowered.slice(lowered.lastIndexOf('\n') + 1), n.cohesion)) return 'identifier';
  const before = wordBefore(text, start);
  if (before && !unitFollows && !fraction && /^\p{Lu}\p{Ll}/u.test(before.word) && !atClauseStart(text, before.start)) {
    // A capitalised word mid-sentence before a number is part of a name ("Thụy Phương 2").
    return 'name';
  }
  if (before && !measureFollows && /^\p{Ll}+\p{Lu}/u.test(before.word)) return 'name'; // "iPhone 13"
  return null;
}
