/**
 * A difference the text states with its two ends: a deficit against spending and revenue ("Tổng
 * thu: 14.773.925 … Tổng chi: 14.776.125 … Bội chi: 2.200 triệu đồng"), a rise or fall against the
 * figures it runs between ("từ 33 lên 23 (tăng 10 bậc)"). Only a quantity the words call a
 * difference is tried, and only against the two quantities of its unit just before it.
 */
import type { CheckResult, Indicator } from '../core/contracts';
import { fold } from '../diacritics/syllable';
import { close, inProse } from './relation-records';

/** Words that name a quantity as the difference of two others (folded). */
const DIFFERENCE = /(?:^|[^a-z])(?:boi chi|boi thu|chenh lech|tham hut|tang|giam|tang them|giam bot|vuot)\s*(?:[a-z]+\s*){0,6}:?\s*$/;
/** How far before a difference its two ends may stand, in characters. */
const ENDS_REACH = 500;
/** How many quantities of the same unit before a difference are tried as its ends. */
const MAX_ENDS = 4;

/** The words of the clause right before a record: what names it. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 60), at);
  return fold(before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(';'), before.lastIndexOf('\n'), before.lastIndexOf('(')) + 1)).toLowerCase();
}

export function differenceChecks(doc: string, text: string, records: Indicator[]): CheckResult[] {
  const out: CheckResult[] = [];
  records.forEach((difference, d) => {
    if (difference.unit === null || difference.denominator !== null || !inProse(difference) || difference.value <= 0) return;
    if (!DIFFERENCE.test(clauseBefore(text, difference.span[0]))) return;
    const ends: number[] = [];
    for (let k = d - 1; k >= 0 && ends.length < MAX_ENDS; k--) {
      const end = records[k]!;
      if (difference.span[0] - end.span[1] > ENDS_REACH) break;
      if (end.unit === difference.unit && end.denominator === null && inProse(end) && end.value !== difference.value) ends.push(k);
    }
    for (let i = 0; i < ends.length; i++) {
      for (let j = i + 1; j < ends.length; j++) {
        const [later, earlier] = [records[ends[i]!]!, records[ends[j]!]!];
        const gap = Math.abs(later.value - earlier.value);
        if (!close(gap, difference.value)) continue;
        out.push({
          id: `${doc}:difference:${difference.span[0]}`,
          description: `${difference.valueText} ${difference.unit} is the difference of ${later.valueText} and ${earlier.valueText}`,
          documents: [doc],
          result: 'holds',
          computed: gap,
          stated: difference.value,
          indicators: [d, ends[i]!, ends[j]!],
        });
        return;
      }
    }
  });
  return out;
}
