/**
 * Metadata of the four real 2026 first pages (test/fixtures/extraction/real-first-pages, from the
 * shared real-scans): the transcriptions read in full; from the OCR, every field the OCR text holds
 * legibly, and for the handwritten or stamped-over ones a null or a low confidence, never a
 * confident wrong value.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentMetadata } from '../../core/contracts';
import { loadModel } from '../../diacritics/load-model';
import { normalizeNfc } from '../../diacritics/normalize-nfc';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { GoldMetadata, scoreMetadata } from '../../extractors/evaluate-metadata';
import { extractMetadata } from '../../extractors/extract-metadata';
import { FIXTURES } from '../helpers/cli';

const ROOT = join(FIXTURES, 'extraction', 'real-first-pages');

async function read(kind: 'transcribed' | 'ocr') {
  const model = await loadModel();
  const names = (await readdir(join(ROOT, kind))).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = restoreDiacritics(normalizeNfc(await readFile(join(ROOT, kind, name), 'utf8')).text, model).text;
      const gold = GoldMetadata.parse(JSON.parse(await readFile(join(ROOT, kind, name.replace(/\.txt$/, '.metadata.json')), 'utf8')));
      const found = extractMetadata(text);
      return { name, found, score: scoreMetadata(name, gold, found) };
    }),
  );
}

const wrong = (found: DocumentMetadata, score: ReturnType<typeof scoreMetadata>) =>
  score.fields.filter((f) => !f.right).map((f) => ({ field: f.field, confidence: found.confidence?.[f.field] ?? null }));

describe('metadata of real first pages', () => {
  it('reads every field of the transcribed pages', async () => {
    for (const { found, score } of await read('transcribed')) expect(wrong(found, score)).toEqual([]);
  });

  it('reads the OCR pages where the text is legible and gives no confident wrong value', async () => {
    const pages = await read('ocr');
    const right = pages.flatMap((p) => p.score.fields).filter((f) => f.right).length;
    expect(right).toBeGreaterThanOrEqual(25);
    for (const { found, score } of pages) for (const miss of wrong(found, score)) expect(miss.confidence ?? 0).toBeLessThanOrEqual(0.85);
    const nq = pages.find((p) => p.name.startsWith('nq_115'))!;
    // "Số: 445. /NQ-CP": hand-filled digits, read as legible but with a low confidence.
    expect(nq.found.confidence?.number).toBeLessThanOrEqual(0.5);
    // "ngày 29 tháng j‡ năm 2026": the month cannot be read, so there is no date.
    expect(nq.found.date).toBeNull();
    const tt = pages.find((p) => p.name.startsWith('tt_21'))!;
    // The heading is lost under a stamp: the type comes from the code letters of "/2026/TT-BCT".
    expect(tt.found).toMatchObject({ type: 'Thông tư', number: null });
  });
});
