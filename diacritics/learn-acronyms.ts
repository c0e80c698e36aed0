/**
 * Counts the acronyms and code parts of corpus text (the capitalised runs of "HĐND" and of
 * "416/QĐ-UBND"), so restoration learns from the corpus, not from a list, which carry an Đ.
 */
import { acronymParts } from './acronym-parts';
import type { AcronymFile } from './acronym-table';
import { type TokenStream } from './tokenize';

/** A form seen fewer times than this is a one-off (a typo, a name), not evidence. */
const MIN_OCCURRENCES = 3;

export class AcronymCounter {
  private readonly counts = new Map<string, number>();
  private readonly pairs = new Map<string, number>();

  add(tokens: TokenStream): void {
    for (let k = 0; k < tokens.length; k++) {
      const kind = tokens.kind(k);
      if (kind !== 'word' && kind !== 'code') continue;
      for (const part of acronymParts(kind, tokens.tokenText(k), 0)) {
        if (part.hasDigits) continue;
        this.counts.set(part.text, (this.counts.get(part.text) ?? 0) + 1);
        if (part.next !== null) this.pairs.set(`${part.text}-${part.next}`, (this.pairs.get(`${part.text}-${part.next}`) ?? 0) + 1);
      }
    }
  }

  table(): AcronymFile {
    const forms = frequent(this.counts, MIN_OCCURRENCES);
    // A pair seen once is kept when its part is a kept form: an issuer is specific evidence.
    const pairs = frequent(new Map([...this.pairs].filter(([pair]) => pair.split('-')[0]! in forms)), 1);
    return { format: 'sohoa-acronyms-v1', forms, pairs };
  }
}

/** Entries seen at least `min` times, commonest first. */
function frequent(counts: Map<string, number>, min: number): Record<string, number> {
  const out: Record<string, number> = {};
  const kept = [...counts.entries()].filter(([, count]) => count >= min).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  for (const [key, count] of kept) out[key] = count;
  return out;
}
