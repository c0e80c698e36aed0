/** Stage 4: join the pages and restore Vietnamese diacritics with the dictionary model. */
import type { Page } from '../core/contracts';
import { OffsetMap } from '../diacritics/offset-map';
import { documentToneStyle } from '../diacritics/detect-tone-style';
import { restoreDiacritics, type RestoreOptions, type RestoreResult, type WordConfidence } from '../diacritics/restore-diacritics';
import type { DiacriticsModel } from '../diacritics/load-model';
import type { PipelineContext } from './context';
import { ocrWordSpans } from './ocr-word-spans';
import { splitAtParagraphs } from './split-at-paragraphs';

export interface RestoredText {
  ocrText: string;
  text: string;
  /** Offset of each page's first character in `text`. */
  pageStarts: number[];
  /** Offset of each page's first character in `ocrText`. */
  ocrPageStarts: number[];
  /** Syllables the model read. */
  syllableCount: number;
  changed: number;
  garbleLevel: number;
  /** From offsets in `text` to offsets in `ocrText`: every record keeps where it stood in the OCR. */
  offsets: OffsetMap;
}

export const PAGE_SEPARATOR = '\n\n\f\n\n';

export async function restoreText(pages: Page[], ctx: Pick<PipelineContext, 'model' | 'toneStyle'>): Promise<RestoredText> {
  const model = await ctx.model();
  // One tone-placement style for the whole document: the one its own pages write, by default.
  const toneStyle = documentToneStyle(pages.map((p) => p.text).join('\n'), ctx.toneStyle, model.manifest.toneStyle);
  // OCR's confidence in each word tells restoration which readings to doubt.
  const restoredPages = pages.map((page) => restoreInPieces(page.text, model, { toneStyle, wordConfidence: ocrWordSpans(page) }));
  const pageStarts = startsOf(restoredPages.map((r) => r.text));
  const ocrPageStarts = startsOf(pages.map((p) => p.text));
  const syllableCount = restoredPages.reduce((s, r) => s + r.syllableCount, 0);
  return {
    ocrText: pages.map((p) => p.text).join(PAGE_SEPARATOR),
    text: restoredPages.map((r) => r.text).join(PAGE_SEPARATOR),
    pageStarts,
    ocrPageStarts,
    syllableCount,
    changed: restoredPages.reduce((s, r) => s + r.changed, 0),
    garbleLevel: restoredPages.reduce((s, r) => s + r.garbleLevel * r.syllableCount, 0) / (syllableCount || 1),
    offsets: OffsetMap.concat(restoredPages.map((r, i) => ({ map: r.offsets, originalStart: ocrPageStarts[i]!, restoredStart: pageStarts[i]! }))),
  };
}

/**
 * A page restored a bounded piece at a time (paragraph breaks first), so a huge page costs in
 * proportion to its length; a page within one piece is restored whole, exactly as before.
 */
function restoreInPieces(text: string, model: DiacriticsModel, options: RestoreOptions & { wordConfidence: readonly WordConfidence[] }): RestoreResult {
  const pieces = splitAtParagraphs(text);
  if (pieces.length === 1) return restoreDiacritics(text, model, options);
  const results = pieces.map(({ start, text: piece }) => {
    const end = start + piece.length;
    const wordConfidence = options.wordConfidence.filter((w) => w.start >= start && w.end <= end).map((w) => ({ ...w, start: w.start - start, end: w.end - start }));
    return restoreDiacritics(piece, model, { ...options, wordConfidence });
  });
  let restoredStart = 0;
  const parts = results.map((r, i) => {
    const part = { map: r.offsets, originalStart: pieces[i]!.start, restoredStart };
    restoredStart += r.text.length;
    return part;
  });
  const syllableCount = results.reduce((sum, r) => sum + r.syllableCount, 0);
  return {
    text: results.map((r) => r.text).join(''),
    syllableCount,
    changed: results.reduce((sum, r) => sum + r.changed, 0),
    garbleLevel: results.reduce((sum, r) => sum + r.garbleLevel * r.syllableCount, 0) / (syllableCount || 1),
    offsets: OffsetMap.concat(parts),
  };
}

function startsOf(texts: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + PAGE_SEPARATOR.length;
  }
  return starts;
}
