/**
 * The keys a researcher can open, described from the taxonomy (or, for open keys that
 * extraction proposed, from their own wording), and found with or without diacritics the way
 * document search finds text: a query with marks means them, one without matches any marks.
 */
import { fold, hasMarks } from '../core/fold';
import { bundledTaxonomy } from '../extractors/classify-key';
import { isOpenKey, OPEN_KEY_PREFIX } from '../extractors/open-key';
import type { DatasetKeyCount } from '../store/dataset-store';

export interface DatasetKey extends DatasetKeyCount {
  /** Proposed by extraction from what the text counts, not a taxonomy key. */
  open: boolean;
  description: string | null;
  unit: string | null;
  /** Vietnamese wording of the concept (taxonomy terms), for reading and for search. */
  terms: string[];
}

/** Keys are written with dots, dashes and underscores; a reader types spaces. */
const words = (text: string) => text.replace(/[._-]+/g, ' ').replace(/\s+/g, ' ').trim();

export function describeDatasetKeys(counts: DatasetKeyCount[]): DatasetKey[] {
  const taxonomy = new Map(bundledTaxonomy().map((entry) => [entry.key, entry]));
  return counts.map((count) => {
    const entry = taxonomy.get(count.key);
    const open = isOpenKey(count.key);
    return {
      ...count,
      open,
      description: entry?.description ?? (open ? words(count.key.slice(OPEN_KEY_PREFIX.length)) : null),
      unit: entry?.unit ?? null,
      terms: entry?.terms ?? [],
    };
  });
}

export function findDatasetKeys(keys: DatasetKey[], query: string): DatasetKey[] {
  const wanted = words(query.normalize('NFC')).toLowerCase();
  if (wanted === '') return keys;
  const marked = hasMarks(wanted);
  const needle = marked ? wanted : fold(wanted);
  return keys.filter((key) => {
    const text = words([key.key, key.description ?? '', ...key.terms].join(' ').normalize('NFC')).toLowerCase();
    return (marked ? text : fold(text)).includes(needle);
  });
}
