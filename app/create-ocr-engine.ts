/**
 * Picks the OCR engine: tesseract.js (wasm; nothing to install), the native tesseract CLI
 * (native), or auto: native when `tesseract` with the language data is on the PATH, else wasm.
 */
import type { AppConfig } from '../core/config';
import type { Logger } from '../core/logger';
import { findNativeTesseract, NativeTesseract } from '../ocr/native-tesseract';
import type { OcrEngine } from '../ocr/ocr-engine';
import { defaultPoolSize, TesseractPool } from '../ocr/tesseract-pool';

const LANGUAGE = 'vie';

export function createOcrEngine(config: AppConfig, logger: Logger): OcrEngine {
  const size = config.ocrWorkers ?? defaultPoolSize();
  const wantNative = config.ocrEngine === 'native' || (config.ocrEngine === 'auto' && (findNativeTesseract(config.tessdata)?.languages.includes(LANGUAGE) ?? false));
  const engine: OcrEngine = wantNative
    ? new NativeTesseract({ size, language: LANGUAGE, tessdata: config.tessdata, pageSegmentationMode: config.pageSegmentationMode, pageTimeoutMs: config.pageTimeoutMs })
    : new TesseractPool({ size, language: LANGUAGE, variant: config.ocrVariant, tessdata: config.tessdata, pageSegmentationMode: config.pageSegmentationMode, pageTimeoutMs: config.pageTimeoutMs });
  logger.debug(`OCR engine: ${engine.name}, ${engine.model}, ${size} at once`);
  return engine;
}
