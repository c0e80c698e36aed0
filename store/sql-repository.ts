/** Repository over Kysely: the same SQL runs on embedded PGlite and on PostgreSQL. */
import { Migrator, sql, type Kysely } from 'kysely';
import { z } from 'zod';
import {
  CheckResult,
  DocumentMetadata,
  Indicator,
  OcrLine,
  PageQuality,
  Score,
  StageName,
  type DocumentProgress,
  type Page,
  type PageTask,
  type SohoaDocument,
  type StageStatus,
  type TextVersion,
  type TextVersionKind,
} from '../core/contracts';
import { StorageError } from '../core/errors';
import { migrationProvider } from './migrations';
import type { DocumentSummary, FinishedRun, Repository } from './repository';
import type { Database } from './schema';
import { SqlAccessStore } from './sql-access-store';
import { SqlDatasetStore } from './sql-dataset-store';
import { SqlReviewStore } from './sql-review-store';
import { batchesOf, insertInBatches } from './insert-in-batches';
import { indicatorColumns, iso, json } from './sql-values';
import { searchColumns } from './search-columns';


type Db = Kysely<Database>;

function pageRow(documentId: string, p: Page) {
  return {
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
    quality: p.quality ? JSON.stringify(p.quality) : null,
  };
}

async function writeDocument(db: Db, doc: SohoaDocument): Promise<void> {
  const now = new Date().toISOString();
  await db
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
    .onConflict((oc) => oc.column('id').doUpdateSet({ page_count: doc.pageCount, metadata: JSON.stringify(doc.metadata), updated_at: now }))
    .execute();
}

/** Callers run this inside a transaction: the delete and the insert stand or fall together. */
async function writePages(db: Db, documentId: string, pages: Page[]): Promise<void> {
  await db.deleteFrom('pages').where('document_id', '=', documentId).execute();
  await insertInBatches(db, 'pages', pages.map((p) => pageRow(documentId, p)));
}

async function writeTextVersion(db: Db, version: TextVersion): Promise<void> {
  await db
    .insertInto('text_versions')
    .values({ document_id: version.documentId, kind: version.kind, text: version.text, author: version.author, created_at: version.createdAt })
    .execute();
}

/**
 * A record by what was read where (page, number as written, its phrase, which occurrence),
 * not by offset: text corrections move offsets, and a new run reads the same words again.
 */
function readingKeys(indicators: Indicator[]): string[] {
  const seen = new Map<string, number>();
  return indicators.map((i) => {
    const key = `${i.page ?? 0}|${i.valueText}|${i.phrase}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return `${key}|${n}`;
  });
}

/**
 * Replaces a document's records. Records already reviewed keep their id, revision and reviewed
 * content when the new run reads the same value at the same place; their history stays linked.
 */
async function writeIndicators(db: Db, documentId: string, indicators: Indicator[]): Promise<void> {
  const old = (await db.selectFrom('indicators').select(['id', 'revision', 'data']).where('document_id', '=', documentId).orderBy('ordinal').execute()).map(
    (r) => ({ id: r.id, revision: r.revision, indicator: Indicator.parse(json(r.data)) }),
  );
  const oldKeys = readingKeys(old.map((r) => r.indicator));
  const kept = new Map(old.flatMap((r, i) => (r.indicator.reviewState === 'pending' ? [] : [[oldKeys[i]!, r] as const])));
  const freshKeys = readingKeys(indicators);
  await db.deleteFrom('indicators').where('document_id', '=', documentId).execute();
  await insertInBatches(
    db,
    'indicators',
    indicators.map((fresh, ordinal) => {
      const previous = kept.get(freshKeys[ordinal]!);
      return {
        ...(previous ? { id: previous.id, revision: previous.revision } : {}),
        document_id: documentId,
        ordinal,
        ...indicatorColumns(previous?.indicator ?? fresh),
      };
    }),
  );
}

async function writeChecks(db: Db, documentId: string, checks: CheckResult[]): Promise<void> {
  await db.deleteFrom('checks').where('document_id', '=', documentId).execute();
  await insertInBatches(db, 'checks', checks.map((check, ordinal) => ({ document_id: documentId, ordinal, result: check.result, data: JSON.stringify(check) })));
}

async function writeScore(db: Db, documentId: string, score: Score): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('scores')
    .values({ document_id: documentId, rubric: score.rubric, data: JSON.stringify(score), created_at: now })
    .onConflict((oc) => oc.columns(['document_id', 'rubric']).doUpdateSet({ data: JSON.stringify(score), created_at: now }))
    .execute();
}

/** Search reads the current text: a reviewed version, where reviewers made one, stays current. */
async function writeSearchText(db: Db, document: SohoaDocument, restoredText: string): Promise<void> {
  const reviewed = await db.selectFrom('text_versions').select('id').where('document_id', '=', document.id).where('kind', '=', 'reviewed').executeTakeFirst();
  if (reviewed) return;
  await db.updateTable('documents').set(searchColumns(document.filename, restoredText)).where('id', '=', document.id).execute();
}

async function writeStageStatus(db: Db, status: Omit<StageStatus, 'updatedAt'>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('stage_status')
    .values({ document_id: status.documentId, stage: status.stage, state: status.state, message: status.message, updated_at: now })
    .onConflict((oc) => oc.columns(['document_id', 'stage']).doUpdateSet({ state: status.state, message: status.message, updated_at: now }))
    .execute();
}

const StageRow = z.object({ stage: z.string(), state: z.string(), message: z.string().nullable() });

/** A document's state from its stage rows: stored means done, any failure means failed. */
function documentState(rows: Array<{ stage: string; state: string; message: string | null }>): Pick<DocumentProgress, 'state' | 'stage' | 'message'> {
  if (rows.some((r) => r.stage === 'store' && r.state === 'done')) return { state: 'done', stage: null, message: null };
  const failed = rows.find((r) => r.state === 'failed');
  if (failed) return { state: 'failed', stage: failed.stage as StageName, message: failed.message };
  const started = rows.filter((r) => r.stage !== 'ingest');
  if (started.length === 0) return { state: 'queued', stage: null, message: null };
  const current = StageName.options.find((stage) => !rows.some((r) => r.stage === stage && r.state === 'done')) ?? null;
  const row = rows.find((r) => r.stage === current);
  return { state: 'running', stage: current, message: row?.message ?? null };
}

export class SqlRepository implements Repository {
  private closed = false;
  readonly access: SqlAccessStore;
  readonly review: SqlReviewStore;
  readonly datasets: SqlDatasetStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onClose: () => Promise<void> = async () => undefined,
    /** The PostgreSQL schema this repository lives in; its migration bookkeeping stays there too. */
    private readonly schema: string | undefined = undefined,
  ) {
    this.access = new SqlAccessStore(db);
    this.review = new SqlReviewStore(db);
    this.datasets = new SqlDatasetStore(db);
  }

  async migrate(): Promise<void> {
    // Without the schema named, Kysely would take another schema's bookkeeping tables for its own.
    const migrator = new Migrator({ db: this.db, provider: migrationProvider, ...(this.schema ? { migrationTableSchema: this.schema } : {}) });
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
    await writeDocument(this.db, doc);
  }


  async listDocuments(): Promise<DocumentSummary[]> {
    const rows = await this.db.selectFrom('documents').select(['id', 'filename', 'page_count', 'created_at']).orderBy('created_at').execute();
    return rows.map((r) => ({ id: r.id, filename: r.filename, pageCount: r.page_count, createdAt: iso(r.created_at) }));
  }

  async replacePages(documentId: string, pages: Page[]): Promise<void> {
    await this.db.transaction().execute((trx) => writePages(trx, documentId, pages));
  }


  async getPages(documentId: string, number?: number): Promise<Page[]> {
    let query = this.db.selectFrom('pages').selectAll().where('document_id', '=', documentId);
    if (number !== undefined) query = query.where('number', '=', number);
    const rows = await query.orderBy('number').execute();
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
      quality: r.quality === null ? null : PageQuality.parse(json(r.quality)),
    }));
  }

  async addTextVersion(version: TextVersion): Promise<void> {
    await writeTextVersion(this.db, version);
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
    await this.db.transaction().execute((trx) => writeIndicators(trx, documentId, indicators));
  }


  async getIndicators(documentId: string): Promise<Indicator[]> {
    const rows = await this.db.selectFrom('indicators').select('data').where('document_id', '=', documentId).orderBy('ordinal').execute();
    return rows.map((r) => Indicator.parse(json(r.data)));
  }

  async replaceChecks(documentId: string, checks: CheckResult[]): Promise<void> {
    await this.db.transaction().execute((trx) => writeChecks(trx, documentId, checks));
  }


  async getChecks(documentId: string): Promise<CheckResult[]> {
    const rows = await this.db.selectFrom('checks').select('data').where('document_id', '=', documentId).orderBy('ordinal').execute();
    return rows.map((r) => CheckResult.parse(json(r.data)));
  }

  async saveScore(documentId: string, score: Score): Promise<void> {
    await writeScore(this.db, documentId, score);
  }


  async getScores(documentId: string): Promise<Score[]> {
    const rows = await this.db.selectFrom('scores').select('data').where('document_id', '=', documentId).execute();
    return rows.map((r) => Score.parse(json(r.data)));
  }

  async setStageStatus(status: Omit<StageStatus, 'updatedAt'>): Promise<void> {
    await writeStageStatus(this.db, status);
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

  async recordPagePlan(documentId: string, pageCount: number, textPages: Page[], tasks: PageTask[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('page_tasks').where('document_id', '=', documentId).execute();
      await writePages(trx, documentId, textPages);
      await insertInBatches(
        trx,
        'page_tasks',
        tasks.map((t) => ({ document_id: documentId, number: t.number, image_ref: t.imageRef, width: t.width, height: t.height, dpi: t.dpi, route: t.route })),
      );
      await trx.updateTable('documents').set({ page_count: pageCount, updated_at: new Date().toISOString() }).where('id', '=', documentId).execute();
    });
  }

  async getPageTasks(documentId: string, number?: number): Promise<PageTask[]> {
    let query = this.db.selectFrom('page_tasks').selectAll().where('document_id', '=', documentId);
    if (number !== undefined) query = query.where('number', '=', number);
    const rows = await query.orderBy('number').execute();
    return rows.map((r) => ({ number: r.number, imageRef: r.image_ref.trim(), width: r.width, height: r.height, dpi: r.dpi, route: r.route }));
  }

  async savePage(documentId: string, page: Page): Promise<void> {
    const row = pageRow(documentId, page);
    await this.db
      .insertInto('pages')
      .values(row)
      .onConflict((oc) => oc.columns(['document_id', 'number']).doUpdateSet({ ...row }))
      .execute();
  }

  async saveFinishedRun(run: FinishedRun): Promise<void> {
    const id = run.document.id;
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await writeDocument(trx, run.document);
      await writePages(trx, id, run.pages);
      await writeTextVersion(trx, { documentId: id, kind: 'ocr', text: run.ocrText, author: 'sohoa', createdAt: now });
      await writeTextVersion(trx, { documentId: id, kind: 'restored', text: run.restoredText, author: run.restoredBy, createdAt: now });
      await writeIndicators(trx, id, run.indicators);
      await writeChecks(trx, id, run.checks);
      await writeScore(trx, id, run.score);
      await writeSearchText(trx, run.document, run.restoredText);
      await writeStageStatus(trx, { documentId: id, stage: 'store', state: 'done', message: run.storeMessage });
    });
  }

  async beginRun(documentId: string, runId: string, options: { reset: boolean }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (options.reset) {
        await trx.deleteFrom('page_tasks').where('document_id', '=', documentId).execute();
        await trx.deleteFrom('pages').where('document_id', '=', documentId).execute();
        await trx.deleteFrom('stage_status').where('document_id', '=', documentId).execute();
      }
      const now = new Date().toISOString();
      await trx
        .updateTable('documents')
        .set(options.reset ? { run_id: runId, page_count: 0, updated_at: now } : { run_id: runId, updated_at: now })
        .where('id', '=', documentId)
        .execute();
    });
  }

  async getProgress(documentId: string): Promise<DocumentProgress | null> {
    return (await this.progress([documentId]))[0] ?? null;
  }

  async getProgressOf(documentIds: string[]): Promise<DocumentProgress[]> {
    const progress: DocumentProgress[] = [];
    for (const ids of batchesOf(documentIds, 1)) progress.push(...(await this.progress(ids)));
    return progress;
  }

  listProgress(): Promise<DocumentProgress[]> {
    return this.progress(null);
  }

  /** One statement: each document with its stage rows and its count of pages done (list pages ask this per request). */
  private async progress(documentIds: string[] | null): Promise<DocumentProgress[]> {
    if (documentIds !== null && documentIds.length === 0) return [];
    let query = this.db
      .selectFrom('documents')
      .select([
        'id',
        'filename',
        'page_count',
        'run_id',
        sql<unknown>`coalesce((select json_agg(json_build_object('stage', s.stage, 'state', s.state, 'message', s.message)) from stage_status s where s.document_id = documents.id), '[]')`.as('stages'),
        sql<string>`(select count(*) from pages p where p.document_id = documents.id)`.as('pages_done'),
      ])
      .orderBy('created_at');
    if (documentIds !== null) query = query.where('id', 'in', documentIds);
    const rows = await query.execute();
    return rows.map((doc) => ({
      id: doc.id,
      filename: doc.filename,
      runId: doc.run_id,
      ...documentState(StageRow.array().parse(json(doc.stages))),
      pagesPlanned: doc.page_count,
      pagesDone: Number(doc.pages_done),
    }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
    await this.onClose();
  }
}
