/**
 * Learns the OCR channel from (clean, observed) token pairs: each pair is aligned character by
 * character, runs of edits become substring substitutions, and their relative frequencies
 * (per clean segment) become probabilities.
 */
import { MAX_SEGMENT, type ChannelTable } from './ocr-channel';

type Op = { c: string; o: string; match: boolean };

function alignChars(clean: string[], observed: string[]): Op[] {
  const n = clean.length;
  const m = observed.length;
  const d = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (clean[i - 1] === observed[j - 1] ? 0 : 1));
    }
  }
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (clean[i - 1] === observed[j - 1] ? 0 : 1)) {
      ops.push({ c: clean[i - 1]!, o: observed[j - 1]!, match: clean[i - 1] === observed[j - 1] });
      i--;
      j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      ops.push({ c: clean[i - 1]!, o: '', match: false });
      i--;
    } else {
      ops.push({ c: '', o: observed[j - 1]!, match: false });
      j--;
    }
  }
  return ops.reverse();
}

/** Substitution units of one pair: matched characters alone, runs of edits merged. */
export function segmentPair(clean: string, observed: string): Array<[string, string]> {
  const units: Array<[string, string]> = [];
  let run: [string, string] | null = null;
  for (const op of alignChars(Array.from(clean), Array.from(observed))) {
    if (op.match) {
      if (run) units.push(run);
      run = null;
      units.push([op.c, op.o]);
    } else run = run ? [run[0] + op.c, run[1] + op.o] : [op.c, op.o];
  }
  if (run) units.push(run);
  return units;
}

export function learnChannel(pairs: Array<[string, string]>): ChannelTable {
  const counts = new Map<string, Map<string, number>>();
  let used = 0;
  for (const [clean, observed] of pairs) {
    const units = segmentPair(clean, observed);
    if (units.some(([c, o]) => Array.from(c).length > MAX_SEGMENT || Array.from(o).length > MAX_SEGMENT)) continue;
    used++;
    for (const [c, o] of units) {
      const row = counts.get(c) ?? new Map<string, number>();
      row.set(o, (row.get(o) ?? 0) + 1);
      counts.set(c, row);
    }
  }
  const segments: ChannelTable['segments'] = {};
  for (const [c, row] of counts) {
    let total = 0;
    for (const n of row.values()) total += n;
    const entries: Record<string, number> = {};
    // Add-half smoothing keeps one-off confusions possible without making them likely.
    for (const [o, n] of row) entries[o] = Math.log((n + 0.5) / (total + 0.5 * (row.size + 1)));
    segments[c] = entries;
  }
  return { format: 'sohoa-ocr-channel-v1', segments, unseen: Math.log(1e-4), pairs: used };
}
