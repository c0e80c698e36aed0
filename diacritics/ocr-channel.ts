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

export class OcrChannel {
  /** Pairs seen before: a document repeats its tokens and candidates many times. */
  private readonly memo = new Map<string, number>();

  constructor(private readonly table: ChannelTable) {}

  /** log P(observed | clean); both lowercase NFC. */
  logProb(observed: string, clean: string): number {
    const key = `${observed}\u0000${clean}`;
    let value = this.memo.get(key);
    if (value === undefined) {
      value = this.compute(Array.from(observed), Array.from(clean));
      if (this.memo.size > 200_000) this.memo.clear();
      this.memo.set(key, value);
    }
    return value;
  }

  private compute(o: string[], c: string[]): number {
    const { segments, unseen } = this.table;
    const width = o.length + 1;
    const best = new Float64Array((c.length + 1) * width).fill(-Infinity);
    best[0] = 0;
    const match = Math.log(0.9);
    for (let i = 0; i <= c.length; i++) {
      for (let j = 0; j <= o.length; j++) {
        const here = best[i * width + j]!;
        if (here === -Infinity) continue;
        let cseg = '';
        for (let a = 0; a <= MAX_SEGMENT && i + a <= c.length; a++) {
          if (a > 0) cseg += c[i + a - 1];
          const row = segments[cseg];
          let oseg = '';
          for (let b = 0; b <= MAX_SEGMENT && j + b <= o.length; b++) {
            if (b > 0) oseg += o[j + b - 1];
            if (a === 0 && b === 0) continue;
            let p = row?.[oseg];
            if (p === undefined) {
              if (a > 1 || b > 1) continue;
              p = a === 1 && b === 1 && cseg === oseg ? match : unseen;
            }
            const cell = (i + a) * width + j + b;
            if (here + p > best[cell]!) best[cell] = here + p;
          }
        }
      }
    }
    return best[c.length * width + o.length]!;
  }
}
