/**
 * Route parameters and query values checked before they reach the database, so a malformed one
 * is a 404 or 422 with a plain message, never a database error (500).
 */
import { isUuid } from "@/db/ids";
import { notFound } from "@/lib/errors";

export { isUuid };

/** The id from the path, or NOT_FOUND naming the thing ("That run was not found."). */
export function idParam(value: unknown, what: string): string {
  if (!isUuid(value)) throw notFound(what);
  return value;
}
