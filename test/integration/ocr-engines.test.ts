/**
 * The two OCR engines behind one conformance suite: tesseract.js with the npm package's data, and
 * the native tesseract CLI (Debian's tesseract-ocr and tesseract-ocr-vie; `.ci/run` installs them),
 * then both given the same best_int model must read alike.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findNativeTesseract, NativeTesseract } from '../../ocr/native-tesseract';
import { TesseractPool } from '../../ocr/tesseract-pool';
import { describeOcrEngine, describeSameReading } from '../conformance/ocr-engine-suite';

const installed = findNativeTesseract(null);
if (!installed?.languages.includes('vie')) {
  throw new Error('the native OCR engine tests need the tesseract CLI with Vietnamese data: apt-get install tesseract-ocr tesseract-ocr-vie (.ci/run does it)');
}

// The npm package's best_int model, as a tessdata folder both engines read.
const sameModel = mkdtempSync(join(tmpdir(), 'sohoa-tessdata-'));
writeFileSync(join(sameModel, 'vie.traineddata'), gunzipSync(readFileSync(require.resolve('@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz'))));
afterAll(() => rmSync(sameModel, { recursive: true, force: true }));

describeOcrEngine('tesseract.js', () => new TesseractPool({ size: 2 }));
describeOcrEngine('native tesseract, Debian data', () => new NativeTesseract({ size: 2, tessdata: null }));
describeSameReading(['tesseract.js', 'native tesseract'], () => [new TesseractPool({ size: 1, tessdata: sameModel }), new NativeTesseract({ size: 1, tessdata: sameModel })]);

describe('native tesseract setup', () => {
  it('refuses a tessdata folder without the language, saying so', () => {
    expect(() => new NativeTesseract({ size: 1, tessdata: tmpdir() })).toThrow(/holds no vie\.traineddata/);
  });

  it('refuses a missing CLI, saying what to install', () => {
    expect(() => new NativeTesseract({ size: 1, tessdata: null, command: 'tesseract-not-installed' })).toThrow(/apt-get install tesseract-ocr tesseract-ocr-vie/);
  });
});
