/**
 * A learned noisy channel for OCR that lost Vietnamese marks: P(observed token | syllable) as
 * the best segmentation of the pair into substring substitutions ("ư" -> "ir", "ộ" -> "6",
 * "đ" -> "d", "ã" -> "3"), each with a probability estimated from real OCR of rendered text.
 */
import { z } from 'zod';

export const ChannelTable = z.object({
  format: z.literal('sohoa-ocr-channel-v1'),
  /** clean segment -> observed segment -> log probability */
  segments: z.record(z.string(), z.record(z.string(), z.number())),
  /** log probability of any substitution, deletion or insertion never seen in training */
  unseen: z.number(),
  pairs: z.number().int().nonnegative(),
});
export type ChannelTable = z.infer<typeof ChannelTable>;

export const MAX_SEGMENT = 3;
/** A character read as itself where the table has no row for it. */
const LOG_MATCH = Math.log(0.9);

/** Every substring of up to MAX_SEGMENT characters: at [start * (MAX_SEGMENT + 1) + length]. */
function substrings(chars: string[]): string[] {
  const out = new Array<string>((chars.length + 1) * (MAX_SEGMENT + 1)).fill('');
  for (let start = 0; start <= chars.length; start++) {
    let segment = '';
    for (let length = 1; length <= MAX_SEGMENT && start + length <= chars.length; length++) {
      segment += chars[start + length - 1];
      out[start * (MAX_SEGMENT + 1) + length] = segment;
    }
  }
  return out;
}

/** log P(observed | clean) for one observed token and any clean syllable. */
export type ChannelScorer = (clean: string) => number;

/** How many (observed, clean) scores are kept between restorations: about 50 MB at most. */
const REMEMBERED_SCORES = 1_000_000;

export class OcrChannel {
  /** Scores per observed token: a document repeats its tokens, and archives their documents' words. */
  private readonly memo = new Map<string, Map<string, number>>();
  private remembered = 0;
  /** The table as maps: clean segment -> observed segment -> log probability. */
  private readonly segments = new Map<string, Map<string, number>>();
  private readonly unseen: number;

  constructor(table: ChannelTable) {
    for (const [clean, row] of Object.entries(table.segments)) this.segments.set(clean, new Map(Object.entries(row)));
    this.unseen = table.unseen;
  }

  /** log P(observed | clean); both lowercase NFC. */
  logProb(observed: string, clean: string): number {
    return this.scorer(observed)(clean);
  }

  /** A scorer for one observed token (lowercase NFC): its substrings are cut once for all candidates. */
  scorer(observed: string): ChannelScorer {
    let scores = this.memo.get(observed);
    if (!scores) {
      if (this.remembered >= REMEMBERED_SCORES) {
        this.memo.clear();
        this.remembered = 0;
      }
      scores = new Map<string, number>();
      this.memo.set(observed, scores);
    }
    const known = scores;
    // Cut on the first score not remembered: a token seen before usually needs none.
    let chars: string[] | null = null;
    let parts: string[] = [];
    return (clean) => {
      let value = known.get(clean);
      if (value === undefined) {
        if (!chars) {
          chars = Array.from(observed);
          parts = substrings(chars);
        }
        value = this.compute(chars.length, parts, Array.from(clean));
        known.set(clean, value);
        this.remembered++;
      }
      return value;
    };
  }

  /**
   * Best segmentation by dynamic programming over (clean prefix, observed prefix); each step
   * turns up to MAX_SEGMENT clean characters into up to MAX_SEGMENT observed ones.
   */
  private compute(observedLength: number, observedParts: string[], c: string[]): number {
    const span = MAX_SEGMENT + 1;
    const cleanParts = substrings(c);
    const width = observedLength + 1;
    const best = new Float64Array((c.length + 1) * width).fill(-Infinity);
    best[0] = 0;
    for (let i = 0; i <= c.length; i++) {
      for (let a = 0; a <= MAX_SEGMENT && i + a <= c.length; a++) {
        const cseg = cleanParts[i * span + a]!;
        const row = this.segments.get(cseg);
        // Without a learned row only single characters move: kept, swapped, dropped or added.
        if (!row && a > 1) continue;
        for (let j = 0; j <= observedLength; j++) {
          const here = best[i * width + j]!;
          if (here === -Infinity) continue;
          for (let b = a === 0 ? 1 : 0; b <= MAX_SEGMENT && j + b <= observedLength; b++) {
            const oseg = observedParts[j * span + b]!;
            let p = row?.get(oseg);
            if (p === undefined) {
              if (a > 1 || b > 1) continue;
              p = a === 1 && b === 1 && cseg === oseg ? LOG_MATCH : this.unseen;
            }
            const cell = (i + a) * width + j + b;
            if (here + p > best[cell]!) best[cell] = here + p;
          }
        }
      }
    }
    return best[c.length * width + observedLength]!;
  }
}
