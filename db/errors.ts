/**
 * Recognising database errors by their Postgres SQLSTATE code, the same on node-postgres and
 * PGlite (either may wrap the driver's error in a `cause` chain, as Drizzle does).
 */

/** SQLSTATE 23505: a unique constraint or unique index refused the row. */
export const UNIQUE_VIOLATION = "23505";

/** True when the error, or one of up to five errors in its `cause` chain, is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if ((current as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
