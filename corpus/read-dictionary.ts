/**
 * The Vietnamese word list of the npm package @cspell/dict-vi-vn (MIT), read with cspell-trie-lib:
 * syllables a model knows even where its corpus never used them. Both packages are ECMAScript
 * modules, so they are imported dynamically; nothing is fetched at run time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { ModelError } from '../core/errors';

export const DICTIONARY_PACKAGE = '@cspell/dict-vi-vn';

export interface DictionarySource {
  name: string;
  version: string;
  licence: string;
  sha256: string;
  /** Entries in the word list, before keeping the lowercase syllables. */
  entries: number;
}

export interface DictionarySyllables {
  syllables: string[];
  source: DictionarySource;
}

const PackageJson = z.object({ version: z.string(), license: z.string() });

/** Every entry made of letters only, lowercased and in NFC: names ("Nguyễn") give their syllable too. */
export async function readDictionarySyllables(): Promise<DictionarySyllables> {
  // The package exports only its cspell settings file; the word list and package.json sit beside it.
  const folder = dirname(require.resolve(`${DICTIONARY_PACKAGE}/cspell-ext.json`));
  const packageFile = join(folder, 'package.json');
  const triePath = join(folder, 'vi.trie.gz');
  let bytes: Buffer;
  try {
    bytes = await readFile(triePath);
  } catch (error) {
    throw new ModelError(`${triePath}: the Vietnamese word list is missing; run npm ci`, error);
  }
  const meta = PackageJson.parse(JSON.parse(await readFile(packageFile, 'utf8')));
  const trie = await import('cspell-trie-lib');
  const root = trie.importTrie(gunzipSync(bytes).toString('utf8').split('\n'));
  const syllables = new Set<string>();
  let entries = 0;
  for (const word of trie.iteratorTrieWords(root)) {
    entries++;
    const normal = word.normalize('NFC');
    if (/^\p{L}+$/u.test(normal)) syllables.add(normal.toLowerCase());
  }
  return {
    syllables: [...syllables].sort(),
    source: { name: DICTIONARY_PACKAGE, version: meta.version, licence: meta.license, sha256: createHash('sha256').update(bytes).digest('hex'), entries },
  };
}
