/** Extracted records: list with filters, the review queue, one record with its source, and review actions. */
import { z } from 'zod';
import { NotFoundError } from '../../core/errors';
import { IndicatorChanges, IndicatorFilter, type IndicatorRecord, type ReviewAction, type User } from '../../core/review';
import { prioritizeReview, rubricShares } from '../../review/prioritize-review';
import { reviseWith } from '../../review/revise-indicator';
import { defineRoute, INT4_MAX, type ApiRoute } from '../api-route';
import { visibilityOf } from '../permissions';
import type { ServerServices } from '../server-services';
import { Paging } from './documents';

const RecordParams = z.object({ id: z.coerce.number().int().max(INT4_MAX).positive() });
const Revision = z.object({ revision: z.number().int().max(INT4_MAX).nonnegative() });
/** Characters of text shown around a record's value. */
const CONTEXT = 300;

/** A record the caller may see, or 404. */
async function visibleRecord(id: number, user: User, services: ServerServices): Promise<IndicatorRecord> {
  const record = await services.repo.review.getIndicator(id);
  if (!record || !(await services.repo.review.isVisible(record.documentId, visibilityOf(user)))) {
    throw new NotFoundError(`no extracted record ${id} that you can see; it may have been replaced when its document was processed again`);
  }
  return record;
}

const flat = (record: IndicatorRecord) => ({ id: record.id, documentId: record.documentId, ordinal: record.ordinal, revision: record.revision, ...record.indicator });

const list = defineRoute({
  method: 'GET',
  url: '/api/indicators',
  summary: 'Extracted records, filtered by document, key, province, year, review state or flag.',
  tag: 'records',
  permission: 'documents:read',
  query: Paging.extend(IndicatorFilter.shape),
  async handler({ user, query }, services) {
    const { limit, offset, ...filter } = query;
    const items = await services.repo.review.listIndicators(filter, visibilityOf(user), { limit, offset });
    return { items: items.map(flat), limit, offset };
  },
});

const queue = defineRoute({
  method: 'GET',
  url: '/api/review/queue',
  summary: 'Records that need a person (low confidence, failed checks, unknown key), most consequential first.',
  tag: 'records',
  permission: 'records:review',
  query: z.object({ limit: z.coerce.number().int().max(INT4_MAX).min(1).max(500).default(100), documentId: z.string().optional() }),
  async handler({ query }, services) {
    const filter = { reviewState: 'pending' as const, ...(query.documentId ? { documentId: query.documentId } : {}) };
    const pending = await services.repo.review.listIndicators(filter, null, { limit: 100_000, offset: 0 });
    const shares = rubricShares(await services.ctx.rubric());
    const items = prioritizeReview(pending, shares).slice(0, query.limit);
    return { items: items.map((item) => ({ ...flat(item.record), impact: item.impact, reasons: item.reasons })), total: pending.length };
  },
});

const one = defineRoute({
  method: 'GET',
  url: '/api/indicators/:id',
  summary: 'One record with its history and the text around it (offsets in the current text).',
  tag: 'records',
  permission: 'documents:read',
  params: RecordParams,
  async handler({ user, params }, services) {
    const record = await visibleRecord(params.id, user, services);
    const [history, text, document] = await Promise.all([
      services.repo.review.indicatorHistory(record.id),
      services.repo.review.currentText(record.documentId),
      services.repo.findDocument(record.documentId),
    ]);
    const [start, end] = record.indicator.span;
    const from = Math.max(0, start - CONTEXT);
    const to = Math.min(text?.text.length ?? 0, end + CONTEXT);
    const page = record.indicator.page ? (await services.repo.getPages(record.documentId, record.indicator.page))[0] : undefined;
    return {
      record: flat(record),
      history,
      document: { id: record.documentId, filename: document?.filename ?? '', metadata: document?.metadata ?? null },
      context: text ? { versionId: text.versionId, kind: text.kind, from, text: text.text.slice(from, to) } : null,
      page: page ? { number: page.number, width: page.width, height: page.height, image: page.imageRef ? `/api/documents/${record.documentId}/pages/${page.number}/image` : null } : null,
    };
  },
});

function reviewRoute(action: ReviewAction, url: string, summary: string, body: z.ZodType<{ revision: number; changes?: IndicatorChanges }>): ApiRoute {
  return defineRoute({
    method: action === 'correct' ? 'PATCH' : 'POST',
    url,
    summary,
    tag: 'records',
    permission: 'records:review',
    params: RecordParams,
    body,
    async handler({ user, params, body: input }, services) {
      await visibleRecord(params.id, user, services);
      const record = await services.repo.review.reviseIndicator({
        id: params.id,
        expectedRevision: input.revision,
        action,
        author: user.name,
        revise: reviseWith(action, input.changes ?? null),
      });
      return { record: flat(record) };
    },
  });
}

const correct = reviewRoute(
  'correct',
  '/api/indicators/:id',
  'Correct a record (value, denominator, unit, key, qualifier, year, province). Send the revision you saw; a stale one is refused with 409.',
  Revision.extend({ changes: IndicatorChanges.refine((c) => Object.keys(c).length > 0, { message: 'name at least one field to change' }) }),
);
const accept = reviewRoute('accept', '/api/indicators/:id/accept', 'Accept a record as read. 409 on a stale revision.', Revision);
const reject = reviewRoute('reject', '/api/indicators/:id/reject', 'Reject a record (not a real indicator). 409 on a stale revision.', Revision);
const undo = reviewRoute('undo', '/api/indicators/:id/undo', 'Undo the latest review action not yet undone. 409 on a stale revision.', Revision);

export const recordRoutes: ApiRoute[] = [list, queue, one, correct, accept, reject, undo];
