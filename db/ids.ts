/**
 * Row ids are UUIDs. Checking a path or query id before it reaches a query turns a malformed id
 * into "not found" instead of a Postgres "invalid input syntax for type uuid" error.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in its canonical 8-4-4-4-12 hex form (any case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
