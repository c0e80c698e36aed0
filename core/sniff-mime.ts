/** What a file's first bytes say it is: the one place that knows the signatures sohoa reads. */
import type { SupportedMime } from './contracts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PDF, PNG, JPEG or TIFF by signature; null for anything else (text included). */
export function sniffMime(bytes: Buffer): Exclude<SupportedMime, 'text/plain'> | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = bytes.subarray(0, 4).toString('latin1');
  if (head === 'II*\u0000' || head === 'MM\u0000*') return 'image/tiff';
  return null;
}
