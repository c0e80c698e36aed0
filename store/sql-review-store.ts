/** ReviewStore over Kysely (PGlite and PostgreSQL alike). */
import { sql, type Kysely } from 'kysely';
import { DocumentMetadata, Indicator } from '../core/contracts';
import { ConflictError, NotFoundError, SohoaError } from '../core/errors';
import { hasMarks, fold } from '../core/fold';
import {
  CurrentText,
  IndicatorRecord,
  IndicatorRevision,
  TextCorrection,
  type IndicatorFilter,
  type SearchHit,
} from '../core/review';
import type {
  DocumentListItem,
  ExportRow,
  IndicatorRevisionRequest,
  Paging,
  ReviewStore,
  TextCorrectionRequest,
  Visibility,
} from './review-store';
import type { Database } from './schema';
import { searchColumns, searchHeader } from './search-columns';
import { writeAudit } from './sql-access-store';
import { indicatorColumns, iso, json } from './sql-values';

type Db = Kysely<Database>;

const SNIPPET_RADIUS = 80;

/** LIKE treats % and _ as wildcards; a query means them literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function recordOf(row: { id: number; document_id: string; ordinal: number; revision: number; data: unknown }): IndicatorRecord {
  return { id: row.id, documentId: row.document_id.trim(), ordinal: row.ordinal, revision: row.revision, indicator: Indicator.parse(json(row.data)) };
}

type RowOf<Table extends keyof Database> = { [K in keyof Database[Table]]: unknown };

function revisionOf(row: RowOf<'indicator_revisions'>): IndicatorRevision {
  return IndicatorRevision.parse({
    id: row.id,
    indicatorId: row.indicator_id,
    documentId: String(row.document_id).trim(),
    revision: row.revision,
    action: row.action,
    before: json(row.before),
    after: json(row.after),
    author: row.author,
    createdAt: iso(row.created_at),
  });
}

function correctionOf(row: RowOf<'text_corrections'>): TextCorrection {
  return TextCorrection.parse({
    id: row.id,
    documentId: String(row.document_id).trim(),
    baseVersionId: row.base_version_id,
    versionId: row.version_id,
    span: [row.span_start, row.span_end],
    before: row.before,
    after: row.after,
    author: row.author,
    createdAt: iso(row.created_at),
  });
}

async function currentTextOf(db: Db, documentId: string): Promise<CurrentText | null> {
  const row = await db
    .selectFrom('text_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('kind', 'in', ['restored', 'reviewed'])
    // People's corrections win over a later machine run: a reviewed version, once there, stays current.
    .orderBy(sql`kind = 'reviewed'`, 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? CurrentText.parse({ versionId: row.id, kind: row.kind, text: row.text, author: row.author, createdAt: iso(row.created_at) }) : null;
}

/** Moves the spans of records after an edit by the change in length, so they still point at their words. */
function shiftSpan(span: [number, number], editStart: number, editEnd: number, delta: number): [number, number] {
  const start = span[0] >= editEnd ? span[0] + delta : span[0];
  const end = span[1] >= editEnd ? span[1] + delta : span[1];
  return [start, Math.max(start, end)];
}

export class SqlReviewStore implements ReviewStore {
  constructor(private readonly db: Db) {}

  async recordUpload(documentId: string, userId: number, filename: string): Promise<void> {
    await this.db
      .insertInto('document_uploads')
      .values({ document_id: documentId, user_id: userId, filename, uploaded_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['document_id', 'user_id']).doNothing())
      .execute();
  }

  async isVisible(documentId: string, visibility: Visibility): Promise<boolean> {
    if (visibility === null) {
      return (await this.db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst()) !== undefined;
    }
    const row = await this.db
      .selectFrom('document_uploads')
      .select('document_id')
      .where('document_id', '=', documentId)
      .where('user_id', '=', visibility.uploadedBy)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The name a caller knows a document by: an uploader's own file name, not the first uploader's. */
  private shownName(visibility: Visibility) {
    return visibility === null
      ? sql<string>`documents.filename`.as('shown_name')
      : sql<string>`coalesce((select u.filename from document_uploads u where u.document_id = documents.id and u.user_id = ${visibility.uploadedBy}), documents.filename)`.as('shown_name');
  }

  async shownFilename(documentId: string, visibility: Visibility): Promise<string | null> {
    const row = await this.db.selectFrom('documents').select([this.shownName(visibility)]).where('id', '=', documentId).executeTakeFirst();
    return row?.shown_name ?? null;
  }

  private visibleDocuments(visibility: Visibility) {
    const documents = this.db.selectFrom('documents');
    if (visibility === null) return documents;
    return documents.where('documents.id', 'in', this.db.selectFrom('document_uploads').select('document_id').where('user_id', '=', visibility.uploadedBy));
  }

  async listDocuments(visibility: Visibility, paging: Paging): Promise<DocumentListItem[]> {
    const rows = await this.visibleDocuments(visibility)
      .select(['id', 'mime', 'page_count', 'created_at', 'metadata', this.shownName(visibility)])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute();
    return rows.map((r) => ({
      id: r.id.trim(),
      filename: r.shown_name,
      mime: r.mime,
      pageCount: r.page_count,
      createdAt: iso(r.created_at),
      metadata: DocumentMetadata.parse(json(r.metadata)),
    }));
  }

  async search(query: string, visibility: Visibility, paging: Paging): Promise<SearchHit[]> {
    const wanted = query.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (wanted === '') return [];
    // With marks the reader means them ("Quyết" is not "quyệt"); without, any marks match.
    const column = hasMarks(wanted) ? 'search_text' : 'search_folded';
    const needle = column === 'search_text' ? wanted.toLowerCase() : fold(wanted);
    const rows = await this.visibleDocuments(visibility)
      .select(['id', 'filename', 'metadata', this.shownName(visibility), (eb) => sql<number>`strpos(${eb.ref(column)}, ${needle})`.as('position')])
      .where(column, 'like', likePattern(needle))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(paging.limit)
      .offset(paging.offset)
      .execute();
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const id = row.id.trim();
      const text = (await currentTextOf(this.db, id))?.text ?? '';
      // The search column starts with the first uploader's name; the caller sees their own.
      const [storedHeader, shownHeader] = [searchHeader(row.filename), searchHeader(row.shown_name)];
      const matchAt = Number(row.position) - 1;
      if (matchAt < storedHeader.length && row.shown_name !== row.filename) continue;
      const searched = (shownHeader + text).normalize('NFC');
      const at = matchAt - storedHeader.length + shownHeader.length;
      const snippet = searched
        .slice(Math.max(0, at - SNIPPET_RADIUS), Math.min(searched.length, at + needle.length + SNIPPET_RADIUS))
        .replace(/\s+/g, ' ');
      // Collapsing whitespace can move the match: find it in the snippet as the query compares.
      const found = (column === 'search_text' ? snippet.toLowerCase() : fold(snippet)).indexOf(needle);
      const metadata = DocumentMetadata.parse(json(row.metadata));
      hits.push({ documentId: id, filename: row.shown_name, number: metadata.number, title: metadata.title, snippet, match: [Math.max(found, 0), Math.max(found, 0) + needle.length] });
    }
    return hits;
  }

  private indicatorQuery(filter: IndicatorFilter, visibility: Visibility) {
    let query = this.db.selectFrom('indicators').select(['indicators.id', 'indicators.document_id', 'indicators.ordinal', 'indicators.revision', 'indicators.data']);
    if (visibility !== null) {
      query = query.where('indicators.document_id', 'in', this.db.selectFrom('document_uploads').select('document_id').where('user_id', '=', visibility.uploadedBy));
    }
    if (filter.documentId !== undefined) query = query.where('indicators.document_id', '=', filter.documentId);
    if (filter.key !== undefined) query = query.where('indicators.key', '=', filter.key);
    if (filter.province !== undefined) query = query.where('indicators.province', '=', filter.province);
    if (filter.year !== undefined) query = query.where('indicators.year', '=', filter.year);
    if (filter.reviewState !== undefined) query = query.where('indicators.review_state', '=', filter.reviewState);
    if (filter.flag !== undefined) query = query.where(sql<boolean>`(indicators.data->'flags') @> ${JSON.stringify([filter.flag])}::jsonb`);
    return query.orderBy('indicators.document_id').orderBy('indicators.ordinal');
  }

  async listIndicators(filter: IndicatorFilter, visibility: Visibility, paging: Paging): Promise<IndicatorRecord[]> {
    const rows = await this.indicatorQuery(filter, visibility).limit(paging.limit).offset(paging.offset).execute();
    return rows.map(recordOf);
  }

  async getIndicator(id: number): Promise<IndicatorRecord | null> {
    const row = await this.db.selectFrom('indicators').select(['id', 'document_id', 'ordinal', 'revision', 'data']).where('id', '=', id).executeTakeFirst();
    return row ? recordOf(row) : null;
  }

  async reviseIndicator(request: IndicatorRevisionRequest): Promise<IndicatorRecord> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('indicators')
        .select(['id', 'document_id', 'ordinal', 'revision', 'data'])
        .where('id', '=', request.id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new NotFoundError(`no extracted record ${request.id}: it may have been replaced when its document was processed again; reload the list`);
      const current = recordOf(row);
      if (current.revision !== request.expectedRevision) {
        throw new ConflictError(
          `record ${request.id} was changed by someone else (now at revision ${current.revision}, your edit was made on ${request.expectedRevision}): reload it and apply your change again`,
          current,
        );
      }
      const history = (await trx.selectFrom('indicator_revisions').selectAll().where('indicator_id', '=', request.id).orderBy('revision').execute()).map(revisionOf);
      const after = Indicator.parse(request.revise(current.indicator, history));
      const revision = current.revision + 1;
      await trx.updateTable('indicators').set({ ...indicatorColumns(after), revision }).where('id', '=', request.id).execute();
      const now = new Date().toISOString();
      await trx
        .insertInto('indicator_revisions')
        .values({
          indicator_id: request.id,
          document_id: current.documentId,
          revision,
          action: request.action,
          before: JSON.stringify(current.indicator),
          after: JSON.stringify(after),
          author: request.author,
          created_at: now,
        })
        .execute();
      await writeAudit(trx, {
        actor: request.author,
        action: `indicator.${request.action}`,
        target: `indicator:${request.id}`,
        detail: { documentId: current.documentId, revision, before: current.indicator, after },
      });
      return { ...current, revision, indicator: after };
    });
  }

  async indicatorHistory(id: number): Promise<IndicatorRevision[]> {
    const rows = await this.db.selectFrom('indicator_revisions').selectAll().where('indicator_id', '=', id).orderBy('revision').execute();
    return rows.map(revisionOf);
  }

  currentText(documentId: string): Promise<CurrentText | null> {
    return currentTextOf(this.db, documentId);
  }

  async correctText(request: TextCorrectionRequest): Promise<{ text: CurrentText; correction: TextCorrection }> {
    return this.db.transaction().execute(async (trx) => {
      // One correction of a document at a time: the row lock orders concurrent editors.
      const document = await trx.selectFrom('documents').select(['id', 'filename']).where('id', '=', request.documentId).forUpdate().executeTakeFirst();
      const current = document ? await currentTextOf(trx, request.documentId) : null;
      if (!document || !current) throw new NotFoundError(`document ${request.documentId} has no restored text to correct`);
      if (current.versionId !== request.baseVersionId) {
        throw new ConflictError(
          `the text was changed since you loaded it (now version ${current.versionId}, your edit was made on ${request.baseVersionId}): reload it and apply your correction again`,
          { versionId: current.versionId },
        );
      }
      const [start, end] = request.span;
      if (start > end || end > current.text.length) {
        throw new SohoaError('BAD_INPUT', `span [${start}, ${end}] lies outside the text (${current.text.length} characters)`);
      }
      const before = current.text.slice(start, end);
      const replacement = request.replacement.normalize('NFC');
      const text = current.text.slice(0, start) + replacement + current.text.slice(end);
      const now = new Date().toISOString();
      const version = await trx
        .insertInto('text_versions')
        .values({ document_id: request.documentId, kind: 'reviewed', text, author: request.author, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('text_corrections')
        .values({
          document_id: request.documentId,
          base_version_id: current.versionId,
          version_id: version.id,
          span_start: start,
          span_end: end,
          before,
          after: replacement,
          author: request.author,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx.updateTable('documents').set({ ...searchColumns(document.filename, text), updated_at: now }).where('id', '=', request.documentId).execute();
      const delta = replacement.length - before.length;
      if (delta !== 0) await this.shiftRecordSpans(trx, request.documentId, start, end, delta);
      await writeAudit(trx, {
        actor: request.author,
        action: 'text.correct',
        target: `document:${request.documentId}`,
        detail: { baseVersionId: current.versionId, versionId: version.id, span: [start, end], before, after: replacement },
      });
      return {
        text: { versionId: version.id, kind: 'reviewed' as const, text, author: request.author, createdAt: now },
        correction: correctionOf(row),
      };
    });
  }

  /** Positions only, so no revision: the record says the same about the same words. */
  private async shiftRecordSpans(trx: Db, documentId: string, start: number, end: number, delta: number): Promise<void> {
    const rows = await trx.selectFrom('indicators').select(['id', 'document_id', 'ordinal', 'revision', 'data']).where('document_id', '=', documentId).execute();
    for (const row of rows) {
      const indicator = recordOf(row).indicator;
      const span = shiftSpan(indicator.span, start, end, delta);
      if (span[0] === indicator.span[0] && span[1] === indicator.span[1]) continue;
      await trx.updateTable('indicators').set({ data: JSON.stringify({ ...indicator, span }) }).where('id', '=', row.id).execute();
    }
  }

  async textCorrections(documentId: string | null): Promise<TextCorrection[]> {
    let query = this.db.selectFrom('text_corrections').selectAll().orderBy('id');
    if (documentId !== null) query = query.where('document_id', '=', documentId);
    return (await query.execute()).map(correctionOf);
  }

  async exportRows(filter: IndicatorFilter, options: { reviewedOnly: boolean; visibility: Visibility }): Promise<ExportRow[]> {
    // Each record's last review joined in the same statement: a list of ids would grow with the archive past the drivers' parameter limits.
    let query = this.indicatorQuery(filter, options.visibility)
      .innerJoin('documents', 'documents.id', 'indicators.document_id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('indicator_revisions')
            .select(['indicator_revisions.author', 'indicator_revisions.created_at'])
            .whereRef('indicator_revisions.indicator_id', '=', 'indicators.id')
            .orderBy('indicator_revisions.revision', 'desc')
            .limit(1)
            .as('last_review'),
        (join) => join.onTrue(),
      )
      .select(['documents.filename', 'last_review.author as reviewed_by', 'last_review.created_at as reviewed_at']);
    if (options.reviewedOnly) query = query.where('indicators.review_state', 'in', ['accepted', 'corrected']);
    const rows = await query.execute();
    return rows.map((row) => ({
      record: recordOf(row),
      filename: row.filename,
      reviewedBy: row.reviewed_by ?? null,
      reviewedAt: row.reviewed_at === null || row.reviewed_at === undefined ? null : iso(row.reviewed_at),
    }));
  }
}
