/**
 * Maps character offsets in restored text back to the text it was restored from. Restoration
 * replaces syllables in place, and a replacement may change length ("tir" -> "tử"), so
 * provenance needs the list of replaced segments.
 */
export interface ReplacedSegment {
  originalStart: number;
  originalEnd: number;
  restoredStart: number;
  restoredEnd: number;
}

/** Anything that maps offsets in a derived text back to the text it came from. */
export interface SpanMapping {
  toOriginal(offset: number): number;
  spanToOriginal(span: readonly [number, number]): [number, number];
}

export class OffsetMap implements SpanMapping {
  constructor(private readonly segments: readonly ReplacedSegment[]) {}

  static identity(): OffsetMap {
    return new OffsetMap([]);
  }

  /** One map for texts joined end to end: each part with where it starts in both joined texts. */
  static concat(parts: Array<{ map: OffsetMap; originalStart: number; restoredStart: number }>): OffsetMap {
    const segments: ReplacedSegment[] = [];
    for (const { map, originalStart, restoredStart } of parts) {
      // An empty segment pins the part's start, whatever length the parts before it changed by.
      segments.push({ originalStart, originalEnd: originalStart, restoredStart, restoredEnd: restoredStart });
      for (const s of map.segments) {
        segments.push({ originalStart: s.originalStart + originalStart, originalEnd: s.originalEnd + originalStart, restoredStart: s.restoredStart + restoredStart, restoredEnd: s.restoredEnd + restoredStart });
      }
    }
    return new OffsetMap(segments);
  }

  /** The original offset of a restored offset; inside a replaced syllable, its start or end. */
  toOriginal(restoredOffset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid]!.restoredStart <= restoredOffset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (last < 0) return restoredOffset;
    const s = this.segments[last]!;
    if (restoredOffset === s.restoredStart) return s.originalStart;
    if (restoredOffset < s.restoredEnd) return s.originalEnd;
    return restoredOffset - s.restoredEnd + s.originalEnd;
  }

  spanToOriginal(span: readonly [number, number]): [number, number] {
    return [this.toOriginal(span[0]), this.toOriginal(span[1])];
  }
}

/** Maps through several derivations, the last one applied first: chain(nfc, restore) maps restored text to the file. */
export function chainMappings(...mappings: SpanMapping[]): SpanMapping {
  const toOriginal = (offset: number) => mappings.reduceRight((at, mapping) => mapping.toOriginal(at), offset);
  return { toOriginal, spanToOriginal: (span) => [toOriginal(span[0]), toOriginal(span[1])] };
}
