/**
 * A key for a quantity the taxonomy has no key for, built from what the text says it counts, so a
 * dataset can group the same thing from many documents ("470 bản tin" in one province and "85 bản
 * tin" in another are both `open.ban-tin`). A count names its thing by its unit; a measure, an
 * amount of money or a percentage needs the subject it is said of ("tỷ lệ hộ nghèo ... 5%" is
 * `open.ty-le-ho-ngheo.pct`). Open keys are proposals: records carrying one are flagged for review,
 * and a reviewer's key replaces them.
 */
import { fold } from '../diacritics/syllable';
import { isFunctionWord } from './counted-noun';

export const OPEN_KEY_PREFIX = 'open.';

export const isOpenKey = (key: string): boolean => key.startsWith(OPEN_KEY_PREFIX);

const slug = (text: string) =>
  fold(text)
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Units that do not say what is counted: money, percentages, measures, time. */
const NAMES_NOTHING = /^(?:VND|USD|EUR|%|[a-zµ]*[mgWVAlh]\d?(?:\/.*)?|ha|ppm|°C|mã lực|tấn|lít|mét|độ|năm|tháng|ngày|ngày làm việc|tuần|giờ|phút|tuổi|lần)(?:\/|$)/i;

/** The subject a clause opens with: its first few content words ("tỷ lệ hộ nghèo" of "Tỷ lệ hộ nghèo giảm còn 5%"). */
function subjectOf(clauseBefore: string): string {
  const words = clauseBefore
    .split(/[^\p{L}\p{M}]+/u)
    .filter((w) => w.length > 0 && !isFunctionWord(w) && !/^\p{Lu}{2,}$/u.test(w));
  return words.slice(0, 5).join(' ');
}

export function openKey(unit: string | null, clauseBefore: string): string {
  if (unit !== null && !NAMES_NOTHING.test(unit)) return `${OPEN_KEY_PREFIX}${slug(unit)}`;
  const subject = slug(subjectOf(clauseBefore));
  const measure = slug(unit ?? 'count');
  return subject ? `${OPEN_KEY_PREFIX}${subject}.${measure}` : `${OPEN_KEY_PREFIX}${measure}`;
}
