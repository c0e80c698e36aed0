/**
 * Accuracy floors for the shipped model, measured only on text it never saw: the held-out
 * slices are listed as excluded in its manifest (checked here by checksum), and the truth of the
 * garbled sample (seed 002) is not among its sources.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, type DiacriticsModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { fold } from '../../diacritics/syllable';
import { syllableAccuracy } from '../../diacritics/syllable-accuracy';
import { FIXTURES, SAMPLES } from '../helpers/cli';

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
let model: DiacriticsModel;
beforeAll(async () => {
  model = await loadModel();
});

describe('syllable accuracy of the shipped model on held-out text', () => {
  it.each([
    ['legal-vbpl-documents.heldout.txt', 0.985],
    ['law-articles.heldout.txt', 0.985],
    ['004-report.heldout.txt', 0.97],
    // News (held out of the build since news joined the corpus): 97.5 % and 93.0 % when added.
    ['news-ntrex128.heldout.txt', 0.97],
    ['news-danes.heldout.txt', 0.92],
  ])('restores stripped %s to at least %d', async (name, floor) => {
    const file = join(FIXTURES, 'heldout', name);
    const truth = await readFile(file, 'utf8');
    const excluded = model.manifest.excluded.map((e) => e.sha256);
    expect(excluded).toContain(sha256(await readFile(file)));
    const report = syllableAccuracy(restoreDiacritics(fold(truth), model).text, truth);
    expect(report.coverage).toBeGreaterThan(0.99);
    expect(report.accuracy).toBeGreaterThanOrEqual(floor);
  });

  it('restores the real garbled OCR of decision 416 (seed 000) against its clean text, unseen in training', async () => {
    const truthBytes = await readFile(join(FIXTURES, 'gold', '002_ce3978a132362554.txt'));
    expect(model.manifest.sources.map((s) => s.sha256)).not.toContain(createHash('sha256').update(truthBytes).digest('hex'));
    const garbled = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
    const report = syllableAccuracy(restoreDiacritics(garbled, model).text, truthBytes.toString('utf8'));
    // Target (issue 3): at least 93%, the goal beyond 95%; this model reaches 96.2%.
    expect(report.accuracy).toBeGreaterThanOrEqual(0.955);
  });

  it('reads OCR slips that landed on rare real syllables ("vin", "cic") as the common words they were', async () => {
    const garbled = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
    const count = (text: string, word: string) => text.match(new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'gu'))?.length ?? 0;
    const restored = restoreDiacritics(garbled, model).text;
    for (const slip of ['vin', 'cic', 'cia']) {
      expect(count(garbled, slip)).toBeGreaterThanOrEqual(4);
      expect(count(restored, slip)).toBe(0);
    }
    expect(count(restored, 'văn bản')).toBeGreaterThan(count(garbled, 'van ban'));
  });

  it('keeps the letters of capitalised words the corpus knows, mostly names (the district list of seed 000)', async () => {
    const garbled = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
    const restored = restoreDiacritics(garbled, model).text;
    const listOf = (text: string) => text.slice(text.indexOf('Pleiku'), text.indexOf('9/12'));
    const read = listOf(garbled).split(/\s+/);
    const written = listOf(restored).split(/\s+/);
    expect(written).toHaveLength(read.length);
    const names = read.flatMap((word, i) => (/^\p{Lu}\p{Ll}+$/u.test(word) && model.lm.has(word.toLowerCase()) && model.lm.count(model.lm.id(word.toLowerCase())) > 0 ? [[word, written[i]!]] : []));
    expect(names.length).toBeGreaterThanOrEqual(15);
    for (const [before, after] of names) expect(fold(after!)).toBe(fold(before!));
  });

  it('leaves clean text as it is', async () => {
    const truth = await readFile(join(FIXTURES, 'heldout', '004-report.heldout.txt'), 'utf8');
    const restored = restoreDiacritics(truth, model);
    const changedShare = restored.changed / restored.syllableCount;
    expect(changedShare).toBeLessThan(0.01);
  });
});
