/**
 * Chooses an indicator key from the taxonomy (data, not code) by how much of the phrase's
 * wording it shares with each key's example phrases; unit kind must agree (% vs count).
 */
import taxonomyJson from './taxonomy.json';
import { z } from 'zod';
import { fold } from '../diacritics/syllable';

const TaxonomyEntry = z.object({
  key: z.string(),
  group: z.string(),
  unit: z.string(),
  description: z.string(),
  examples: z.array(z.string()),
  /** This key is the per-entity breakdown (district, unit) of that total's key. */
  breakdownOf: z.string().optional(),
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntry>;

export const UNCLASSIFIED = 'unclassified';
/** Counting in the same unit ("xã" vs "đơn vị") is evidence for a key, worth a few shared words. */
const SAME_UNIT_BONUS = 0.15;

interface Profile {
  entry: TaxonomyEntry;
  examples: Set<string>[];
}

/**
 * Word bigrams of the folded text. Quantities are dropped, but a level number after "mức (độ)"
 * stays ("muc do 3" -> "level3"): it is part of the meaning, not a value.
 */
function shingles(text: string): Set<string> {
  const words = fold(text)
    .replace(/\bmuc(?: do)? ([1-4])\b/g, 'muc level$1')
    .replace(/\b\d+([.,/]\d+)*\b/g, ' ')
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

export class KeyClassifier {
  private readonly profiles: Profile[];
  private readonly breakdowns = new Map<string, string>();

  constructor(entries: TaxonomyEntry[]) {
    this.profiles = entries.map((entry) => ({ entry, examples: entry.examples.map(shingles) }));
    for (const entry of entries) if (entry.breakdownOf) this.breakdowns.set(entry.breakdownOf, entry.key);
  }

  /** The key for one entity's share of a total ("Pleiku 22/22" under "184/220 xã"). */
  breakdownKey(totalKey: string): string {
    return this.breakdowns.get(totalKey) ?? totalKey;
  }

  static fromBundledTaxonomy(): KeyClassifier {
    return new KeyClassifier(z.array(TaxonomyEntry).parse(taxonomyJson));
  }

  /**
   * The words right around a number say most about it ("178 dịch vụ … mức độ 3 và 349 …"):
   * the local clause decides when it matches well enough, the whole phrase otherwise.
   */
  classifyInContext(local: string, phrase: string, unit: string | null): { key: string; group: string | null; similarity: number } {
    const near = this.classify(local, unit);
    if (near.key !== UNCLASSIFIED && near.similarity >= 0.5) return near;
    const wide = this.classify(phrase, unit);
    return wide.similarity >= near.similarity ? wide : near;
  }

  /** `unit` must agree in kind (% or a count); a key counted in the same unit is preferred. */
  classify(phrase: string, unit: string | null): { key: string; group: string | null; similarity: number } {
    const isPercent = unit === '%';
    const features = shingles(phrase);
    let best: { key: string; group: string | null; similarity: number } = { key: UNCLASSIFIED, group: null, similarity: 0 };
    let bestCloseness = 0;
    if (features.size === 0) return best;
    for (const { entry, examples } of this.profiles) {
      if ((entry.unit === '%') !== isPercent) continue;
      for (const example of examples) {
        let shared = 0;
        for (const s of features) if (example.has(s)) shared++;
        // Share of the smaller side: a short phrase inside a long example still matches. Among
        // equal shares the closer example (more of it shared) wins: "… mức độ 4" over a
        // sentence that names both levels.
        const similarity = shared / Math.min(features.size, example.size || 1) + (unit !== null && entry.unit === unit ? SAME_UNIT_BONUS : 0);
        const closeness = shared / (features.size + example.size - shared || 1);
        if (similarity > best.similarity || (similarity === best.similarity && similarity > 0 && closeness > bestCloseness)) {
          best = { key: entry.key, group: entry.group, similarity };
          bestCloseness = closeness;
        }
      }
    }
    const similarity = Math.min(1, best.similarity);
    return similarity >= 0.3 ? { ...best, similarity } : { key: UNCLASSIFIED, group: null, similarity };
  }
}
