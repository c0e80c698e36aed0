/**
 * The open-vocabulary unit of a count: the noun phrase a Vietnamese cardinal number stands before
 * ("75 bài", "470 bản tin", "13 tổ máy bơm", "45 ngày kể từ ..." → "ngày"). A phrase ends at
 * punctuation, a digit, a function word or a name; within it, a syllable joins the one before
 * only when the two form a word, which a corpus-built word cohesion tells (the language model's
 * statistics: "bản tin" and "máy bơm" stick, "ngày kể" and "bài và" do not).
 */
import { fold, hasSyllableShape } from '../diacritics/syllable';

/**
 * How much likelier `next` follows the syllables before it than it occurs at all (a lift: 1 is
 * chance). Syllables with a high lift are one word ("vị trí", "nhân khẩu"), a low one two ("điểm úng").
 */
export type WordCohesion = (previous: readonly string[], next: string) => number;

/** Lift above which two syllables are taken as one word. */
export const WORD_LIFT = 3;
/** Longest counted noun phrase, in syllables. */
const MAX_SYLLABLES = 4;

/**
 * Closed-class words (conjunctions, prepositions, copulas, aspect and degree words, determiners,
 * pronouns) that never begin or continue a counted noun: they end the phrase.
 */
const FUNCTION_WORDS = new Set([
  'và', 'hoặc', 'hay', 'của', 'cho', 'với', 'là', 'có', 'được', 'bị', 'trong', 'ngoài', 'trên', 'dưới', 'tại', 'từ', 'đến', 'tới',
  'để', 'khi', 'thì', 'mà', 'nên', 'nhưng', 'các', 'mọi', 'mỗi', 'này', 'đó', 'kia', 'ấy', 'về', 'do', 'bởi', 'theo', 'như', 'so',
  'sau', 'trước', 'giữa', 'đã', 'đang', 'sẽ', 'vẫn', 'cũng', 'đều', 'chỉ', 'không', 'chưa', 'rất', 'hơn', 'nữa', 'lại', 'ra', 'vào',
  'lên', 'xuống', 'qua', 'gồm', 'thuộc', 'trở', 'nếu', 'vì', 'tuy', 'dù', 'nhằm', 'ở', 'kể', 'tính', 'đạt', 'bằng', 'chiếm',
  'còn', 'thêm', 'tăng', 'giảm', 'cụ', 'một', 'nhất', 'thứ', 'nào', 'gì', 'ai', 'đây', 'vậy', 'rồi', 'lúc', 'từng', 'tất', 'cả',
  'tổng', 'khoảng', 'gần', 'ít', 'nhiều', 'trừ', 'kèm', 'nói', 'phải', 'cần', 'vượt', 'đối',
]);
/** Measure nouns of time, frequency and age: units on their own, never the head of a longer phrase. */
export const MEASURE_NOUNS: ReadonlySet<string> = new Set(['năm', 'tháng', 'ngày', 'tuần', 'giờ', 'phút', 'giây', 'lần', 'tuổi', 'buổi', 'đêm', 'quý', 'kỳ', 'đợt', 'ca']);
/** "30 ngày làm việc": a measure noun with the qualifier that changes what it counts. */
const WORKING_DAYS = /^ngày\s+làm\s+việc(?![\p{L}])/iu;

export interface CountedNoun {
  unit: string;
  /** Characters covered from the start of the text given. */
  length: number;
}

export const isFunctionWord = (syllable: string): boolean => FUNCTION_WORDS.has(syllable.toLowerCase());
const isTitleCase = (syllable: string) => /^\p{Lu}\p{Ll}/u.test(syllable);
/** A rate's second unit: "3.400 ca/ngày", "5 lượt/tháng". */
const PER_UNIT = /^\/(?:giờ|ngày|tuần|tháng|quý|năm|người|hộ|xã|ca|lượt|lần|km|ha|kg|tấn)(?![\p{L}\p{M}])/u;

/** The counted noun right after a number, or null when what follows is no noun phrase. */
export function countedNoun(after: string, cohesion: WordCohesion | null): CountedNoun | null {
  const lead = /^[ \t]*/.exec(after)![0].length;
  const working = WORKING_DAYS.exec(after.slice(lead));
  if (working) return { unit: 'ngày làm việc', length: lead + working[0].length };
  const syllables: Array<{ text: string; end: number }> = [];
  const pattern = /(\p{L}[\p{L}\p{M}]*)(?=$|[^\p{L}\p{M}\d])/uy;
  let at = lead;
  while (syllables.length < MAX_SYLLABLES) {
    pattern.lastIndex = at;
    const m = pattern.exec(after);
    if (!m) break;
    syllables.push({ text: m[1]!, end: at + m[1]!.length });
    const gap = /^[ \t]/.exec(after.slice(at + m[1]!.length));
    if (!gap) break; // punctuation or a line break ends the phrase
    at += m[1]!.length + 1;
  }
  const first = syllables[0];
  if (!first || isFunctionWord(first.text) || !looksVietnamese(first.text)) return null;
  // A single letter is a list marker ("a)") or a cut word; two capitalised words begin a name.
  if (first.text.length < 2 || (isTitleCase(first.text) && syllables[1] && isTitleCase(syllables[1].text))) return null;
  let count = 1;
  if (!MEASURE_NOUNS.has(first.text.toLowerCase()) && cohesion) {
    while (count < syllables.length) {
      const next = syllables[count]!;
      if (isFunctionWord(next.text) || isTitleCase(next.text) || next.text.length < 2) break;
      const history = syllables.slice(Math.max(0, count - 2), count).map((x) => x.text.toLowerCase());
      if (cohesion(history, next.text.toLowerCase()) < WORD_LIFT) break;
      count++;
    }
  }
  let end = syllables[count - 1]!.end;
  let unit = after.slice(lead, end).toLowerCase().replace(/\s+/g, ' ');
  const per = PER_UNIT.exec(after.slice(end));
  if (per) {
    unit += per[0];
    end += per[0].length;
  }
  return { unit, length: end };
}

/** Letters a Vietnamese syllable can be made of: "tháng", "NĂM"; not "of", "from", "february". */
function looksVietnamese(syllable: string): boolean {
  return hasSyllableShape(fold(syllable).toLowerCase());
}
