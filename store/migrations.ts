/** Schema migrations, in order; Kysely records which have run in its own table. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { searchColumns } from './search-columns';


const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('documents')
        .addColumn('id', 'char(64)', (c) => c.primaryKey())
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'bigint', (c) => c.notNull())
        .addColumn('page_count', 'integer', (c) => c.notNull())
        .addColumn('metadata', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('pages')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('image_ref', 'char(64)')
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('dpi', 'double precision')
        .addColumn('text_source', 'text', (c) => c.notNull())
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('lines', 'jsonb', (c) => c.notNull())
        .addColumn('mean_confidence', 'double precision')
        .addColumn('skipped', 'text')
        .addPrimaryKeyConstraint('pages_pk', ['document_id', 'number'])
        .execute();
      await db.schema
        .createTable('text_versions')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('indicators')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'double precision', (c) => c.notNull())
        .addColumn('denominator', 'double precision')
        .addColumn('unit', 'text')
        .addColumn('year', 'integer')
        .addColumn('province', 'text')
        .addColumn('review_state', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('indicators_key_year').on('indicators').columns(['key', 'year']).execute();
      await db.schema
        .createTable('scores')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('rubric', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('scores_pk', ['document_id', 'rubric'])
        .execute();
      await db.schema
        .createTable('stage_status')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('stage_status_pk', ['document_id', 'stage'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['stage_status', 'scores', 'indicators', 'text_versions', 'pages', 'documents']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  '0002_checks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('checks')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('ordinal', 'integer', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addPrimaryKeyConstraint('checks_pk', ['document_id', 'ordinal'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('checks').ifExists().execute();
    },
  },
  '0003_page_tasks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('page_tasks')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('image_ref', 'char(64)', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('dpi', 'double precision')
        .addColumn('route', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('page_tasks_pk', ['document_id', 'number'])
        .execute();
      await db.schema.alterTable('documents').addColumn('run_id', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('documents').dropColumn('run_id').execute();
      await db.schema.dropTable('page_tasks').ifExists().execute();
    },
  },
  '0004_page_quality': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('pages').addColumn('quality', 'jsonb').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('pages').dropColumn('quality').execute();
    },
  },
  '0005_review_and_access': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      // Only a token's sha256 is kept: a copy of the database gives nobody a way in.
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('document_uploads')
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('document_uploads_pk', ['document_id', 'user_id'])
        .execute();
      await db.schema.alterTable('indicators').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('indicators_document').on('indicators').columns(['document_id', 'ordinal']).execute();
      // Revisions outlive a reprocessing that replaces the records, so no key to indicators.
      await db.schema
        .createTable('indicator_revisions')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('indicator_id', 'integer', (c) => c.notNull())
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'jsonb', (c) => c.notNull())
        .addColumn('after', 'jsonb', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('indicator_revisions_indicator').on('indicator_revisions').columns(['indicator_id', 'revision']).execute();
      await db.schema
        .createTable('text_corrections')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('document_id', 'char(64)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('base_version_id', 'integer', (c) => c.notNull())
        .addColumn('version_id', 'integer', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('after', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('detail', 'jsonb', (c) => c.notNull())
        .execute();
      // Append-only in the database itself, whoever connects.
      await sql`CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$`.execute(db);
      await sql`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
      // The current text of each document, plain and folded, for search with or without diacritics.
      await db.schema.alterTable('documents').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('documents').addColumn('search_folded', 'text', (c) => c.notNull().defaultTo('')).execute();
      const current = await sql<{ document_id: string; filename: string; text: string }>`
        SELECT DISTINCT ON (v.document_id) v.document_id, d.filename, v.text FROM text_versions v JOIN documents d ON d.id = v.document_id
        WHERE v.kind IN ('restored', 'reviewed') ORDER BY v.document_id, v.id DESC`.execute(db);
      for (const row of current.rows) {
        const columns = searchColumns(row.filename, row.text);
        await sql`UPDATE documents SET search_text = ${columns.search_text}, search_folded = ${columns.search_folded} WHERE id = ${row.document_id}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('documents').dropColumn('search_folded').execute();
      await db.schema.alterTable('documents').dropColumn('search_text').execute();
      await db.schema.dropTable('audit_log').ifExists().execute();
      await sql`DROP FUNCTION IF EXISTS audit_log_is_append_only()`.execute(db);
      for (const table of ['text_corrections', 'indicator_revisions', 'document_uploads', 'api_tokens', 'users']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      await db.schema.dropIndex('indicators_document').ifExists().execute();
      await db.schema.alterTable('indicators').dropColumn('revision').execute();
    },
  },
  '0006_audit_log_no_truncate': {
    async up(db: Kysely<unknown>) {
      // TRUNCATE fires no row or UPDATE/DELETE trigger: it needs its own.
      await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log`.execute(db);
    },
  },
  '0007_list_indexes': {
    async up(db: Kysely<unknown>) {
      // The document list reads newest first, a page at a time; an archivist's list starts from their uploads.
      await db.schema.createIndex('documents_created').on('documents').columns(['created_at desc', 'id']).execute();
      await db.schema.createIndex('document_uploads_user').on('document_uploads').columns(['user_id', 'document_id']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('document_uploads_user').ifExists().execute();
      await db.schema.dropIndex('documents_created').ifExists().execute();
    },
  },
  '0008_datasets': {
    async up(db: Kysely<unknown>) {
      // A record's kind becomes a column: the dataset page reads achieved values apart from targets.
      await db.schema.alterTable('indicators').addColumn('kind', 'text', (c) => c.notNull().defaultTo('value')).execute();
      await sql`UPDATE indicators SET kind = coalesce(data->>'kind', 'value')`.execute(db);
      // Opening a key reads its records by kind, province and year.
      await db.schema.createIndex('indicators_dataset').on('indicators').columns(['key', 'kind', 'province', 'year']).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('indicators_dataset').ifExists().execute();
      await db.schema.alterTable('indicators').dropColumn('kind').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
