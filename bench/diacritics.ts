/**
 * Diacritics benchmark: model load time, restoration speed on stripped text (one core), and
 * resident memory with the shipped model. Prints figures; asserts nothing.
 *   npm run bench:diacritics
 * Targets (issue 3): >= 200,000 syllables/s, load < 0.5 s, RSS < 300 MB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../diacritics/load-model';
import { restoreDiacritics } from '../diacritics/restore-diacritics';
import { fold } from '../diacritics/syllable';
import { shippedFile } from '../core/paths';

async function main(): Promise<void> {
  const heldOut = ['legal-vbpl-documents', 'law-articles', '004-report']
    .map((name) => readFileSync(join(shippedFile('test', 'fixtures', 'heldout'), `${name}.heldout.txt`), 'utf8'))
    .join('\n');
  const stripped = fold(heldOut);
  const garbled = readFileSync(shippedFile('samples', 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');

  const loadStart = process.hrtime.bigint();
  const model = await loadModel();
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;

  const time = (text: string, rounds: number) => {
    restoreDiacritics(text, model); // warm-up
    const start = process.hrtime.bigint();
    let syllables = 0;
    for (let i = 0; i < rounds; i++) syllables += restoreDiacritics(text, model).syllables.length;
    return syllables / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  const strippedRate = time(stripped, 3);
  const garbledRate = time(garbled, 3);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const line = (label: string, value: string, target: string) => `${label.padEnd(34)} ${value.padStart(12)}   target ${target}`;
  process.stdout.write(
    [
      `model ${model.manifest.name} ${model.manifest.version}: ${model.manifest.sizes.vocab} syllables, ${model.manifest.sizes.trigrams} trigrams, ${(model.manifest.file.bytes / 1e6).toFixed(1)} MB`,
      line('model load', `${loadSeconds.toFixed(3)} s`, '< 0.5 s'),
      line('stripped text, one core', `${Math.round(strippedRate)} syll/s`, '>= 200000 syll/s'),
      line('garbled OCR (seed 000), one core', `${Math.round(garbledRate)} syll/s`, '(no target)'),
      line('resident memory', `${rss.toFixed(0)} MB`, '< 300 MB'),
    ].join('\n') + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
