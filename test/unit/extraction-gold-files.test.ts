/**
 * The hand-made extraction gold (test/fixtures/extraction/dev and heldout) follows the annotation
 * guide: every text has its two JSON files, each record's phrase and number stand in the text where
 * its spans say (Python string offsets, so code points), and every relation names records of its
 * document. A span shifted by one edit would otherwise score a found quantity as missed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { GoldCheck, GoldIndicator } from '../../extractors/evaluate-extraction';
import { FIXTURES } from '../helpers/cli';

const AnnotatedIndicator = GoldIndicator.extend({ id: z.string(), phrase: z.string(), value_text: z.string() });

interface GoldDocument {
  name: string;
  codePoints: string[];
  indicators: Array<z.infer<typeof AnnotatedIndicator>>;
  checks: GoldCheck[];
}

async function readFolder(set: string): Promise<GoldDocument[]> {
  const folder = join(FIXTURES, 'extraction', set);
  const names = (await readdir(folder)).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4)).sort();
  const read = async (name: string, suffix: string) => JSON.parse(await readFile(join(folder, `${name}${suffix}`), 'utf8')) as unknown;
  return Promise.all(
    names.map(async (name) => ({
      name,
      codePoints: Array.from(await readFile(join(folder, `${name}.txt`), 'utf8')),
      indicators: z.array(AnnotatedIndicator).parse(await read(name, '.indicators.json')),
      checks: z.array(GoldCheck).parse(await read(name, '.checks.json')),
    })),
  );
}

/** Every way a document's gold disagrees with its text, as readable lines (empty when it agrees). */
function disagreements(doc: GoldDocument): string[] {
  const at = ([start, end]: readonly [number, number]) => doc.codePoints.slice(start, end).join('');
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const record of doc.indicators) {
    if (ids.has(record.id)) problems.push(`${record.id}: id used twice`);
    ids.add(record.id);
    if (record.doc !== doc.name) problems.push(`${record.id}: doc is ${record.doc}`);
    if (at(record.span) !== record.phrase) problems.push(`${record.id}: span reads "${at(record.span)}", phrase is "${record.phrase}"`);
    if (at(record.value_span) !== record.value_text) problems.push(`${record.id}: value_span reads "${at(record.value_span)}", value_text is "${record.value_text}"`);
    if (record.value_span[0] < record.span[0] || record.value_span[1] > record.span[1]) problems.push(`${record.id}: value_span lies outside span`);
  }
  for (const check of doc.checks) {
    for (const operand of check.operands) if (!ids.has(operand)) problems.push(`${check.id}: operand ${operand} is not a record of ${doc.name}`);
  }
  return problems;
}

describe.each(['dev', 'heldout'])('extraction gold in %s/', (set) => {
  let documents: GoldDocument[];
  beforeAll(async () => {
    documents = await readFolder(set);
  });

  it('has documents with quantities and relations to score', () => {
    expect(documents.length).toBeGreaterThan(50);
    expect(documents.reduce((n, d) => n + d.indicators.length, 0)).toBeGreaterThan(100);
    expect(documents.reduce((n, d) => n + d.checks.filter((c) => c.result !== 'not_verifiable').length, 0)).toBeGreaterThan(20);
  });

  it('places every phrase and number where its spans say, and every relation on its own records', () => {
    expect(documents.flatMap((doc) => disagreements(doc).map((p) => `${doc.name}: ${p}`))).toEqual([]);
  });
});
