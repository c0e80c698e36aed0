/** Who may do what, and what they did: users, hashed API tokens and the append-only audit log. */
import type { ApiTokenInfo, AuditEntry, Role, User } from '../core/review';

export interface NewAuditEntry {
  actor: string;
  action: string;
  target: string;
  detail?: unknown;
}

export interface AccessStore {
  countUsers(): Promise<number>;
  /** A new user; the name is unique (a second user of that name is a conflict). */
  createUser(name: string, role: Role): Promise<User>;
  findUser(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** A fresh token for the user: the plain token is returned here once and never stored. */
  issueToken(userId: number, name: string): Promise<{ token: string; info: ApiTokenInfo }>;
  /** The user a valid, unrevoked token belongs to, or null. */
  authenticate(token: string): Promise<User | null>;
  revokeToken(tokenId: number): Promise<boolean>;
  listTokens(userId?: number): Promise<ApiTokenInfo[]>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(options: { limit: number; target?: string }): Promise<AuditEntry[]>;
}
