/**
 * Route parameters and query values checked before they reach the database, so a malformed one
 * is a 404 or 422 with a plain message, never a database error (500).
 */
import { notFound } from "@/lib/errors";

// What Postgres's uuid type accepts in our ids (hex 8-4-4-4-12); anything else is not one of ours.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The id from the path, or NOT_FOUND naming the thing ("That run was not found."). */
export function idParam(value: unknown, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value;
}
