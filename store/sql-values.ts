/** Reading values back from either driver: timestamps and jsonb arrive in slightly different shapes. */
export const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

/** PGlite and pg both hand jsonb back parsed; a string means a driver passed it through. */
export const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
