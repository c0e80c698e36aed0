/** Content sniffing: the bytes decide the type; the file name only has to agree. */
import { extname } from 'node:path';
import type { SupportedMime } from '../core/contracts';
import { InputError } from '../core/errors';
import { sniffMime as sniff } from '../core/sniff-mime';

const BY_EXTENSION: Record<string, SupportedMime> = {
  '.txt': 'text/plain',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

function looksLikeText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function detectFileType(file: string, bytes: Buffer): SupportedMime {
  if (bytes.length === 0) throw new InputError('EMPTY_FILE', file, 'the file is empty');
  const ext = extname(file).toLowerCase();
  const claimed = BY_EXTENSION[ext];
  if (!claimed) {
    throw new InputError('UNSUPPORTED_TYPE', file, `unsupported file type '${ext || '(none)'}'; sohoa reads ${SUPPORTED_EXTENSIONS.join(' ')}`);
  }
  const sniffed = sniff(bytes);
  if (claimed === 'text/plain') {
    if (sniffed || !looksLikeText(bytes)) throw new InputError('CORRUPT_FILE', file, 'named .txt but is not UTF-8 text');
    return 'text/plain';
  }
  if (sniffed !== claimed) {
    throw new InputError('CORRUPT_FILE', file, `named ${ext} but its content is ${sniffed ?? 'not a recognised image or PDF'}`);
  }
  return claimed;
}

/**
 * For uploads: the content alone decides, whatever the name claims (a browser may send any
 * name, or none). Bytes that are neither a supported image, a PDF nor UTF-8 text are refused.
 */
export function detectUploadType(label: string, bytes: Buffer): SupportedMime {
  if (bytes.length === 0) throw new InputError('EMPTY_FILE', label, 'the file is empty');
  const sniffed = sniff(bytes);
  if (sniffed) return sniffed;
  if (looksLikeText(bytes)) return 'text/plain';
  throw new InputError('UNSUPPORTED_TYPE', label, 'the content is not a PDF, PNG, JPEG or TIFF image, nor UTF-8 text');
}
