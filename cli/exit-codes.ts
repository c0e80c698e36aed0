/** Exit codes: 0 all inputs done, 1 some inputs failed (the rest completed), 2 usage or setup error. */
import { describeError, isSohoaError } from '../core/errors';

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

export function exitCodeFor(error: unknown): number {
  if (isSohoaError(error)) {
    if (error.code === 'USAGE' || error.code === 'CONFIG' || error.code === 'MODEL' || error.code === 'LOCKED') return EXIT_USAGE;
    return EXIT_SOME_FAILED;
  }
  return EXIT_SOME_FAILED;
}

export function reportFatal(error: unknown): number {
  process.stderr.write(`error: ${describeError(error)}\n`);
  if (process.env.SOHOA_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return exitCodeFor(error);
}
