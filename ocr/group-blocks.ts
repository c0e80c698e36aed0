/** Blocks of lines for the outputs that nest lines in blocks (hOCR, ALTO) and the box around a block. */
import type { BBox } from '../core/contracts';

export function enclosing(boxes: readonly BBox[]): BBox {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

/** Consecutive lines of the same layout block. */
export function groupBlocks<T>(lines: readonly T[], blockOf: (line: T) => number | undefined): T[][] {
  const groups: T[][] = [];
  let current: number | undefined | null = null;
  for (const line of lines) {
    const block = blockOf(line);
    if (groups.length === 0 || block !== current) groups.push([]);
    groups[groups.length - 1]!.push(line);
    current = block;
  }
  return groups;
}
