/**
 * What each review action does to a record. Pure: the store runs these inside the transaction
 * that checks the revision and writes the history.
 */
import type { Indicator } from '../core/contracts';
import { SohoaError } from '../core/errors';
import { boundsFor } from '../extractors/find-quantities';
import type { IndicatorChanges, IndicatorRevision, ReviewAction } from '../core/review';

const percentOf = (value: number, denominator: number | null) => (denominator ? Math.round((value / denominator) * 10_000) / 100 : null);

/** A reviewer's correction: the changed fields, with the percentage and bounds that follow from them. */
export function correctIndicator(before: Indicator, changes: IndicatorChanges): Indicator {
  const after: Indicator = { ...before, ...changes, reviewState: 'corrected' };
  const amountChanged = changes.value !== undefined || changes.denominator !== undefined;
  if (amountChanged && (after.denominator !== null || before.denominator !== null)) after.percent = percentOf(after.value, after.denominator);
  // Bounds restate the value under its qualifier; a corrected value or qualifier makes them stale.
  if ((amountChanged || changes.qualifier !== undefined) && after.bounds) {
    after.bounds = boundsFor(after.value, after.qualifier);
  }
  return after;
}

export function setReviewState(before: Indicator, state: 'accepted' | 'rejected'): Indicator {
  return { ...before, reviewState: state };
}

/**
 * Undo restores the record as it was before the latest action not yet undone: undoing twice
 * goes two actions back, so a reviewer can step back through their work.
 */
export function undoLastAction(history: IndicatorRevision[]): Indicator {
  let pendingUndos = 0;
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const revision = history[i]!;
    if (revision.action === 'undo') pendingUndos += 1;
    else if (pendingUndos > 0) pendingUndos -= 1;
    else return revision.before;
  }
  throw new SohoaError('BAD_INPUT', 'nothing to undo: every review action on this record is already undone');
}

/** The record after `action`, for the store's transaction. */
export function reviseWith(action: ReviewAction, changes: IndicatorChanges | null) {
  return (before: Indicator, history: IndicatorRevision[]): Indicator => {
    switch (action) {
      case 'correct':
        return correctIndicator(before, changes ?? {});
      case 'accept':
        return setReviewState(before, 'accepted');
      case 'reject':
        return setReviewState(before, 'rejected');
      case 'undo':
        return undoLastAction(history);
    }
  };
}
