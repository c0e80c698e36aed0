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
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntry>;

export const UNCLASSIFIED = 'unclassified';

interface Profile {
  entry: TaxonomyEntry;
  examples: Set<string>[];
}

function shingles(text: string): Set<string> {
  const words = fold(text)
    .replace(/\d+([.,/]\d+)*/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

export class KeyClassifier {
  private readonly profiles: Profile[];

  constructor(entries: TaxonomyEntry[]) {
    this.profiles = entries.map((entry) => ({ entry, examples: entry.examples.map(shingles) }));
  }

  static fromBundledTaxonomy(): KeyClassifier {
    return new KeyClassifier(z.array(TaxonomyEntry).parse(taxonomyJson));
  }

  classify(phrase: string, isPercent: boolean): { key: string; group: string | null; similarity: number } {
    const features = shingles(phrase);
    let best: { key: string; group: string | null; similarity: number } = { key: UNCLASSIFIED, group: null, similarity: 0 };
    if (features.size === 0) return best;
    for (const { entry, examples } of this.profiles) {
      if ((entry.unit === '%') !== isPercent) continue;
      for (const example of examples) {
        let shared = 0;
        for (const s of features) if (example.has(s)) shared++;
        // Share of the smaller side: a short phrase inside a long example still matches.
        const similarity = shared / Math.min(features.size, example.size || 1);
        if (similarity > best.similarity) best = { key: entry.key, group: entry.group, similarity };
      }
    }
    return best.similarity >= 0.3 ? best : { key: UNCLASSIFIED, group: null, similarity: best.similarity };
  }
}
