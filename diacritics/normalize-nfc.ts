/**
 * NFC normalization that remembers where each character came from. Files from older tools
 * often store Vietnamese letters decomposed (a + combining marks); provenance spans must
 * still point into the file as it was given.
 */
import { OffsetMap, type ReplacedSegment } from './offset-map';

export function normalizeNfc(text: string): { text: string; offsets: OffsetMap } {
  const whole = text.normalize('NFC');
  if (whole === text) return { text, offsets: OffsetMap.identity() };
  const segments: ReplacedSegment[] = [];
  let out = '';
  // A cluster is a base character and the combining marks after it: NFC never composes across clusters in Vietnamese.
  for (const m of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) {
    const cluster = m[0];
    const composed = cluster.normalize('NFC');
    if (composed.length !== cluster.length) {
      segments.push({ originalStart: m.index, originalEnd: m.index + cluster.length, restoredStart: out.length, restoredEnd: out.length + composed.length });
    }
    out += composed;
  }
  // Scripts whose composition spans clusters (Hangul jamo) lose exact offsets but keep their text.
  return out === whole ? { text: out, offsets: new OffsetMap(segments) } : { text: whole, offsets: OffsetMap.identity() };
}
