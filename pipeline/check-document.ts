/** Stage 6: consistency checks on the extracted facts; failed checks flag their indicators. */
import type { CheckResult, Indicator } from '../core/contracts';
import { checkConsistency } from '../scoring/check-consistency';
import type { ExtractedFacts } from './extract-facts';
import type { PipelineContext } from './context';
import type { RestoredText } from './restore-text';
import { shiftIndicator } from './shift-indicator';
import { splitAtParagraphs } from './split-at-paragraphs';

export interface CheckedFacts extends ExtractedFacts {
  checks: CheckResult[];
}

export async function checkDocument(documentName: string, restored: RestoredText, facts: ExtractedFacts, ctx: Pick<PipelineContext, 'logger'>): Promise<CheckedFacts> {
  const { checks, indicators } = checkInPieces(documentName, restored.text, facts);
  const failed = checks.filter((c) => c.result === 'fails').length;
  if (failed > 0) ctx.logger.debug(`${documentName}: ${failed} of ${checks.length} consistency checks fail`);
  return { ...facts, indicators, checks };
}

/**
 * The checks of a long text run on each bounded piece with the records read in it (their cost
 * grows faster than the text); records keep their order, and a check's record indexes and id
 * are those of the whole document. An ordinary text is one piece, checked exactly as before.
 */
function checkInPieces(documentName: string, text: string, facts: ExtractedFacts): { checks: CheckResult[]; indicators: Indicator[] } {
  const pieces = splitAtParagraphs(text);
  if (pieces.length === 1) return checkConsistency(documentName, text, facts.indicators, facts.metadata);
  const checks: CheckResult[] = [];
  const indicators: Indicator[] = [];
  let next = 0;
  for (const [n, { start, text: piece }] of pieces.entries()) {
    const end = start + piece.length;
    const first = next;
    while (next < facts.indicators.length && (n === pieces.length - 1 || facts.indicators[next]!.span[0] < end)) next++;
    const own = facts.indicators.slice(first, next).map((i) => shiftIndicator(i, -start));
    const result = checkConsistency(documentName, piece, own, facts.metadata);
    indicators.push(...result.indicators.map((i) => shiftIndicator(i, start)));
    // Ids carry offsets within the piece: the piece's start keeps them unique in the document.
    checks.push(...result.checks.map((c) => ({ ...c, id: n === 0 ? c.id : `${c.id}@${start}`, indicators: c.indicators.map((i) => i + first) })));
  }
  return { checks, indicators };
}
