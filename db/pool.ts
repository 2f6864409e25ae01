/** hasConnectionPool: whether a Db stands on a node-postgres pool, where a second transaction runs in parallel. */
import pg from "pg";
import type { Db } from "./client";

/**
 * Whether `db` stands on a node-postgres pool, where a second transaction runs on its own
 * connection, in parallel with one already open. On PGlite (one connection, one thread) a second
 * transaction only waits for the first, so work is better kept in the caller's transaction.
 * Reads Drizzle's session (not public API); anything unexpected answers false.
 */
export function hasConnectionPool(db: Db): boolean {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Pool;
}
