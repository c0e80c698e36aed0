/**
 * Received-stamps ("CÔNG VĂN ĐẾN", "Giờ ... Ngày ...") are ruled boxes pressed on the page: their
 * text is no part of the document. A frame is found from its rules alone: two vertical rules of
 * about the same extent, joined at the top or bottom by a horizontal rule that stops at one of
 * them at least (a stamp pressed on the motto's underline continues it on one side), with no
 * other vertical rule of that extent beside them (a table's cells stand side by side, and its
 * rules run on past a cell's corners). Ruled lines are taller than any letter.
 */
import type { BBox } from '../core/contracts';
import type { GreyImage } from './grey-image';

/** A pixel this dark belongs to a rule. */
const DARK_BELOW = 160;
/** A vertical rule is at least this many line heights tall; no letter is. */
const MIN_RULE_HEIGHTS = 2;
/** Gaps in a rule up to this many pixels (a 1-bit scan breaks thin lines, some frames are dotted) are bridged. */
const MAX_BREAK = 10;
/** A rule is thin: this far to its left and right the page is mostly light (a scan's black border is no rule). */
const SIDE_OFFSET = 8;
/** The joining rule must be dark over this share of the width between the two verticals. */
const MIN_TOP_COVER = 0.8;
/** ...and dark over less than this share of a line height's width outside them. */
const MAX_OVERRUN_COVER = 0.4;
/** The two sides of a frame overlap over this share of the longer one (a dotted side is found in part). */
const MIN_EXTENT_SHARE = 0.5;
/** A stamp is narrower than this share of the page. */
const MAX_WIDTH_SHARE = 0.45;

interface Rule {
  x: number;
  y0: number;
  y1: number;
}

const dark = (page: GreyImage, x: number, y: number) => page.data[y * page.width + x]! < DARK_BELOW;

function verticalRules(page: GreyImage, minLength: number): Rule[] {
  const rules: Rule[] = [];
  for (let x = 0; x < page.width; x++) {
    let start = -1;
    let lastDark = -1;
    for (let y = 0; y <= page.height; y++) {
      const isDark = y < page.height && dark(page, x, y);
      if (isDark) {
        if (start < 0 || y - lastDark > MAX_BREAK) {
          if (start >= 0 && lastDark - start >= minLength) rules.push({ x, y0: start, y1: lastDark });
          start = y;
        }
        lastDark = y;
      }
    }
    if (start >= 0 && lastDark - start >= minLength) rules.push({ x, y0: start, y1: lastDark });
  }
  // A rule a few pixels thick is found in each of its columns: keep one.
  const merged: Rule[] = [];
  for (const rule of rules) {
    const twin = merged.find((m) => Math.abs(m.x - rule.x) <= SIDE_OFFSET && Math.min(m.y1, rule.y1) > Math.max(m.y0, rule.y0));
    if (!twin) merged.push({ ...rule });
    else [twin.x, twin.y0, twin.y1] = [rule.x, Math.min(twin.y0, rule.y0), Math.max(twin.y1, rule.y1)];
  }
  return merged.filter((rule) => columnCover(page, rule.x - SIDE_OFFSET, rule) < 0.5 || columnCover(page, rule.x + SIDE_OFFSET, rule) < 0.5);
}

function columnCover(page: GreyImage, x: number, rule: Rule): number {
  if (x < 0 || x >= page.width) return 0;
  let hit = 0;
  for (let y = rule.y0; y <= rule.y1; y++) if (dark(page, x, y)) hit++;
  return hit / (rule.y1 - rule.y0 + 1);
}

/** Share of the pixels of row band y±2 in [x0, x1) that are dark in at least one row of the band. */
function rowCover(page: GreyImage, y: number, x0: number, x1: number): number {
  const [from, to] = [Math.max(0, Math.round(x0)), Math.min(page.width, Math.round(x1))];
  if (to <= from) return 0;
  let hit = 0;
  for (let x = from; x < to; x++) {
    for (let yy = Math.max(0, y - 2); yy <= Math.min(page.height - 1, y + 2); yy++) {
      if (dark(page, x, yy)) {
        hit++;
        break;
      }
    }
  }
  return hit / (to - from);
}

/** A horizontal rule near `y` from `left` to `right` that stops at one end at least. */
function joins(page: GreyImage, y: number, left: number, right: number, lineHeight: number): boolean {
  for (let dy = -SIDE_OFFSET; dy <= SIDE_OFFSET; dy++) {
    const row = y + dy;
    if (row < 0 || row >= page.height) continue;
    if (rowCover(page, row, left, right) < MIN_TOP_COVER) continue;
    const outside = Math.min(rowCover(page, row, left - 1.5 * lineHeight, left - 0.5 * lineHeight), rowCover(page, row, right + 0.5 * lineHeight, right + 1.5 * lineHeight));
    if (outside < MAX_OVERRUN_COVER) return true;
  }
  return false;
}

export function findStampFrames(page: GreyImage, lineHeight: number): BBox[] {
  if (!lineHeight) return [];
  const rules = verticalRules(page, MIN_RULE_HEIGHTS * lineHeight).sort((a, b) => a.x - b.x);
  const frames: BBox[] = [];
  for (const [i, left] of rules.entries()) {
    for (const right of rules.slice(i + 1)) {
      const width = right.x - left.x;
      if (width < 3 * lineHeight) continue;
      if (width > MAX_WIDTH_SHARE * page.width) break;
      const [top, bottom] = [Math.max(left.y0, right.y0), Math.min(left.y1, right.y1)];
      const [longer, shorter] = [Math.max(left.y1 - left.y0, right.y1 - right.y0), Math.min(left.y1 - left.y0, right.y1 - right.y0)];
      if (bottom - top < MIN_EXTENT_SHARE * longer || shorter < MIN_EXTENT_SHARE * longer) continue;
      const beside = rules.some(
        (other) => (other.x < left.x - SIDE_OFFSET || other.x > right.x + SIDE_OFFSET) && Math.abs(other.x - (left.x + right.x) / 2) < 1.5 * width && Math.min(other.y1, bottom) - Math.max(other.y0, top) > 0.5 * (bottom - top),
      );
      if (beside) continue;
      // A dotted side is found in part: the joining rule is looked for at the top and bottom of either side.
      const ends = [left.y0, right.y0, left.y1, right.y1];
      if (ends.some((y) => joins(page, y, left.x, right.x, lineHeight))) {
        if (frames.some((f) => left.x <= f.x1 && right.x >= f.x0 && top <= f.y1 && bottom >= f.y0)) continue;
        frames.push({ x0: left.x, y0: Math.min(left.y0, right.y0), x1: right.x, y1: Math.max(left.y1, right.y1) });
      }
    }
  }
  return frames;
}
