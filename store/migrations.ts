/** Schema migrations, in order; Kysely records which have run in its own table. */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
