/** Dataset export (CSV, JSONL), scores, and the training text made of reviewers' corrections. */
import { z } from 'zod';
import { IndicatorFilter } from '../../core/review';
import { collectTrainingText } from '../../pipeline/collect-training-text';
import { datasetCsv, datasetJsonl } from '../../pipeline/write-outputs';
import { defineRoute, INT4_MAX, type ApiRoute } from '../api-route';
import { visibilityOf } from '../permissions';

const exportDataset = defineRoute({
  method: 'GET',
  url: '/api/export',
  summary: 'The dataset of records as CSV or JSONL: all, or reviewed only (accepted and corrected); each row with document, page, span and review state.',
  tag: 'datasets',
  permission: 'datasets:export',
  query: IndicatorFilter.extend({ format: z.enum(['csv', 'jsonl']).default('csv'), reviewed: z.enum(['all', 'only']).default('all') }),
  produces: ['text/csv', 'application/x-ndjson'],
  async handler({ user, query, reply }, services) {
    const { format, reviewed, ...filter } = query;
    const rows = await services.repo.review.exportRows(filter, { reviewedOnly: reviewed === 'only', visibility: visibilityOf(user) });
    await services.repo.access.appendAudit({ actor: user.name, action: 'dataset.export', target: 'dataset', detail: { format, reviewed, filter, rows: rows.length } });
    const name = `sohoa-indicators${reviewed === 'only' ? '-reviewed' : ''}.${format}`;
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(format === 'csv' ? datasetCsv(rows) : datasetJsonl(rows));
  },
});

const scores = defineRoute({
  method: 'GET',
  url: '/api/scores',
  summary: 'Scores of the documents you can see, by province and year.',
  tag: 'datasets',
  permission: 'documents:read',
  query: z.object({ province: z.string().min(1).optional(), year: z.coerce.number().int().max(INT4_MAX).optional() }),
  async handler({ user, query }, services) {
    const documents = await services.repo.review.listDocuments(visibilityOf(user), { limit: 10_000, offset: 0 });
    const items = [];
    for (const document of documents) {
      for (const score of await services.repo.getScores(document.id)) {
        if (query.province !== undefined && score.entity !== query.province) continue;
        if (query.year !== undefined && score.year !== query.year) continue;
        items.push({ documentId: document.id, filename: document.filename, ...score });
      }
    }
    return { items };
  },
});

const trainingText = defineRoute({
  method: 'GET',
  url: '/api/training-text',
  summary: 'Lines of reviewed text holding reviewers\' corrections, as a corpus file for `sohoa model build --corpus`.',
  tag: 'datasets',
  permission: 'datasets:export',
  produces: ['text/plain'],
  async handler({ reply }, services) {
    const { text } = await collectTrainingText(services.repo);
    return reply.header('content-type', 'text/plain; charset=utf-8').header('content-disposition', 'attachment; filename="sohoa-corrections.txt"').send(text);
  },
});

export const datasetRoutes: ApiRoute[] = [exportDataset, scores, trainingText];
