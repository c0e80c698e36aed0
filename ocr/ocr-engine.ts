/** The port every OCR backend implements: one page image in, lines and words with boxes out. */
import type { OcrLine } from '../core/contracts';

/** Below this word confidence (0-100) OCR may have misread the word: it goes to review. */
export const LOW_WORD_CONFIDENCE = 60;

export interface OcrPageResult {
  text: string;
  lines: OcrLine[];
  meanConfidence: number | null;
}

export interface RecognizeOptions {
  signal?: AbortSignal;
  /**
   * 'page' (default) finds the page's layout; 'block' reads the image as one block of text, as for a
   * crop around print under a seal; 'line' reads it as one line of text (a band cut across a seal).
   */
  segmentation?: 'page' | 'block' | 'line';
}

export interface OcrEngine {
  readonly name: string;
  /** The trained data it reads ("vie 4.0.0_best_int from @tesseract.js-data/vie"), for each page's route. */
  readonly model: string;
  /** Pages it reads at once (its workers or processes): callers prepare about this many ahead. */
  readonly parallelism: number;
  /** `image` is any encoding Leptonica reads; a one-channel grey PNG or JPEG is the cheapest to hand over. */
  recognize(image: Buffer, options?: RecognizeOptions): Promise<OcrPageResult>;
  close(): Promise<void>;
}
