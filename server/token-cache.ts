/**
 * Verified API tokens remembered for a few seconds, so a busy client costs no database round
 * trip per request. Bounded in time (a token revoked by another process stops working within
 * `ttlMs`; one revoked here at once, see `forgetAll`) and in size (oldest entries go first).
 * Keys are the tokens' sha256, so no token is held in memory longer than its request.
 */
import { hashApiToken } from '../core/api-token';
import type { User } from '../core/review';

export interface TokenCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

export class TokenCache {
  private readonly entries = new Map<string, { user: User | null; expires: number }>();

  constructor(private readonly options: TokenCacheOptions = { ttlMs: 5_000, maxEntries: 10_000 }) {}

  /** The user a token belongs to (null: unknown or revoked), from `lookup` at most once per TTL. */
  async verify(token: string, lookup: (token: string) => Promise<User | null>): Promise<User | null> {
    const key = hashApiToken(token);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.user;
    const user = await lookup(token);
    // Unknown tokens are remembered too: a flood of bad tokens costs one query each per TTL.
    this.entries.delete(key);
    this.entries.set(key, { user, expires: now + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return user;
  }

  /** After a revocation here: no cached answer may outlive it. */
  forgetAll(): void {
    this.entries.clear();
  }
}
