/**
 * Acronyms and code parts as the corpus writes them, with how often: learned at build time
 * (acronyms.json beside model.bin), read at restoration to put back the Đ that stripped or
 * garbled text lost ("QD" -> "QĐ", "HDND" -> "HĐND", "/0P-" -> "/QĐ-").
 */
import { z } from 'zod';
import { fold } from './syllable';

export const ACRONYMS_FILE_NAME = 'acronyms.json';

export const AcronymFile = z.object({
  format: z.literal('sohoa-acronyms-v1'),
  /** Form as written (capitals) -> occurrences in the corpus. */
  forms: z.record(z.string().regex(/^\p{Lu}+$/u), z.number().int().positive()),
  /** "QĐ-UBND" -> occurrences: a code part with the piece after its hyphen (its issuer). */
  pairs: z.record(z.string().regex(/^\p{Lu}+-[\p{L}\p{M}\d]+$/u), z.number().int().positive()),
});
export type AcronymFile = z.infer<typeof AcronymFile>;

/** The weight of a form's occurrences anywhere against its occurrences with the same issuer. */
const UNPAIRED_SHARE = 0.01;

interface Form {
  form: string;
  count: number;
}

export class AcronymTable {
  private readonly counts = new Map<string, number>();
  private readonly pairs: Map<string, number>;
  /** Folded key ("qd") -> its forms, commonest first. */
  private readonly byFold = new Map<string, Form[]>();
  /** Forms with an Đ, by length: what a garbled code part may stand for. */
  private readonly markedByLength = new Map<number, Form[]>();

  constructor(file: AcronymFile) {
    this.pairs = new Map(Object.entries(file.pairs));
    for (const [form, count] of Object.entries(file.forms)) {
      this.counts.set(form, count);
      const key = fold(form);
      let group = this.byFold.get(key);
      if (!group) this.byFold.set(key, (group = []));
      group.push({ form, count });
      if (!form.includes('Đ')) continue;
      let sameLength = this.markedByLength.get(form.length);
      if (!sameLength) this.markedByLength.set(form.length, (sameLength = []));
      sameLength.push({ form, count });
    }
    for (const group of this.byFold.values()) group.sort((x, y) => y.count - x.count);
  }

  get size(): number {
    return this.counts.size;
  }

  count(form: string): number {
    return this.counts.get(form) ?? 0;
  }

  /**
   * How much the corpus supports writing `form` before `next` (null: no code piece follows):
   * its occurrences with that issuer, plus a small share of its occurrences anywhere, so the
   * issuer decides between forms ("QĐ-UBND", "NĐ-CP") and the plain counts break ties.
   */
  support(form: string, next: string | null): number {
    const anywhere = UNPAIRED_SHARE * this.count(form);
    return next === null ? anywhere : (this.pairs.get(`${form}-${next}`) ?? 0) + anywhere;
  }

  /** Forms with the same letters once Đ is read as D. */
  sameLetters(part: string): readonly Form[] {
    return this.byFold.get(fold(part)) ?? [];
  }

  /** Forms with an Đ of the given length. */
  markedOfLength(length: number): readonly Form[] {
    return this.markedByLength.get(length) ?? [];
  }
}
