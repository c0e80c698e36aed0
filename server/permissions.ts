/** What each role may do. Every API route names one permission; the route helper checks it. */
import type { Role, User } from '../core/review';
import type { Visibility } from '../store/review-store';

export const PERMISSIONS = {
  /** Send scans and text files. */
  'documents:upload': ['admin', 'archivist'],
  /** Documents, their text and records (archivists: only what they uploaded). */
  'documents:read': ['admin', 'archivist', 'reviewer', 'researcher'],
  /** Correct, accept, reject records; correct restored text. */
  'records:review': ['admin', 'reviewer'],
  /** Dataset exports and training text. */
  'datasets:export': ['admin', 'reviewer', 'researcher'],
  /** Users, tokens, the audit log, the queue dashboard. */
  'access:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function may(user: User, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(user.role);
}

/** Archivists see what they uploaded; every other role sees the whole archive. */
export function visibilityOf(user: User): Visibility {
  return user.role === 'archivist' ? { uploadedBy: user.id } : null;
}
