/** Image clean-up before OCR, on the real fixture scan: deskew, upscaling, switches. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { estimateOrientation } from '../../ocr/estimate-orientation';
import { estimateSkew } from '../../ocr/estimate-skew';
import { storedImageMime } from '../../ocr/grey-image';
import { preprocessPage } from '../../pipeline/preprocess-page';
import { FIXTURES } from '../helpers/cli';

const limits = { maxPixels: 100_000_000, maxPages: 2_000, maxFileBytes: 1e9 };
let page: Buffer;

beforeAll(async () => {
  page = await readFile(join(FIXTURES, 'scan-page.png'));
});

const turned = (degrees: number) => sharp(page).rotate(degrees, { background: '#ffffff' }).png().toBuffer();

describe('deskew', () => {
  it.each([5, -5, 12, -2.5])('measures a page turned by %d° to within 0.5°', async (degrees) => {
    expect(Math.abs((await estimateSkew(await turned(degrees))) + degrees)).toBeLessThan(0.5);
  });

  it('straightens a page turned by 5° to within 0.5°, and leaves a straight page alone', async () => {
    const straightened = await preprocessPage({ image: await turned(5), dpi: 300 }, { preprocess: ['deskew'], limits });
    expect(straightened.summary).toMatch(/deskew -5(\.\d+)?° \d+ ms/);
    expect(Math.abs(await estimateSkew(straightened.image))).toBeLessThan(0.5);
    const straight = await preprocessPage({ image: page, dpi: 300 }, { preprocess: ['deskew'], limits });
    expect(straight.summary).toMatch(/\(left\)/);
    expect([straight.width, straight.height]).toEqual([2480, 3508]);
  });
});

describe('orientation', () => {
  it.each([90, 180, 270])('turns a page turned by %d° (and tilted 7°) upright', async (degrees) => {
    const sideways = await sharp(await sharp(page).rotate(degrees).png().toBuffer()).rotate(7, { background: '#ffffff' }).png().toBuffer();
    expect(await estimateOrientation(sideways)).toBe((360 - degrees) % 360);
    const upright = await preprocessPage({ image: sideways, dpi: 300 }, { preprocess: ['orient', 'deskew'], limits });
    expect(upright.summary).toContain(`orient turned ${(360 - degrees) % 360}°`);
    expect(await estimateOrientation(upright.image)).toBe(0);
    expect(Math.abs(await estimateSkew(upright.image))).toBeLessThan(0.5);
  });

  it('leaves an upright page as it is', async () => {
    expect((await preprocessPage({ image: page, dpi: 300 }, { preprocess: ['orient'], limits })).summary).toMatch(/orient upright/);
  });
});

describe('the other steps', () => {
  it('enlarges a 150 dpi scan to 300 dpi, but not a photo whose "72 dpi" would make a giant page', async () => {
    const low = await sharp(page).resize({ width: 1240 }).png().toBuffer();
    const upscaled = await preprocessPage({ image: low, dpi: 150 }, { preprocess: ['upscale'], limits });
    expect([upscaled.width, upscaled.dpi]).toEqual([2480, 300]);
    const photo = await preprocessPage({ image: page, dpi: 72 }, { preprocess: ['upscale'], limits });
    expect([photo.width, photo.dpi]).toEqual([2480, 72]);
  });

  it('stretches a faded page to full contrast', async () => {
    const faded = await sharp(page).linear(0.5, 100).png().toBuffer();
    const { image } = await preprocessPage({ image: faded, dpi: 300 }, { preprocess: ['normalize'], limits });
    const stats = await sharp(image).stats();
    expect(stats.channels[0]!.min).toBe(0);
    expect(stats.channels[0]!.max).toBe(255);
  });

  it('does nothing when every step is switched off', async () => {
    const untouched = await preprocessPage({ image: page, dpi: 300 }, { preprocess: [], limits });
    expect(untouched.image).toBe(page);
    expect(untouched.summary).toBe('no preprocessing');
  });

  it('keeps a JPEG scan as JPEG and anything else as PNG, with the resolution recorded', async () => {
    const jpeg = await sharp(page).jpeg({ quality: 70 }).toBuffer();
    const kept = await preprocessPage({ image: jpeg, dpi: 300, storeAs: 'jpeg' }, { preprocess: ['normalize'], limits });
    const meta = await sharp(kept.image).metadata();
    expect([meta.format, meta.density, meta.channels]).toEqual(['jpeg', 300, 1]);
    // Not bigger than the scan it came from, as a PNG of a noisy JPEG would be.
    expect(kept.image.length).toBeLessThan(jpeg.length * 1.5);
    const png = await preprocessPage({ image: jpeg, dpi: 300 }, { preprocess: ['normalize'], limits });
    // One grey channel: libvips writes three unless told, and Tesseract's decoder pays for them.
    expect(png.image[25]).toBe(0); // PNG colour type 0, greyscale
    expect([storedImageMime(png.image), storedImageMime(kept.image), storedImageMime(Buffer.from('P5\n'))]).toEqual(['image/png', 'image/jpeg', null]);
  });
});
