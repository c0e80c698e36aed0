/** Repository over Kysely: the same SQL runs on embedded PGlite and on PostgreSQL. */
import { Migrator, type Kysely } from 'kysely';
import {
  CheckResult,
  DocumentMetadata,
  Indicator,
  OcrLine,
  Score,
  type Page,
  type SohoaDocument,
  type StageStatus,
  type TextVersion,
  type TextVersionKind,
} from '../core/contracts';
import { StorageError } from '../core/errors';
import { migrationProvider } from './migrations';
import type { DocumentSummary, Repository } from './repository';
import type { Database } from './schema';

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
/** PGlite and pg both hand jsonb back parsed; a string means a driver passed it through. */
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export class SqlRepository implements Repository {
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: migrationProvider });
    const { error } = await migrator.migrateToLatest();
    if (error) throw new StorageError(`database migration failed: ${(error as Error).message}`, error);
  }

  async findDocument(id: string): Promise<SohoaDocument | null> {
    const row = await this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      filename: row.filename,
      mime: row.mime as SohoaDocument['mime'],
      byteSize: Number(row.byte_size),
      pageCount: row.page_count,
      metadata: DocumentMetadata.parse(json(row.metadata)),
      createdAt: iso(row.created_at),
    };
  }

  async saveDocument(doc: SohoaDocument): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('documents')
      .values({
        id: doc.id,
        filename: doc.filename,
        mime: doc.mime,
        byte_size: doc.byteSize,
        page_count: doc.pageCount,
        metadata: JSON.stringify(doc.metadata),
        created_at: doc.createdAt,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({ page_count: doc.pageCount, metadata: JSON.stringify(doc.metadata), updated_at: now }),
      )
      .execute();
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    const rows = await this.db.selectFrom('documents').select(['id', 'filename', 'page_count', 'created_at']).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, filename: r.filename, pageCount: r.page_count, createdAt: iso(r.created_at) }));
  }

  async replacePages(documentId: string, pages: Page[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('pages').where('document_id', '=', documentId).execute();
      if (pages.length === 0) return;
      await trx
        .insertInto('pages')
        .values(
          pages.map((p) => ({
            document_id: documentId,
            number: p.number,
            image_ref: p.imageRef,
            width: p.width,
            height: p.height,
            dpi: p.dpi,
            text_source: p.textSource,
            route: p.route,
            text: p.text,
            lines: JSON.stringify(p.lines),
            mean_confidence: p.meanConfidence,
            skipped: p.skipped,
          })),
        )
        .execute();
    });
  }

  async getPages(documentId: string): Promise<Page[]> {
    const rows = await this.db.selectFrom('pages').selectAll().where('document_id', '=', documentId).orderBy('number').execute();
    return rows.map((r) => ({
      number: r.number,
      imageRef: r.image_ref?.trim() ?? null,
      width: r.width,
      height: r.height,
      dpi: r.dpi,
      textSource: r.text_source as Page['textSource'],
      route: r.route,
      text: r.text,
      lines: OcrLine.array().parse(json(r.lines)),
      meanConfidence: r.mean_confidence,
      skipped: r.skipped,
    }));
  }

  async addTextVersion(version: TextVersion): Promise<void> {
    await this.db
      .insertInto('text_versions')
      .values({ document_id: version.documentId, kind: version.kind, text: version.text, author: version.author, created_at: version.createdAt })
      .execute();
  }

  async latestText(documentId: string, kind: TextVersionKind): Promise<TextVersion | null> {
    const row = await this.db
      .selectFrom('text_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? { documentId: row.document_id, kind, text: row.text, author: row.author, createdAt: iso(row.created_at) } : null;
  }

  async replaceIndicators(documentId: string, indicators: Indicator[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('indicators').where('document_id', '=', documentId).execute();
      if (indicators.length === 0) return;
      await trx
        .insertInto('indicators')
        .values(
          indicators.map((ind, ordinal) => ({
            document_id: documentId,
            ordinal,
            key: ind.key,
            value: ind.value,
            denominator: ind.denominator,
            unit: ind.unit,
            year: ind.year,
            province: ind.province,
            review_state: ind.reviewState,
            data: JSON.stringify(ind),
          })),
        )
        .execute();
    });
  }

  async getIndicators(documentId: string): Promise<Indicator[]> {
    const rows = await this.db.selectFrom('indicators').select('data').where('document_id', '=', documentId).orderBy('ordinal').execute();
    return rows.map((r) => Indicator.parse(json(r.data)));
  }

  async replaceChecks(documentId: string, checks: CheckResult[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('checks').where('document_id', '=', documentId).execute();
      if (checks.length === 0) return;
      await trx
        .insertInto('checks')
        .values(checks.map((check, ordinal) => ({ document_id: documentId, ordinal, result: check.result, data: JSON.stringify(check) })))
        .execute();
    });
  }

  async getChecks(documentId: string): Promise<CheckResult[]> {
    const rows = await this.db.selectFrom('checks').select('data').where('document_id', '=', documentId).orderBy('ordinal').execute();
    return rows.map((r) => CheckResult.parse(json(r.data)));
  }

  async saveScore(documentId: string, score: Score): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('scores')
      .values({ document_id: documentId, rubric: score.rubric, data: JSON.stringify(score), created_at: now })
      .onConflict((oc) => oc.columns(['document_id', 'rubric']).doUpdateSet({ data: JSON.stringify(score), created_at: now }))
      .execute();
  }

  async getScores(documentId: string): Promise<Score[]> {
    const rows = await this.db.selectFrom('scores').select('data').where('document_id', '=', documentId).execute();
    return rows.map((r) => Score.parse(json(r.data)));
  }

  async setStageStatus(status: Omit<StageStatus, 'updatedAt'>): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .insertInto('stage_status')
      .values({ document_id: status.documentId, stage: status.stage, state: status.state, message: status.message, updated_at: now })
      .onConflict((oc) => oc.columns(['document_id', 'stage']).doUpdateSet({ state: status.state, message: status.message, updated_at: now }))
      .execute();
  }

  async getStageStatuses(documentId: string): Promise<StageStatus[]> {
    const rows = await this.db.selectFrom('stage_status').selectAll().where('document_id', '=', documentId).execute();
    return rows.map((r) => ({
      documentId: r.document_id,
      stage: r.stage as StageStatus['stage'],
      state: r.state as StageStatus['state'],
      message: r.message,
      updatedAt: iso(r.updated_at),
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
    await this.onClose();
  }
}
