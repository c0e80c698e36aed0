/**
 * The Đ of acronyms and document codes, learned from the corpus: put back in stripped held-out
 * text and through OCR's confusions in the real garbled OCR of decision 416 (seed 000), with
 * numbers untouched and clean text left as written.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { acronymParts } from '../../diacritics/acronym-parts';
import { AcronymTable } from '../../diacritics/acronym-table';
import { AcronymCounter } from '../../diacritics/learn-acronyms';
import { loadModel, type DiacriticsModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { scanTokens } from '../../diacritics/tokenize';
import { FIXTURES, SAMPLES } from '../helpers/cli';

/** Marks removed, đ read as d, case kept: what stripped text looks like (same length in NFC). */
const stripKeepingCase = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

/** Every acronym or code part of the text, with its offset. */
function partsOf(text: string): Array<{ start: number; text: string }> {
  const tokens = scanTokens(text);
  const out: Array<{ start: number; text: string }> = [];
  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens.kind(k);
    if (kind === 'word' || kind === 'code') for (const p of acronymParts(kind, tokens.tokenText(k), tokens.starts[k]!)) out.push(p);
  }
  return out;
}

/** The numbers of numbers and codes ("c6", a garbled "có", is a syllable, not a number). */
function numbersOf(text: string): string[] {
  const tokens = scanTokens(text);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const kind = tokens.kind(k);
    // A code's pieces that are all digits ("0P" is the type slot's letters, misread).
    if (kind === 'number' || kind === 'code') out.push(...(tokens.tokenText(k).match(/[\p{L}\d]+/gu) ?? []).filter((piece) => /^\d+$/.test(piece)));
  }
  return out;
}

let model: DiacriticsModel;
beforeAll(async () => {
  model = await loadModel();
});

describe('acronyms and document codes', () => {
  it('learns forms and code-part/issuer pairs from corpus text', () => {
    const counter = new AcronymCounter();
    for (let i = 0; i < 3; i++) counter.add(scanTokens('Quyết định số 416/QĐ-UBND của HĐND tỉnh, Nghị định 64/2007/NĐ-CP và UBND'));
    const file = counter.table();
    expect(file.forms).toMatchObject({ QĐ: 3, UBND: 6, HĐND: 3, NĐ: 3, CP: 3 });
    expect(file.pairs).toMatchObject({ 'QĐ-UBND': 3, 'NĐ-CP': 3 });
    const table = new AcronymTable(file);
    expect(table.sameLetters('QD').map((f) => f.form)).toEqual(['QĐ']);
    expect(table.support('QĐ', 'UBND')).toBeGreaterThan(table.support('NĐ', 'UBND'));
  });

  it('are part of the shipped model, listed in its manifest', () => {
    expect(model.acronyms).not.toBeNull();
    expect(model.manifest.acronyms!.forms).toBe(model.acronyms!.size);
    expect(model.acronyms!.count('QĐ')).toBeGreaterThan(100);
  });

  // Held-out text the shipped model was built without (its manifest lists them as excluded).
  it.each(['004-report.heldout.txt', 'legal-vbpl-documents.heldout.txt', 'news-danes.heldout.txt'])(
    'get their Đ back in stripped %s, and no part gets one it should not have',
    async (name) => {
      const truth = (await readFile(join(FIXTURES, 'heldout', name), 'utf8')).normalize('NFC');
      const restored = restoreDiacritics(stripKeepingCase(truth), model).text;
      expect(restored.length).toBe(truth.length);
      const withD = partsOf(truth).filter((p) => p.text.includes('Đ'));
      const restoredParts = withD.map((p) => restored.slice(p.start, p.start + p.text.length));
      const missed = withD.filter((p, i) => restoredParts[i] !== p.text).map((p) => p.text);
      // Forms the corpus writes come back; a form it never wrote (a news outlet's initials) cannot.
      const learnable = withD.filter((p) => model.acronyms!.count(p.text) > 0);
      expect(missed.filter((form) => model.acronyms!.count(form) > 0)).toEqual([]);
      if (name === '004-report.heldout.txt') expect(learnable.map((p) => p.text)).toEqual(['QĐ', 'QĐ', 'BCĐ', 'QĐ', 'QĐ']);
      const wronglyMarked = partsOf(restored).filter((p) => p.text.includes('Đ') && !truth.slice(p.start, p.start + p.text.length).includes('Đ'));
      expect(wronglyMarked).toEqual([]);
      expect(numbersOf(restored)).toEqual(numbersOf(truth));
    },
  );

  it('are read through OCR confusions in the garbled OCR of decision 416 (seed 000), numbers unchanged', async () => {
    const garbled = await readFile(join(SAMPLES, 'gia-lai-416-qd-ubnd-2021.ocr.txt'), 'utf8');
    const restored = restoreDiacritics(garbled, model).text;
    // As the OCR read them: "2392/0P-BTTTT", "169/0D-UBND", "62/0b-UBND", "416 /QP-UBND", "64/2007/ND-CP".
    for (const code of ['2392/QĐ-BTTTT', '169/QĐ-UBND', '575/QĐ-UBND', '62/QĐ-UBND', '416 /QĐ-UBND', '64/2007/NĐ-CP', '43/2011/NĐ-CP']) {
      expect(restored).toContain(code);
    }
    expect(restored).not.toMatch(/\/(?:0P|0D|QP|0b)-/);
    // Every number of the input is in the output, in order ("c6", a garbled "có", may lose its 6).
    const written = restored.match(/\d+/g) ?? [];
    let at = 0;
    for (const number of numbersOf(garbled)) {
      while (at < written.length && written[at] !== number) at++;
      expect(written[at++]).toBe(number);
    }
    expect(restored.match(/UBND/g)?.length).toBe(garbled.match(/UBND/g)?.length);
  });

  it('are left as written in clean text', () => {
    const clean = 'Căn cứ Quyết định số 416/QĐ-UBND và Hướng dẫn số 12/HD-UBND của Ủy ban nhân dân tỉnh; UBND, HĐND, ND-CP đã sửa.';
    const restored = restoreDiacritics(clean, model).text;
    const upTo = clean.indexOf('ND-CP');
    expect(restored.slice(0, upTo)).toBe(clean.slice(0, upTo));
  });

  it('come back in stripped text with their Đ, and mixed-case names keep their capitals', () => {
    const restored = restoreDiacritics('Theo QD-UBND va Nghi dinh 64/2007/ND-CP, HDND tinh va DBQH mua iPhone va iPad', model).text;
    expect(restored).toBe('Theo QĐ-UBND và Nghị định 64/2007/NĐ-CP, HĐND tỉnh và ĐBQH mua iPhone và iPad');
  });
});
