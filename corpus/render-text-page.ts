/**
 * Renders lines of text onto an A4 page image at 300 dpi in a serif font, as a scanner would
 * see a printed page. Used to make OCR training pairs and test scans (needs the font installed;
 * nothing at run time depends on it).
 */
import sharp from 'sharp';

export const A4_WIDTH_300DPI = 2480;
export const A4_HEIGHT_300DPI = 3508;

export interface RenderOptions {
  fontFamily?: string;
  fontSizePx?: number;
  lineHeightPx?: number;
  blur?: number;
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Greyscale page as raw 8-bit pixels (one channel). */
export async function renderTextPage(lines: string[], options: RenderOptions = {}): Promise<Buffer> {
  const size = options.fontSizePx ?? 46;
  const step = options.lineHeightPx ?? Math.round(size * 1.7);
  const text = lines
    .map((line, i) => `<text x="240" y="${320 + i * step}" font-family="${options.fontFamily ?? 'DejaVu Serif'}" font-size="${size}">${escapeXml(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${A4_WIDTH_300DPI}" height="${A4_HEIGHT_300DPI}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  const png = await sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#fff' }).png().toBuffer();
  const { data, info } = await sharp(png).blur(options.blur ?? 0.6).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return data;
}

export async function rawPageToPng(raw: Buffer): Promise<Buffer> {
  return sharp(raw, { raw: { width: A4_WIDTH_300DPI, height: A4_HEIGHT_300DPI, channels: 1 } }).withMetadata({ density: 300 }).png().toBuffer();
}

/** Breaks text into lines of at most `width` characters at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
