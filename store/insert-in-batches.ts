/**
 * Multi-row inserts kept within the drivers' bind-parameter limits: PostgreSQL's protocol
 * carries at most 65,535 parameters a statement, and PGlite 0.4.6 stops returning rows from
 * every later query once one statement carries 32,768 or more. A batch stays well below both.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from './schema';

/** Parameters one statement may carry here; half PGlite's limit leaves room for the rest of the statement. */
export const MAX_BIND_PARAMETERS = 16_000;

/** Splits a list so that each part, at `perItem` parameters an item, fits one statement. */
export function batchesOf<T>(items: readonly T[], perItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, perItem)));
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Inserts rows in as many statements as the limit needs; callers wanting all-or-nothing pass a transaction. */
export async function insertInBatches<Table extends keyof Database>(db: Kysely<Database>, table: Table, rows: Array<Insertable<Database[Table]>>): Promise<void> {
  if (rows.length === 0) return;
  // Rows may differ in shape (a kept record brings its id); the widest sets the batch size.
  const columns = rows.reduce((most, row) => Math.max(most, Object.keys(row as object).length), 0);
  for (const batch of batchesOf(rows, columns)) {
    // Kysely's insert builder types do not narrow over a generic table name.
    await db.insertInto(table).values(batch as never).execute();
  }
}
