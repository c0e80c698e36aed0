/** Stage 4: join the pages and restore Vietnamese diacritics with the dictionary model. */
import type { Page } from '../core/contracts';
import { OffsetMap } from '../diacritics/offset-map';
import { documentToneStyle } from '../diacritics/detect-tone-style';
import { restoreDiacritics } from '../diacritics/restore-diacritics';
import type { PipelineContext } from './context';
import { ocrWordSpans } from './ocr-word-spans';

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

export async function restoreText(pages: Page[], ctx: PipelineContext): Promise<RestoredText> {
  const model = await ctx.model();
  // One tone-placement style for the whole document: the one its own pages write, by default.
  const toneStyle = documentToneStyle(pages.map((p) => p.text).join('\n'), ctx.toneStyle, model.manifest.toneStyle);
  // OCR's confidence in each word tells restoration which readings to doubt.
  const restoredPages = pages.map((page) => restoreDiacritics(page.text, model, { toneStyle, wordConfidence: ocrWordSpans(page) }));
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

function startsOf(texts: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + PAGE_SEPARATOR.length;
  }
  return starts;
}
