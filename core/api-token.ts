/** API tokens: 256 random bits, shown once; only their sha256 is ever stored or compared. */
import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'sohoa_';

export function newApiToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any database work: a token is never longer than this. */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length <= 64 && /^[A-Za-z0-9_-]+$/.test(value);
}
