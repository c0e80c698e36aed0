/**
 * Makes a rendered page look scanned: turned a little, blurred, speckled with deterministic
 * noise, optionally scanned at a lower resolution, and saved as JPEG. Benchmarks and evaluations
 * use it so that every run reads the same pages.
 */
import sharp from 'sharp';
import { A4_HEIGHT_300DPI, A4_WIDTH_300DPI } from './render-text-page';

export interface Degradation {
  /** Clockwise turn in degrees. */
  degrees: number;
  /** Gaussian blur sigma in pixels (0: none). */
  blur: number;
  /** Noise amplitude in grey levels. */
  noise: number;
  /** JPEG quality, 1-100. */
  quality: number;
  /** Scale of the scan against 300 dpi (0.6: 180 dpi). */
  scale?: number;
  /** Seed of the noise. */
  seed: number;
}

/** Deterministic noise, so every run sees the same pages. */
function addNoise(raw: Buffer, amplitude: number, seed: number): Buffer {
  let state = seed;
  const out = Buffer.allocUnsafe(raw.length);
  for (let i = 0; i < raw.length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = Math.max(0, Math.min(255, raw[i]! + ((state / 0x7fffffff) * 2 - 1) * amplitude));
  }
  return out;
}

/** A raw 300 dpi A4 page (one channel, as renderTextPage gives it) degraded and encoded as JPEG. */
export async function degradePage(raw: Buffer, d: Degradation): Promise<Buffer> {
  const turned = sharp(raw, { raw: { width: A4_WIDTH_300DPI, height: A4_HEIGHT_300DPI, channels: 1 } }).rotate(d.degrees, { background: '#fff' });
  const { data, info } = await (d.blur > 0 ? turned.blur(d.blur) : turned).greyscale().raw().toBuffer({ resolveWithObject: true });
  const noisy = sharp(addNoise(data, d.noise, d.seed), { raw: { width: info.width, height: info.height, channels: 1 } });
  const scale = d.scale ?? 1;
  const scanned = scale === 1 ? noisy : noisy.resize(Math.round(info.width * scale));
  return scanned.withMetadata({ density: Math.round(300 * scale) }).jpeg({ quality: d.quality }).toBuffer();
}
