/**
 * The people side of the record: users and their roles, review of extracted records and of
 * restored text, and the audit log. Parsed at every boundary like the pipeline contracts.
 */
import { z } from 'zod';
import { Indicator, Qualifier, ReviewState, Sha256, Span } from './contracts';

export const Role = z.enum(['admin', 'archivist', 'reviewer', 'researcher']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  role: Role,
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const ApiTokenInfo = z.object({
  id: z.number().int().positive(),
  userId: z.number().int().positive(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenInfo = z.infer<typeof ApiTokenInfo>;

/** An extracted record as stored: its identity and revision beside the record itself. */
export const IndicatorRecord = z.object({
  id: z.number().int().positive(),
  documentId: Sha256,
  ordinal: z.number().int().nonnegative(),
  /** Bumped by every review action; an edit names the revision it was made against. */
  revision: z.number().int().nonnegative(),
  indicator: Indicator,
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

export const ReviewAction = z.enum(['correct', 'accept', 'reject', 'undo']);
export type ReviewAction = z.infer<typeof ReviewAction>;

export const IndicatorRevision = z.object({
  id: z.number().int().positive(),
  indicatorId: z.number().int().positive(),
  documentId: Sha256,
  /** The record's revision after this action. */
  revision: z.number().int().positive(),
  action: ReviewAction,
  before: Indicator,
  after: Indicator,
  author: z.string(),
  createdAt: z.string(),
});
export type IndicatorRevision = z.infer<typeof IndicatorRevision>;

/** What a reviewer may change in a record; everything else is the machine's reading of the source. */
export const IndicatorChanges = z
  .object({
    key: z.string().min(1).max(200),
    value: z.number().finite(),
    denominator: z.number().finite().positive().nullable(),
    unit: z.string().max(100).nullable(),
    qualifier: Qualifier.nullable(),
    year: z.number().int().min(1900).max(2200).nullable(),
    province: z.string().max(100).nullable(),
  })
  .partial()
  .strict();
export type IndicatorChanges = z.infer<typeof IndicatorChanges>;

/** The text a reader sees: the latest reviewed version, or the restored one. */
export const CurrentText = z.object({
  versionId: z.number().int().positive(),
  kind: z.enum(['restored', 'reviewed']),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type CurrentText = z.infer<typeof CurrentText>;

export const TextCorrection = z.object({
  id: z.number().int().positive(),
  documentId: Sha256,
  baseVersionId: z.number().int().positive(),
  versionId: z.number().int().positive(),
  span: Span,
  before: z.string(),
  after: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type TextCorrection = z.infer<typeof TextCorrection>;

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const IndicatorFilter = z
  .object({
    documentId: Sha256,
    key: z.string().min(1),
    province: z.string().min(1),
    year: z.coerce.number().int().min(-2_147_483_648).max(2_147_483_647),
    reviewState: ReviewState,
    flag: z.string().min(1),
  })
  .partial();
export type IndicatorFilter = z.infer<typeof IndicatorFilter>;

export const SearchHit = z.object({
  documentId: Sha256,
  filename: z.string(),
  number: z.string().nullable(),
  title: z.string().nullable(),
  /** Text around the first match, and where the match lies in it. */
  snippet: z.string(),
  match: Span,
});
export type SearchHit = z.infer<typeof SearchHit>;
