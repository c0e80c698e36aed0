import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core/logger';
import { buildModel } from '../../diacritics/build-model';
import { DEFAULT_MODEL_DIR, loadModel } from '../../diacritics/load-model';
import { decodeModel } from '../../diacritics/model-file';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { fold } from '../../diacritics/syllable';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the shipped diacritics model', () => {
  it('restores fully stripped administrative text', async () => {
    const model = await loadModel();
    const clean = 'Phê duyệt kết quả đánh giá, xếp hạng mức độ chính quyền điện tử của các cơ quan hành chính nhà nước trên địa bàn tỉnh';
    const stripped = fold(clean);
    const restored = restoreDiacritics(stripped, model).text;
    const right = restored.split(' ').filter((w, i) => w.toLowerCase() === clean.split(' ')[i]!.toLowerCase()).length;
    expect(right / clean.split(' ').length).toBeGreaterThanOrEqual(0.9);
  });

  it('restores ALL CAPS headings and keeps their case', async () => {
    const model = await loadModel();
    expect(restoreDiacritics('QUYET DINH', model).text).toBe('QUYẾT ĐỊNH');
  });

  it('leaves numbers, document codes, acronyms and e-mail addresses as they are', async () => {
    const model = await loadModel();
    const text = 'So 416/QĐ-UBND ngay 14/7/2021 cua UBND ve TTHC, lien he vanthu@gialai.gov.vn: 184/220';
    const restored = restoreDiacritics(text, model).text;
    for (const kept of ['416/QĐ-UBND', '14/7/2021', 'UBND', 'TTHC', 'vanthu@gialai.gov.vn', '184/220']) expect(restored).toContain(kept);
  });

  it('does not change correct text', async () => {
    const model = await loadModel();
    const clean = 'Căn cứ Luật Tổ chức chính quyền địa phương năm 2015; Ủy ban nhân dân tỉnh Gia Lai quyết định.';
    expect(restoreDiacritics(clean, model).text).toBe(clean);
  });

  it('gives each syllable a confidence and its alternatives', async () => {
    const model = await loadModel();
    const [first] = restoreDiacritics('ban hanh', model, { explain: true }).syllables;
    expect(first!.confidence).toBeGreaterThan(0);
    expect(first!.confidence).toBeLessThanOrEqual(1);
    expect(first!.alternatives.length).toBeGreaterThan(1);
  });

  it('restores the same text with or without per-syllable explanations, which only explain adds', async () => {
    const model = await loadModel();
    const stripped = 'Uy ban nhan dan tinh ban hanh quyet dinh ve viec phe duyet ke hoach (dot 2), ngay 14/7/2021.';
    const plain = restoreDiacritics(stripped, model);
    const explained = restoreDiacritics(stripped, model, { explain: true });
    expect(plain.text).toBe(explained.text);
    expect('syllables' in plain).toBe(false);
    expect(explained.syllables).toHaveLength(plain.syllableCount);
    expect(plain.syllableCount).toBe(17);
    expect(explained.syllables.filter((s) => s.restored !== s.original)).toHaveLength(plain.changed);
    for (const s of explained.syllables) expect(plain.text.slice(s.start, s.end)).toBe(s.restored);
  });
});

describe('model build and load', () => {
  const corpus = ['Ủy ban nhân dân tỉnh ban hành quyết định.', 'Quyết định có hiệu lực kể từ ngày ký.', 'Ủy ban nhân dân huyện ban hành kế hoạch.'];

  it('builds a model folder with a manifest of sources, exclusions and checksums', async () => {
    const corpusFile = join(dir, 'corpus.txt');
    const heldOut = join(dir, 'held-out.txt');
    await writeFile(corpusFile, [...corpus, 'Câu này là dữ liệu kiểm tra.'].join('\n'));
    await writeFile(heldOut, 'Câu này là dữ liệu kiểm tra.\n');
    const out = join(dir, 'tiny');
    const manifest = await buildModel(
      { sources: [{ file: corpusFile, weight: 1, licence: 'test' }], exclude: [heldOut], outDir: out, name: 'tiny', version: '1', toneStyle: 'old', minCount: 1, minBigramCount: 1, minTrigramCount: 1 },
      silentLogger,
    );
    expect(manifest.excluded).toEqual([expect.objectContaining({ name: 'held-out.txt', lines: 1 })]);
    const model = await loadModel(out);
    expect(model.lm.has('quyết')).toBe(true);
    expect(model.lm.has('kiểm')).toBe(false); // the held-out line was never trained on
    expect(restoreDiacritics('Uy ban nhan dan tinh ban hanh quyet dinh.', model).text).toBe('Ủy ban nhân dân tỉnh ban hành quyết định.');
  });

  it('refuses a model whose file does not match its manifest', async () => {
    const out = join(dir, 'tiny');
    const manifestPath = join(out, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, file: { ...manifest.file, sha256: '0'.repeat(64) } }));
    await expect(loadModel(out)).rejects.toThrow(/checksum does not match/);
    await writeFile(manifestPath, JSON.stringify({ ...manifest, format: 'something-else' }));
    await expect(loadModel(out)).rejects.toThrow(/invalid manifest at format/);
    await writeFile(manifestPath, JSON.stringify({ ...manifest, format: 'sohoa-syllable-trigram-v1' }));
    await expect(loadModel(out)).rejects.toThrow(/format sohoa-syllable-trigram-v1; this sohoa reads sohoa-syllable-trigram-v2: rebuild it/);
  });

  it('gives every history a distribution that sums to one when nothing is pruned (Kneser-Ney bookkeeping)', async () => {
    const corpusFile = join(dir, 'kn.txt');
    await writeFile(corpusFile, [...corpus, 'Ban hành quyết định và kế hoạch của tỉnh.', 'Tỉnh ban hành kế hoạch.'].join('\n'));
    const out = join(dir, 'kn');
    await buildModel(
      { sources: [{ file: corpusFile, weight: 1, licence: 'test' }], exclude: [], outDir: out, name: 'kn', version: '1', toneStyle: 'old', minCount: 1, minBigramCount: 1, minTrigramCount: 1 },
      silentLogger,
    );
    const { lm } = await loadModel(out);
    const words = lm.vocab.map((_, id) => id);
    const sum = (u: number, v: number) =>
      words.reduce((total, w) => total + lm.trigramProb(lm.bigramIndex(u, v), w, lm.bigramProb(v, w, lm.bigramIndex(v, w))), 0);
    for (const [u, v] of [['ban', 'hành'], ['ủy', 'ban'], ['kế', 'hoạch'], ['tỉnh', 'quyết']] as const) {
      expect(sum(lm.id(u), lm.id(v))).toBeCloseTo(1, 6);
    }
    expect(sum(lm.startId, lm.startId)).toBeCloseTo(1, 6);
  });

  it('reads the model file in place, and from a copy when its bytes do not start on an 8-byte boundary', async () => {
    const bytes = await readFile(join(DEFAULT_MODEL_DIR, 'model.bin'));
    const placedAt = (offset: number) => {
      const buffer = Buffer.alloc(bytes.length + offset).subarray(offset);
      bytes.copy(buffer);
      return buffer;
    };
    const aligned = placedAt(8);
    const misaligned = placedAt(3);
    const inPlace = decodeModel(aligned, 'model.bin');
    const copied = decodeModel(misaligned, 'model.bin');
    expect(inPlace.trigramKeys.buffer).toBe(aligned.buffer);
    expect(copied.trigramKeys.buffer).not.toBe(misaligned.buffer);
    const asBytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const name of ['trigramKeys', 'trigramCounts', 'bigramBackoffMass', 'unigramCounts'] as const) {
      expect(asBytes(copied[name]).equals(asBytes(inPlace[name]))).toBe(true);
    }
    expect(inPlace.unigramCounts.length).toBe(inPlace.vocab.length);
  });
});

describe('unknown words in stripped text', () => {
  it('restores a stripped syllable the model knows rather than keeping it as an unknown word', async () => {
    const model = await loadModel();
    // "hoac" never occurs in the corpus; as an unknown word it must not outweigh "hoặc".
    expect(model.lm.has('hoac')).toBe(false);
    expect(restoreDiacritics('trong khu phi thue quan hoac da xuat khau ra nuoc ngoai', model).text).toBe('trong khu phi thuế quan hoặc đã xuất khẩu ra nước ngoài');
    expect(restoreDiacritics('truong hop thien tai vuot cap do 4', model).text).toBe('trường hợp thiên tai vượt cấp độ 4');
  });

  it('still keeps a foreign word that has no Vietnamese reading', async () => {
    const model = await loadModel();
    expect(restoreDiacritics('theo chuan Beowulf va Kalamazoo', model).text).toContain('Beowulf');
  });
});

describe('OCR word confidence (vie OCR output)', () => {
  /** Each space-separated word of the text with the confidence OCR gave it. */
  const wordsOf = (text: string, confidenceOf: (word: string) => number) => {
    let from = 0;
    return text.split(' ').map((word) => {
      const start = text.indexOf(word, from);
      from = start + word.length;
      return { start, end: from, confidence: confidenceOf(word) };
    });
  };

  it('doubts the marks of a word OCR was unsure of', async () => {
    const model = await loadModel();
    const read = 'Ban hành bộ tiêu chí chuấn hóa dữ liệu của tỉnh.';
    expect(restoreDiacritics(read, model).text).toBe(read);
    const unsure = wordsOf(read, (word) => (word === 'chuấn' ? 45 : 96));
    expect(restoreDiacritics(read, model, { wordConfidence: unsure }).text).toBe('Ban hành bộ tiêu chí chuẩn hóa dữ liệu của tỉnh.');
  });

  it('keeps a word OCR read without marks when it was sure, where plain text would get marks', async () => {
    const model = await loadModel();
    const read = 'Theo dõi chung việc thi hành pháp luật.';
    expect(restoreDiacritics(read, model).text).toBe('Theo dõi chúng việc thi hành pháp luật.');
    expect(restoreDiacritics(read, model, { wordConfidence: wordsOf(read, () => 95) }).text).toBe(read);
  });

  it('ignores confidences whose offsets NFC normalization would move', async () => {
    const model = await loadModel();
    const decomposed = 'chuấn hóa'.normalize('NFD');
    const words = [{ start: 0, end: 5, confidence: 10 }];
    expect(restoreDiacritics(decomposed, model, { wordConfidence: words }).text).toBe(restoreDiacritics(decomposed, model).text);
  });
});
