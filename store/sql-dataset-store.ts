/** DatasetStore over Kysely (PGlite and PostgreSQL alike); each answer is one indexed statement. */
import { sql, type Kysely } from 'kysely';
import { DocumentMetadata, Indicator, type IndicatorKind } from '../core/contracts';
import type { DatasetKeyCount, DatasetRecord, DatasetStore } from './dataset-store';
import type { Visibility } from './review-store';
import type { Database } from './schema';
import { json } from './sql-values';

type Db = Kysely<Database>;

/** Drivers answer counts as strings (bigint) or numbers. */
const count = (value: unknown): number => Number(value);
const yearOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export class SqlDatasetStore implements DatasetStore {
  constructor(private readonly db: Db) {}

  /** Records that belong in a dataset (not rejected) and that this caller may see. */
  private records(visibility: Visibility) {
    let query = this.db.selectFrom('indicators').where('indicators.review_state', '<>', 'rejected');
    if (visibility !== null) {
      query = query.where('indicators.document_id', 'in', this.db.selectFrom('document_uploads').select('document_id').where('user_id', '=', visibility.uploadedBy));
    }
    return query;
  }

  async keyCounts(visibility: Visibility): Promise<DatasetKeyCount[]> {
    const rows = await this.records(visibility)
      .select([
        'indicators.key',
        sql<string>`count(*)`.as('records'),
        sql<string>`count(distinct indicators.document_id)`.as('documents'),
        sql<string>`count(distinct indicators.province)`.as('provinces'),
        sql<string>`count(distinct indicators.year)`.as('years'),
        sql<number | null>`min(indicators.year)`.as('first_year'),
        sql<number | null>`max(indicators.year)`.as('last_year'),
      ])
      .groupBy('indicators.key')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('indicators.key')
      .execute();
    return rows.map((r) => ({
      key: r.key,
      records: count(r.records),
      documents: count(r.documents),
      provinces: count(r.provinces),
      years: count(r.years),
      firstYear: yearOrNull(r.first_year),
      lastYear: yearOrNull(r.last_year),
    }));
  }

  async keyRecords(key: string, kind: IndicatorKind | null, visibility: Visibility): Promise<DatasetRecord[]> {
    let query = this.records(visibility)
      .innerJoin('documents', 'documents.id', 'indicators.document_id')
      .select(['indicators.id', 'indicators.document_id', 'indicators.revision', 'indicators.data', 'documents.filename', 'documents.metadata'])
      .where('indicators.key', '=', key);
    if (kind !== null) query = query.where('indicators.kind', '=', kind);
    const rows = await query
      .orderBy('indicators.province')
      .orderBy('indicators.year')
      .orderBy('indicators.document_id')
      .orderBy('indicators.ordinal')
      .execute();
    return rows.map((row) => {
      const indicator = Indicator.parse(json(row.data));
      const metadata = DocumentMetadata.parse(json(row.metadata));
      return {
        id: row.id,
        revision: row.revision,
        key: indicator.key,
        kind: indicator.kind,
        province: indicator.province,
        year: indicator.year,
        level: indicator.level,
        entity: indicator.entity,
        value: indicator.value,
        denominator: indicator.denominator,
        unit: indicator.unit,
        qualifier: indicator.qualifier,
        percent: indicator.percent,
        valueText: indicator.valueText,
        phrase: indicator.phrase,
        reviewState: indicator.reviewState,
        flags: indicator.flags,
        source: {
          documentId: row.document_id.trim(),
          filename: row.filename,
          type: metadata.type,
          number: metadata.number,
          date: metadata.date,
          issuer: metadata.issuer,
          page: indicator.page,
          line: indicator.line ?? null,
        },
      };
    });
  }

  async kindCounts(key: string, visibility: Visibility): Promise<Partial<Record<IndicatorKind, number>>> {
    const rows = await this.records(visibility)
      .select(['indicators.kind', sql<string>`count(*)`.as('records')])
      .where('indicators.key', '=', key)
      .groupBy('indicators.kind')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, count(r.records)]));
  }
}
