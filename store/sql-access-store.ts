/** AccessStore over Kysely (PGlite and PostgreSQL alike). */
import type { Kysely } from 'kysely';
import { hashApiToken, looksLikeApiToken, newApiToken } from '../core/api-token';
import { ConflictError } from '../core/errors';
import { AuditEntry, Role, type ApiTokenInfo, type User } from '../core/review';
import type { AccessStore, NewAuditEntry } from './access-store';
import type { Database } from './schema';
import { iso, json } from './sql-values';

type Db = Kysely<Database>;

const userOf = (row: { id: number; name: string; role: string; created_at: unknown }): User => ({
  id: row.id,
  name: row.name,
  role: Role.parse(row.role),
  createdAt: iso(row.created_at),
});

const tokenOf = (row: { id: number; user_id: number; name: string; created_at: unknown; revoked_at: unknown }): ApiTokenInfo => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: iso(row.created_at),
  revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
});

/** Callers inside a transaction pass it, so the audit entry stands or falls with the change. */
export async function writeAudit(db: Db, entry: NewAuditEntry): Promise<AuditEntry> {
  const row = await db
    .insertInto('audit_log')
    .values({ actor: entry.actor, action: entry.action, target: entry.target, detail: JSON.stringify(entry.detail ?? null), at: new Date().toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return AuditEntry.parse({ id: row.id, at: iso(row.at), actor: row.actor, action: row.action, target: row.target, detail: json(row.detail) });
}

export class SqlAccessStore implements AccessStore {
  constructor(private readonly db: Db) {}

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(name: string, role: Role): Promise<User> {
    const row = await this.db
      .insertInto('users')
      .values({ name, role, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConflictError(`a user named '${name}' exists already; choose another name or issue that user a new token`);
    return userOf(row);
  }

  async findUser(name: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? userOf(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('id').execute()).map(userOf);
  }

  async issueToken(userId: number, name: string): Promise<{ token: string; info: ApiTokenInfo }> {
    const token = newApiToken();
    const row = await this.db
      .insertInto('api_tokens')
      .values({ user_id: userId, name, token_hash: hashApiToken(token), created_at: new Date().toISOString(), revoked_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, info: tokenOf(row) };
  }

  async authenticate(token: string): Promise<User | null> {
    if (!looksLikeApiToken(token)) return null;
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select(['users.id', 'users.name', 'users.role', 'users.created_at'])
      .where('api_tokens.token_hash', '=', hashApiToken(token))
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? userOf(row) : null;
  }

  async revokeToken(tokenId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', tokenId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listTokens(userId?: number): Promise<ApiTokenInfo[]> {
    let query = this.db.selectFrom('api_tokens').select(['id', 'user_id', 'name', 'created_at', 'revoked_at']).orderBy('id');
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    return (await query.execute()).map(tokenOf);
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return writeAudit(this.db, entry);
  }

  async listAudit(options: { limit: number; target?: string }): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
    if (options.target !== undefined) query = query.where('target', '=', options.target);
    const rows = await query.execute();
    return rows.map((r) => AuditEntry.parse({ id: r.id, at: iso(r.at), actor: r.actor, action: r.action, target: r.target, detail: json(r.detail) }));
  }
}
