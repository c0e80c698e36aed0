/**
 * Chooses an indicator key from the taxonomy (data, not code) by how much of the phrase's
 * wording it shares with each key's example phrases; unit kind must agree (% vs count).
 */
import taxonomyJson from './taxonomy.json';
import groupsJson from './taxonomy-groups.json';
import { z } from 'zod';
import { fold } from '../diacritics/syllable';

const TaxonomyEntry = z.object({
  key: z.string(),
  group: z.string(),
  unit: z.string(),
  description: z.string(),
  /** Generic wording of the concept ("hồ sơ trễ hạn"): the vocabulary, not any document's sentence. */
  terms: z.array(z.string()).default([]),
  /** Sentences quoted from documents. */
  examples: z.array(z.string()),
  /** The count only grows over time (certificates issued so far): a fall between years is an error. */
  cumulative: z.boolean().optional(),
  /** This key is the per-entity breakdown (district, unit) of that total's key. */
  breakdownOf: z.string().optional(),
});
export type TaxonomyEntry = z.infer<typeof TaxonomyEntry>;

export const UNCLASSIFIED = 'unclassified';

const TaxonomyGroup = z.object({ group: z.string(), title: z.string(), terms: z.array(z.string()) });
/** Keys of the criteria group a section heading names ("1.1. Hạ tầng công nghệ thông tin") are a little likelier. */
const SECTION_BONUS = 0.08;

export function bundledTaxonomy(): TaxonomyEntry[] {
  return z.array(TaxonomyEntry).parse(taxonomyJson);
}

/** Keys whose counts only grow from year to year. */
export function cumulativeKeys(): Set<string> {
  return new Set(bundledTaxonomy().filter((e) => e.cumulative).map((e) => e.key));
}

const comparable = (text: string) => fold(text).replace(/[^\p{L}\d]+/gu, ' ').trim();
/** Counting in the same unit ("xã" vs "đơn vị") is evidence for a key, worth a few shared words. */
const SAME_UNIT_BONUS = 0.15;
/** Counting in another unit ("lớp" for a key counted in "dịch vụ") is evidence against it. */
const OTHER_UNIT_PENALTY = 0.2;

export interface Classification {
  key: string;
  group: string | null;
  similarity: number;
}

interface KeyScore {
  group: string;
  similarity: number;
  closeness: number;
}

/** How much the number's own clause counts against its whole sentence. */
const LOCAL_SHARE = 0.65;
/** Word-pair weight a clause needs to have its full say: about two telling pairs ("HNTH", "một cửa"). */
const TELLING_WEIGHT = 8;

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
  /** How telling a word pair is: "đơn vị", "cấp huyện" stand in many keys' examples, "một cửa" in few. */
  private readonly weights = new Map<string, number>();
  private readonly unseenWeight: number;
  private readonly groups = z.array(TaxonomyGroup).parse(groupsJson).map((g) => ({ group: g.group, terms: g.terms.map(comparable) }));

  constructor(entries: TaxonomyEntry[]) {
    this.profiles = entries.map((entry) => ({ entry, examples: [...entry.terms, ...entry.examples].map(shingles) }));
    for (const entry of entries) if (entry.breakdownOf) this.breakdowns.set(entry.breakdownOf, entry.key);
    const keysWith = new Map<string, number>();
    for (const { examples } of this.profiles) for (const s of new Set(examples.flatMap((e) => [...e]))) keysWith.set(s, (keysWith.get(s) ?? 0) + 1);
    const keys = this.profiles.length;
    for (const [s, n] of keysWith) this.weights.set(s, Math.log((keys + 1) / n));
    this.unseenWeight = Math.log(keys + 1);
  }

  /** The criteria group a section title names, by its wording rather than its number (numbering differs by document). */
  private groupOf(title: string): string | null {
    const folded = comparable(title);
    return this.groups.find((g) => g.terms.some((t) => folded.includes(t)))?.group ?? null;
  }

  /** How much a text says about keys: the weight of its word pairs that some key uses. */
  private textWeight(text: string): number {
    let total = 0;
    for (const s of shingles(text)) total += this.weights.get(s) ?? 0;
    return total;
  }

  private weight(shingle: string): number {
    return this.weights.get(shingle) ?? this.unseenWeight;
  }

  /** The key for one entity's share of a total ("Pleiku 22/22" under "184/220 xã"). */
  /** The unit a key's quantities are written in, when the taxonomy says. */
  unitOf(key: string): string | null {
    return this.profiles.find((p) => p.entry.key === key)?.entry.unit ?? null;
  }

  /** Every key of the taxonomy, breakdown keys included. */
  keys(): string[] {
    return this.profiles.map((p) => p.entry.key);
  }

  breakdownKey(totalKey: string): string {
    return this.breakdowns.get(totalKey) ?? totalKey;
  }

  static fromBundledTaxonomy(): KeyClassifier {
    return new KeyClassifier(bundledTaxonomy());
  }

  /**
   * The bundled taxonomy without the examples quoted from `text`: evaluating on a document whose
   * own sentences are examples would measure memory, not classification.
   */
  static withoutExamplesFrom(...texts: string[]): KeyClassifier {
    const haystacks = texts.map(comparable);
    const quoted = (example: string) => haystacks.some((h) => h.includes(comparable(example)));
    return new KeyClassifier(bundledTaxonomy().map((entry) => ({ ...entry, examples: entry.examples.filter((e) => !quoted(e)) })));
  }

  /**
   * The words right around a number say most about it ("178 dịch vụ … mức độ 3 và 349 …"), the
   * sentence breaks ties among keys the few local words fit equally ("17/17 đơn vị cấp huyện" in a
   * sentence about the one-stop software): each key scores a weighted mix of both.
   */
  classifyInContext(local: string, phrase: string, unit: string | null, sectionTitle: string | null = null): Classification {
    const near = this.scores(local, unit);
    const sectionGroup = sectionTitle === null ? null : this.groupOf(sectionTitle);
    // A clause of common words only ("xã), đạt tỷ lệ") says little; the sentence says the rest.
    const localShare = LOCAL_SHARE * Math.min(1, this.textWeight(local) / TELLING_WEIGHT);
    const wide = this.scores(phrase, unit);
    let best: Classification = { key: UNCLASSIFIED, group: null, similarity: 0 };
    let bestCloseness = 0;
    for (const [key, n] of near) {
      const w = wide.get(key);
      const similarity = localShare * n.similarity + (1 - localShare) * (w?.similarity ?? 0) + (n.group === sectionGroup ? SECTION_BONUS : 0);
      const closeness = n.closeness + (w?.closeness ?? 0);
      if (similarity > best.similarity || (similarity === best.similarity && closeness > bestCloseness)) {
        best = { key, group: n.group, similarity };
        bestCloseness = closeness;
      }
    }
    // A local clause with no words of its own ("22/22") leaves the sentence to decide alone.
    if (near.size === 0 || best.similarity < 0.3) {
      const sentence = this.pick(wide);
      if (sentence.similarity > best.similarity) best = sentence;
    }
    const similarity = Math.min(1, best.similarity);
    return similarity >= 0.3 ? { ...best, similarity } : { key: UNCLASSIFIED, group: null, similarity };
  }

  /** `unit` must agree in kind (% or a count); a key counted in the same unit is preferred. */
  classify(phrase: string, unit: string | null): Classification {
    const best = this.pick(this.scores(phrase, unit));
    const similarity = Math.min(1, best.similarity);
    return similarity >= 0.3 ? { ...best, similarity } : { key: UNCLASSIFIED, group: null, similarity };
  }

  private pick(scores: Map<string, KeyScore>): Classification {
    let best: Classification = { key: UNCLASSIFIED, group: null, similarity: 0 };
    let bestCloseness = 0;
    for (const [key, s] of scores) {
      if (s.similarity > best.similarity || (s.similarity === best.similarity && s.similarity > 0 && s.closeness > bestCloseness)) {
        best = { key, group: s.group, similarity: s.similarity };
        bestCloseness = s.closeness;
      }
    }
    return best;
  }

  /** Each key's best example match for `text`. */
  private scores(text: string, unit: string | null): Map<string, KeyScore> {
    const isPercent = unit === '%';
    const features = shingles(text);
    const out = new Map<string, KeyScore>();
    if (features.size === 0) return out;
    const featureWeight = [...features].reduce((sum, s) => sum + this.weight(s), 0);
    for (const { entry, examples } of this.profiles) {
      if ((entry.unit === '%') !== isPercent) continue;
      const unitEvidence = unit === null || isPercent ? 0 : entry.unit === unit ? SAME_UNIT_BONUS : -OTHER_UNIT_PENALTY;
      for (const example of examples) {
        let shared = 0;
        let exampleWeight = 0;
        for (const s of example) exampleWeight += this.weight(s);
        for (const s of features) if (example.has(s)) shared += this.weight(s);
        // Weighted share of the smaller side: a short phrase inside a long example still matches.
        // Among equal shares the closer example (more of it shared) wins: "… mức độ 4" over a
        // sentence that names both levels.
        const similarity = shared / Math.min(featureWeight, exampleWeight || 1) + unitEvidence;
        const closeness = shared / (featureWeight + exampleWeight - shared || 1);
        const known = out.get(entry.key);
        if (!known || similarity > known.similarity || (similarity === known.similarity && closeness > known.closeness)) {
          out.set(entry.key, { group: entry.group, similarity, closeness });
        }
      }
    }
    return out;
  }
}
