/**
 * Diacritics benchmark: model load time, restoration speed on stripped text (one core), and
 * resident memory with the shipped model. Prints figures; asserts nothing.
 *   npm run bench:diacritics
 * Targets (issue 3): >= 200,000 syllables/s, load < 0.5 s, RSS < 300 MB. Restoration as the
 * pipeline runs it gives text only; per-syllable confidence and alternatives (review, --json)
 * are timed on their own line.
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

  /**
   * Syllables per second of one restoration, cold (the first, while V8 still compiles) and in a
   * steady state: the median of rounds repeated for at least two seconds after a warm-up, which
   * is what a worker restoring document after document sees.
   */
  const time = (text: string, explain = false) => {
    const round = () => {
      const start = process.hrtime.bigint();
      const syllables = explain ? restoreDiacritics(text, model, { explain }).syllables.length : restoreDiacritics(text, model).syllableCount;
      return syllables / (Number(process.hrtime.bigint() - start) / 1e9);
    };
    const cold = round();
    for (let i = 0; i < 3; i++) round();
    const rates: number[] = [];
    const until = Date.now() + 2_000;
    while (Date.now() < until || rates.length < 5) rates.push(round());
    rates.sort((a, b) => a - b);
    return { cold, steady: rates[rates.length >> 1]!, rounds: rates.length };
  };
  const strippedRate = time(stripped);
  const explainedRate = time(stripped, true);
  const garbledRate = time(garbled);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const line = (label: string, value: string, target: string) => `${label.padEnd(58)} ${value.padStart(12)}   target ${target}`;
  process.stdout.write(
    [
      `model ${model.manifest.name} ${model.manifest.version}: ${model.manifest.sizes.vocab} syllables, ${model.manifest.sizes.trigrams} trigrams, ${(model.manifest.file.bytes / 1e6).toFixed(1)} MB`,
      line('model load', `${loadSeconds.toFixed(3)} s`, '< 0.5 s'),
      line(`stripped text, one core, steady (median of ${strippedRate.rounds})`, `${Math.round(strippedRate.steady)} syll/s`, '>= 200000 syll/s'),
      line('stripped text, first restoration', `${Math.round(strippedRate.cold)} syll/s`, '(no target)'),
      line(`stripped, with confidence and alternatives (median of ${explainedRate.rounds})`, `${Math.round(explainedRate.steady)} syll/s`, '(no target)'),
      line(`garbled OCR (seed 000), steady (median of ${garbledRate.rounds})`, `${Math.round(garbledRate.steady)} syll/s`, '(no target)'),
      // The first garbled text also builds the near-miss index and scores the OCR channel for its tokens.
      line('garbled OCR, first restoration', `${Math.round(garbledRate.cold)} syll/s`, '(no target)'),
      line('resident memory', `${rss.toFixed(0)} MB`, '< 300 MB'),
    ].join('\n') + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
