/** Helpers the checks of stated relations share: which records they read, and when two numbers agree. */
import type { Indicator } from '../core/contracts';

/** Table cells have their own checks (columns against total rows); a table's numbers coincide too often. */
export const inProse = (r: Indicator): boolean => !r.flags.includes('table') && r.value !== 0;
/** Equal up to the rounding a document's figures carry. */
export const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 5e-4);
/** Money and shares: amounts any two things can share, never a count of named things. */
export const MEASURED = /^(?:VND|USD|EUR|%)|\//;
export const sameUnit = (a: Indicator, b: Indicator): boolean => a.unit !== null && a.unit === b.unit && a.denominator === null && b.denominator === null;
