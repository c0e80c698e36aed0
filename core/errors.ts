/**
 * One error family for the whole pipeline. Entry points map `code` to exit codes and HTTP
 * statuses; queues use `retryable` to decide between a retry and failing the job at once.
 */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNSUPPORTED_TYPE'
  | 'EMPTY_FILE'
  | 'CORRUPT_FILE'
  | 'ENCRYPTED_PDF'
  | 'IMAGE_TOO_LARGE'
  | 'NOT_FOUND'
  | 'USAGE'
  | 'CONFIG'
  | 'MODEL'
  | 'OCR_FAILED'
  | 'STORAGE'
  | 'TIMEOUT'
  | 'CLOSED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'LOCKED';

export class SohoaError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** The input itself is wrong: retrying cannot help, the job fails at once. */
export class InputError extends SohoaError {
  readonly file: string;
  constructor(code: ErrorCode, file: string, reason: string, cause?: unknown) {
    super(code, `${file}: ${reason}`, { retryable: false, cause });
    this.file = file;
  }
}

export class UsageError extends SohoaError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

export class ConfigError extends SohoaError {
  constructor(message: string, cause?: unknown) {
    super('CONFIG', message, { cause });
  }
}

export class ModelError extends SohoaError {
  constructor(message: string, cause?: unknown) {
    super('MODEL', message, { cause });
  }
}

export class StorageError extends SohoaError {
  constructor(message: string, cause?: unknown) {
    super('STORAGE', message, { retryable: true, cause });
  }
}

/** Another process holds what this one needs (the embedded data folder): stop it or go through it. */
export class LockedError extends SohoaError {
  constructor(message: string) {
    super('LOCKED', message);
  }
}

export function isSohoaError(error: unknown): error is SohoaError {
  return error instanceof SohoaError;
}

/** A one-line explanation for people: the file, what is wrong, never a stack trace. */
export function describeError(error: unknown): string {
  if (error instanceof SohoaError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export class NotFoundError extends SohoaError {
  constructor(message: string, cause?: unknown) {
    super('NOT_FOUND', message, { cause });
  }
}

/** No valid token: the caller must identify itself. */
export class UnauthorizedError extends SohoaError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** A valid token whose role may not do this. */
export class ForbiddenError extends SohoaError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** The edit was made against a revision that is no longer current: reload and apply it again. */
export class ConflictError extends SohoaError {
  readonly current: unknown;
  constructor(message: string, current: unknown = null) {
    super('CONFLICT', message);
    this.current = current;
  }
}
