/**
 * `sohoa model build` as a user runs it: a model folder from a small corpus, with and without the
 * syllables of the npm word list @cspell/dict-vi-vn (read through an ES module, so in a real process).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../diacritics/load-model';
import { restoreDiacritics } from '../../diacritics/restore-diacritics';
import { runCli } from '../helpers/cli';

let dir = '';
let corpus = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sohoa-model-build-'));
  corpus = join(dir, 'corpus.txt');
  await writeFile(corpus, ['Ủy ban nhân dân tỉnh ban hành quyết định.', 'Quyết định có hiệu lực kể từ ngày ký.', 'Mái nhà không bị lệch.'].join('\n'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const build = (out: string, ...extra: string[]) =>
  runCli(['model', 'build', '--corpus', corpus, '--out', out, '--min-count', '1', '--min-bigram-count', '1', '--min-trigram-count', '1', ...extra]);

describe('sohoa model build', () => {
  it('adds the word list syllables the corpus lacks and records the list in the manifest', async () => {
    const out = join(dir, 'with-dictionary');
    const result = await build(out);
    expect(result.stderr).toMatch(/\d+ syllables from @cspell\/dict-vi-vn that the corpus lacks/);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.dictionary).toMatchObject({ name: '@cspell/dict-vi-vn', version: '3.0.6', licence: 'MIT', entries: 8217 });
    expect(manifest.dictionary.added).toBeGreaterThan(5000);
    const model = await loadModel(out);
    // "nghiêng" is not in the corpus; the word list is the only reason the model knows it.
    expect(model.lm.count(model.lm.id('nghiêng'))).toBe(0);
    expect(model.lm.has('nghiêng')).toBe(true);
    expect(restoreDiacritics('mai nha khong bi nghieng', model).text).toBe('mái nhà không bị nghiêng');
  }, 60_000);

  it('builds from the corpus alone with --dictionary none', async () => {
    const out = join(dir, 'corpus-only');
    const result = await build(out, '--dictionary', 'none');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.dictionary).toBeNull();
    const model = await loadModel(out);
    expect(model.lm.has('nghiêng')).toBe(false);
    expect(restoreDiacritics('mai nha khong bi nghieng', model).text).toBe('mái nhà không bị nghieng');
  }, 60_000);

  it('refuses an unknown word list by name', async () => {
    const result = await build(join(dir, 'never'), '--dictionary', 'hunspell');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--dictionary.*hunspell|hunspell.*--dictionary/s);
  });
});

describe('the shipped model', () => {
  it('lists the word list it took syllables from', async () => {
    const model = await loadModel();
    expect(model.manifest.dictionary).toMatchObject({ name: '@cspell/dict-vi-vn', licence: 'MIT' });
    expect(model.manifest.dictionary!.added).toBeGreaterThan(1000);
  });
});
