/**
 * The page text for reading: the lines of a paragraph joined into one, paragraphs and blocks on
 * lines of their own. A line starts a new paragraph when it is indented (Vietnamese documents
 * indent a paragraph's first line), begins a list item, or when the line before stops well short
 * of the block's right edge (a paragraph's last line, a heading, a centred title line). ocr.json, hOCR and ALTO keep the
 * lines and their boxes.
 */
import type { OcrLine } from '../core/contracts';
import { groupBlocks } from './group-blocks';
import { medianWordHeight } from './median-word-height';

/** A list item starts a line of its own: "- ", "1. ", "a) ". */
const LIST_ITEM = /^(?:[-–•+]|\d+[.)]|\p{Ll}\))\s/u;
/** Indented by more than this many word heights: a paragraph's first line. */
const INDENT_HEIGHTS = 1;
/** A line ending this many word heights short of the block's right edge ends its paragraph. */
const SHORT_HEIGHTS = 3;

export function joinParagraphs(lines: readonly OcrLine[]): string {
  const height = medianWordHeight(lines);
  return groupBlocks(lines, (l) => l.block)
    .map((block) => {
      const left = Math.min(...block.map((l) => l.bbox.x0));
      const right = Math.max(...block.map((l) => l.bbox.x1));
      const paragraphs: string[] = [];
      block.forEach((line, i) => {
        const previous = block[i - 1];
        const continues =
          previous !== undefined && line.bbox.x0 - left <= INDENT_HEIGHTS * height && right - previous.bbox.x1 <= SHORT_HEIGHTS * height && !LIST_ITEM.test(line.text.trim());
        if (continues) paragraphs[paragraphs.length - 1] += ` ${line.text.trim()}`;
        else paragraphs.push(line.text.trim());
      });
      return paragraphs.join('\n');
    })
    .join('\n\n');
}
