/** A record read from a piece of a text, with its offsets moved by where the piece starts in the whole. */
import type { Indicator, Span } from '../core/contracts';

const shift = (span: Span, by: number): Span => [span[0] + by, span[1] + by];

export function shiftIndicator(indicator: Indicator, by: number): Indicator {
  if (by === 0) return indicator;
  return {
    ...indicator,
    span: shift(indicator.span, by),
    ...(indicator.sourceSpan ? { sourceSpan: shift(indicator.sourceSpan, by) } : {}),
    ...(indicator.statedPercent ? { statedPercent: { ...indicator.statedPercent, span: shift(indicator.statedPercent.span, by) } } : {}),
  };
}
