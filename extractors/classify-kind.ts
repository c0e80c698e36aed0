/**
 * What a number states, read from the words around it and the document it stands in: a rating or
 * specification (capacity: "công suất 90 mã lực", "10mg", "1 GHz"), points (score: "tổng số điểm
 * chấm đạt trên 90 điểm"), a change ("tăng 6,8%", "điều chỉnh giảm 339.000 triệu đồng", "gấp 2
 * lần"), a plan or goal (target: "phấn đấu", "dự kiến", a budget estimate or a plan's figures), or a
 * fact (value: what was, is or has been done, "hiện tại", "đã đạt").
 */
import type { IndicatorKind } from '../core/contracts';
import { fold } from '../diacritics/syllable';

/** Words before a number that make it a goal or a plan. */
const TARGET_WORDS = /\b(phan dau|du kien|muc tieu|chi tieu|de dam bao|nham dam bao|ke hoach dat|se dat|den nam \d{4}|du toan|quy hoach|ke hoach)\b/;
/** A document or section whose figures are planned: a budget estimate, a plan, a programme's targets. */
const PLAN_TITLE = /\b(du toan|ke hoach|quy hoach|phan bo|chi tieu|muc tieu|de an|chuong trinh|phuong an|dinh huong)\b/;
/** ... unless it reports on what was done. */
const REPORT_TITLE = /\b(ket qua|bao cao|tinh hinh thuc hien|tong ket|so ket|quyet toan)\b/;
/** Words that make a figure a fact, also in a plan: "(hiện tại 2,4 triệu đồng)". */
const ACTUAL_WORDS = /\b(hien tai|hien nay|hien co|hien trang|da dat|da thuc hien|uoc thuc hien|uoc dat|nam truoc|cung ky)\b/;
/** A change stated right before its amount: "tăng 11,7%", "giảm thêm 2", "gấp 2 lần"; not "tăng lên 79%" (a level). */
const CHANGE_BEFORE = /(?:\b(?:tang|giam)(?: them)?|\bgap)\s*(?:khoang|gan|hon|tren|duoi|tu|bình quân)?\s*$/;
const LEVEL_AFTER_CHANGE = /\b(?:tang len|giam xuong|giam con|tang len den)\s*$/;
/** "Điều chỉnh giảm chi thường xuyên số tiền là 339.000 triệu đồng": an adjustment is a change. */
const ADJUSTMENT = /\b(dieu chinh (?:tang|giam)|von dieu chinh|tang them|bo sung them)\b/;
/** Words naming a rating or specification. */
const CAPACITY_WORDS = /\b(cong suat|dung tich|tai trong|luu luong|bang tan|tan so|dien ap|xy lanh|nong do|ham luong)\b/;
/** Units that measure a rating: power, flow, frequency, electrical, engine volume, dose. */
const CAPACITY_UNIT = /^(?:[kMG]?W|[kK]?VA|k?V|[kMG]?Hz|mã lực|cv|hp|m3\/s|m3\/h|l\/s|mg|cm3|ml)$/i;
/** Points scored, not places counted: "thang điểm", "tổng số điểm chấm", "đạt 117,69 điểm". */
const SCORE_WORDS = /\b(cham|thang diem|tong so diem|tong diem|dat|so diem)\b/;

export interface KindContext {
  /** The clause before the number (from its start), folded. */
  clauseBefore: string;
  /** A few words right before the number, folded. */
  justBefore: string;
  unit: string | null;
  /** The heading the number stands under and the document's title, as written. */
  section: string | null;
  title: string | null;
}

export function classifyKind(context: KindContext): IndicatorKind {
  const { clauseBefore, justBefore, unit } = context;
  if (CAPACITY_WORDS.test(clauseBefore) || (unit !== null && CAPACITY_UNIT.test(unit))) return 'capacity';
  if (unit === 'điểm' && SCORE_WORDS.test(clauseBefore)) return 'score';
  if ((CHANGE_BEFORE.test(justBefore) && !LEVEL_AFTER_CHANGE.test(justBefore)) || ADJUSTMENT.test(clauseBefore)) return 'delta';
  if (ACTUAL_WORDS.test(clauseBefore)) return 'value';
  if (TARGET_WORDS.test(clauseBefore)) return 'target';
  const planned = (heading: string | null) => heading !== null && PLAN_TITLE.test(fold(heading).toLowerCase()) && !REPORT_TITLE.test(fold(heading).toLowerCase());
  if (planned(context.section) || planned(context.title)) return 'target';
  return 'value';
}
