/**
 * Which syllables form one word, told by the language model's statistics: the lift of a syllable
 * after the one or two before it, P(next | history) / P(next). "vị trí", "bản tin", "tổ máy bơm"
 * lift far above chance; "ngày kể", "bài và", "học sinh tử" do not (though "sinh tử" alone is a
 * word, the trigram sees "học sinh" before it). Extraction uses it to read counted nouns.
 */
import type { NgramModel } from './ngram-model';

export function wordCohesion(lm: NgramModel): (previous: readonly string[], next: string) => number {
  let total = 0;
  for (const c of lm.arrays.unigramCounts) total += c;
  return (previous, next) => {
    const w = lm.id(next);
    const occurrences = lm.count(w);
    const v = previous.length > 0 ? lm.id(previous[previous.length - 1]!) : lm.unknownId;
    if (v === lm.unknownId || w === lm.unknownId || occurrences === 0) return 0;
    let p = lm.bigramProb(v, w, lm.bigramIndex(v, w));
    if (previous.length >= 2) {
      const u = lm.id(previous[previous.length - 2]!);
      if (u !== lm.unknownId) p = lm.trigramProb(lm.bigramIndex(u, v), w, p);
    }
    return p / (occurrences / total);
  };
}
