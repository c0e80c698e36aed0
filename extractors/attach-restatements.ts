/**
 * A percentage that restates the quantity before it belongs to that quantity, not beside it:
 * "(184/220 xã), đạt tỷ lệ 83,6%", "4.127 (chiếm 1,02% trên tổng số hồ sơ)",
 * "65/222 đơn vị, chiếm tỷ lệ gần 30% số xã". The record keeps the stated percentage so the
 * consistency checks can compare it with the ratio; a count whose percentage is "of the total"
 * finds that total among the quantities before it.
 */
import { fold } from '../diacritics/syllable';
import type { Quantity } from './find-quantities';
import { percentAgrees } from './percent-agreement';
import { matchUnitInFolded } from './units';

/** Only linking words between the quantity and its percentage. */
const LINK = /^[\s)]*(?:[(,]\s*)?(?:(dat|chiem|bang|tuong duong|tuong ung|voi)\s+)?(?:(?:ty|ti) (?:le|\S{1,2})\s+)?(?:(?:gan|khoang|hon|tren|duoi|dat)\s+)?$/;
/** How far back (characters) the total of "trên tổng số hồ sơ" may stand. */
const TOTAL_REACH = 800;

/** The stated percentage agrees with value/total when it is the ratio rounded as written. */
function agrees(value: number, total: number, stated: Quantity): boolean {
  return total > 0 && percentAgrees((value / total) * 100, stated.statedPercent!.value, stated.valueText, stated.qualifier);
}

export function attachRestatements(quantities: Quantity[], text: string): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < quantities.length; i++) {
    const q = quantities[i]!;
    const p = quantities[i + 1];
    if (!p || q.unit === '%' || q.statedPercent || p.unit !== '%' || p.range) {
      out.push(q);
      continue;
    }
    const between = text.slice(q.extentEnd, p.span[0]);
    const link = LINK.exec(fold(between).replace(/\s+/g, ' '));
    const introduced = !!link && (/[(]/.test(between) || !!link[1]);
    if (!link || (q.denominator === null && !introduced)) {
      out.push(q);
      continue;
    }
    const after = fold(text.slice(p.span[1], p.span[1] + 60));
    // "(184/220 xã), đạt tỷ lệ 83,6%": the linking "đạt" qualifies the rate.
    const merged: Quantity = { ...q, statedPercent: p.statedPercent, qualifier: q.qualifier ?? p.qualifier ?? (link[1] === 'dat' ? 'đạt' : null), extentEnd: p.extentEnd };
    const ofTotal = /^\s*(?:tren\s+)?(?:tong\s+)?so\s+/.exec(after);
    if (ofTotal) {
      const named = matchUnitInFolded(after.slice(ofTotal[0].length));
      // "65/222 đơn vị … 30% số xã": the percentage names what the generic "đơn vị" counts.
      if (named && merged.unit === 'đơn vị' && named.entry.unit !== 'VND') merged.unit = named.entry.unit;
      if (merged.denominator === null) {
        const total = [...out].reverse().find((t) => q.span[0] - t.span[1] < TOTAL_REACH && t.unit === q.unit && t.denominator === null && t.value > q.value && agrees(q.value, t.value, p));
        if (total) merged.denominator = total.value;
      }
    }
    out.push(merged);
    i++; // the percentage is now part of `merged`
  }
  return out;
}
