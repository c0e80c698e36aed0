/**
 * A dialect that refuses, with a clear error, any statement carrying more bind parameters than
 * the database accepts. PGlite 0.4.6 does not refuse such a statement: it runs it and then
 * returns no rows from every later query, so one oversized statement would silently break the
 * whole process (every token rejected, every document missing) until restart.
 */
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { StorageError } from '../core/errors';

/** PGlite's wire protocol counts parameters in a signed 16-bit field. */
export const PGLITE_MAX_BIND_PARAMETERS = 32_767;

class GuardedConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly limit: number,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query.parameters.length > this.limit) {
      return Promise.reject(
        new StorageError(`a statement carried ${query.parameters.length} bind parameters, over the database's limit of ${this.limit}; it was not run (${query.sql.slice(0, 60)}…)`),
      );
    }
    return this.inner.executeQuery<R>(query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class GuardedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, GuardedConnection>();
  constructor(
    private readonly inner: Driver,
    private readonly limit: number,
  ) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let guarded = this.wrapped.get(connection);
    if (!guarded) {
      guarded = new GuardedConnection(connection, this.limit);
      this.wrapped.set(connection, guarded);
    }
    return guarded;
  }
  private unwrap(connection: DatabaseConnection): DatabaseConnection {
    return (connection as unknown as { inner: DatabaseConnection }).inner;
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(this.unwrap(connection), settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(this.unwrap(connection));
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(this.unwrap(connection));
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(this.unwrap(connection));
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export function withParameterLimit(dialect: Dialect, limit: number): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new GuardedDriver(dialect.createDriver(), limit),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
