/**
 * The dataset page's API: the keys the archive holds, one key's records as a province x year
 * table with its conflicts, and exactly that table as CSV or JSONL with a citation per record.
 */
import { z } from 'zod';
import { IndicatorKind } from '../../core/contracts';
import type { User } from '../../core/review';
import { NotFoundError } from '../../core/errors';
import { citeRecord } from '../../review/cite-record';
import { datasetTableCsv, datasetTableJsonl } from '../../review/dataset-export';
import { describeDatasetKeys, findDatasetKeys, type DatasetKey } from '../../review/find-dataset-keys';
import { tabulateDataset, type DatasetTable } from '../../review/tabulate-dataset';
import { defineRoute, type ApiRoute } from '../api-route';
import { visibilityOf } from '../permissions';
import type { ServerServices } from '../server-services';

const KeyParams = z.object({ key: z.string().trim().min(1).max(200) });
/** Achieved values are kind "value"; targets are "target"; the other kinds can be opened too. */
const KindQuery = z.object({ kind: IndicatorKind.default('value') });

/** Where the review page opens a record beside its source. */
export const reviewLink = (recordId: number) => `/review#record=${recordId}`;

async function openKey(key: string, kind: IndicatorKind, user: User, services: ServerServices): Promise<{ described: DatasetKey; table: DatasetTable; kinds: Partial<Record<IndicatorKind, number>> }> {
  const visibility = visibilityOf(user);
  const kinds = await services.repo.datasets.kindCounts(key, visibility);
  if (Object.keys(kinds).length === 0) throw new NotFoundError(`no records of key "${key}" that you can see; GET /api/datasets/keys lists the keys`);
  const records = await services.repo.datasets.keyRecords(key, kind, visibility);
  const table = tabulateDataset(records);
  const documents = new Set(records.map((r) => r.source.documentId));
  const [described] = describeDatasetKeys([
    {
      key,
      records: records.length,
      documents: documents.size,
      provinces: new Set(records.flatMap((r) => (r.province === null ? [] : [r.province]))).size,
      years: table.years.filter((y) => y !== null).length,
      firstYear: table.years.find((y) => y !== null) ?? null,
      lastYear: table.years.filter((y) => y !== null).at(-1) ?? null,
    },
  ]);
  return { described: described!, table, kinds };
}

const listKeys = defineRoute({
  method: 'GET',
  url: '/api/datasets/keys',
  summary: 'Indicator keys (taxonomy keys and open keys proposed by extraction) with how many records, documents, provinces and years each has; q searches key, description and Vietnamese terms, with or without diacritics.',
  tag: 'datasets',
  permission: 'datasets:export',
  query: z.object({ q: z.string().max(200).default('') }),
  async handler({ user, query }, services) {
    const keys = describeDatasetKeys(await services.repo.datasets.keyCounts(visibilityOf(user)));
    return { items: findDatasetKeys(keys, query.q), total: keys.length };
  },
});

const oneKey = defineRoute({
  method: 'GET',
  url: '/api/datasets/keys/:key',
  summary: "One key's records of one kind (value: achieved, target: targets) as a table of series (province, breakdown) by year; each record with its review state, failed checks, source and citation; conflicting figures from different documents listed with every source.",
  tag: 'datasets',
  permission: 'datasets:export',
  params: KeyParams,
  query: KindQuery,
  async handler({ user, params, query }, services) {
    const { described, table, kinds } = await openKey(params.key, query.kind, user, services);
    const withLinks = <R extends { id: number }>(record: R & Parameters<typeof citeRecord>[0]) => ({ ...record, citation: citeRecord(record), review: reviewLink(record.id) });
    return {
      key: described,
      kind: query.kind,
      kinds,
      years: table.years,
      series: table.series,
      cells: table.cells.map((cell) => ({ ...cell, shown: withLinks(cell.shown), records: cell.records.map(withLinks) })),
      conflicts: table.conflicts.map((c) => ({ ...c, figures: c.figures.map((f) => ({ ...f, records: f.records.map(withLinks) })) })),
    };
  },
});

const exportKey = defineRoute({
  method: 'GET',
  url: '/api/datasets/keys/:key/export',
  summary: "Exactly what the dataset page shows of a key and kind, as CSV or JSONL: one row per record with its review state, failed checks, conflict mark, source and a citation line.",
  tag: 'datasets',
  permission: 'datasets:export',
  params: KeyParams,
  query: KindQuery.extend({ format: z.enum(['csv', 'jsonl']).default('csv') }),
  produces: ['text/csv', 'application/x-ndjson'],
  async handler({ user, params, query, reply }, services) {
    const { table, described } = await openKey(params.key, query.kind, user, services);
    await services.repo.access.appendAudit({ actor: user.name, action: 'dataset.export', target: `dataset-key:${params.key}`, detail: { format: query.format, kind: query.kind, rows: described.records } });
    const name = `sohoa-${params.key.replace(/[^A-Za-z0-9_.-]+/g, '-')}-${query.kind}.${query.format}`;
    return reply
      .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(query.format === 'csv' ? datasetTableCsv(table) : datasetTableJsonl(table));
  },
});

export const datasetKeyRoutes: ApiRoute[] = [listKeys, oneKey, exportKey];
