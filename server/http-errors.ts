/** Errors as JSON with a code and a message that says what to do; statuses from the error family. */
import type { FastifyError } from 'fastify';
import { ConflictError, describeError, isSohoaError, type ErrorCode } from '../core/errors';

const STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  USAGE: 400,
  EMPTY_FILE: 400,
  UNSUPPORTED_TYPE: 415,
  CORRUPT_FILE: 422,
  ENCRYPTED_PDF: 422,
  IMAGE_TOO_LARGE: 413,
  TOO_LARGE: 413,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  CONFIG: 500,
  MODEL: 500,
  OCR_FAILED: 500,
  STORAGE: 503,
  CLOSED: 503,
  LOCKED: 503,
  TIMEOUT: 504,
};

export interface ErrorBody {
  code: string;
  message: string;
  /** For a 409: the current state, so the client can show what changed. */
  current?: unknown;
}

/** Fastify's own errors (bad JSON, body or file too large) carry a status; ours carry a code. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isSohoaError(error)) {
    const body: ErrorBody = { code: error.code, message: describeError(error) };
    if (error instanceof ConflictError) body.current = error.current;
    return { status: STATUS[error.code], body };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const code = fastifyError.statusCode === 413 ? 'TOO_LARGE' : fastifyError.statusCode === 415 ? 'UNSUPPORTED_TYPE' : 'BAD_INPUT';
    return { status: fastifyError.statusCode, body: { code, message: fastifyError.message ?? 'bad request' } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'an unexpected error; the server log has the details' } };
}
