/**
 * Makes (clean syllable, OCR token) training pairs: clean text is rendered to page images and
 * read back by an OCR engine that does not know Vietnamese (Tesseract's English data), which
 * garbles marks the way decades of archive OCR did. Lines are paired in order, tokens by an
 * alignment that tolerates merged and split words.
 */
import { renderTextPage, rawPageToPng, wrapText } from '../corpus/render-text-page';
import type { Logger } from '../core/logger';
import type { OcrEngine } from '../ocr/ocr-engine';
import { editDistance } from './candidate-index';
import { fold } from './syllable';

export interface PairOptions {
  pages: number;
  linesPerPage: number;
  charsPerLine: number;
  fontSizePx: number;
}

const strip = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();

function alignTokens(clean: string[], observed: string[]): Array<[string, string]> {
  const n = clean.length;
  const m = observed.length;
  const cost = (a: string, b: string) => Math.min(1, editDistance(fold(a), fold(b), 8) / Math.max(a.length, b.length, 1));
  const d = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost(clean[i - 1]!, observed[j - 1]!));
    }
  }
  const pairs: Array<[string, string]> = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const c = cost(clean[i - 1]!, observed[j - 1]!);
    if (Math.abs(d[i]![j]! - (d[i - 1]![j - 1]! + c)) < 1e-9) {
      if (c <= 0.67) pairs.push([clean[i - 1]!, observed[j - 1]!]);
      i--;
      j--;
    } else if (Math.abs(d[i]![j]! - (d[i - 1]![j]! + 1)) < 1e-9) i--;
    else j--;
  }
  return pairs.reverse();
}

export async function generateChannelPairs(text: string[], engine: OcrEngine, options: PairOptions, logger: Logger): Promise<Array<[string, string]>> {
  const lines = text.flatMap((t) => wrapText(t, options.charsPerLine));
  const pages: string[][] = [];
  for (let p = 0; p < options.pages && (p + 1) * options.linesPerPage <= lines.length; p++) {
    pages.push(lines.slice(p * options.linesPerPage, (p + 1) * options.linesPerPage));
  }
  let done = 0;
  const perPage = await Promise.all(
    pages.map(async (pageLines) => {
      const png = await rawPageToPng(await renderTextPage(pageLines, { fontSizePx: options.fontSizePx, lineHeightPx: Math.round(options.fontSizePx * 1.7) }));
      const result = await engine.recognize(png);
      const ocrLines = result.lines.map((l) => l.text.trim()).filter(Boolean);
      logger.info(`OCR page ${++done}/${pages.length}: ${ocrLines.length} of ${pageLines.length} lines`);
      if (ocrLines.length !== pageLines.length) return [];
      return pageLines.flatMap((line, i) =>
        alignTokens(line.split(/\s+/).map(strip).filter(Boolean), ocrLines[i]!.split(/\s+/).map(strip).filter(Boolean)),
      );
    }),
  );
  return perPage.flat();
}
