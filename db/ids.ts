/**
 * Row ids are UUIDs. Checking a path or query id before it reaches a query turns a malformed id
 * into "not found" instead of a Postgres "invalid input syntax for type uuid" error. The one UUID
 * check in the codebase (lib/server/route-params.ts re-exports it for routes and pages).
 */

// What Postgres's uuid type accepts in our ids (hex 8-4-4-4-12, any case); anything else is not one of ours.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a string that is a UUID in its canonical 8-4-4-4-12 hex form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
