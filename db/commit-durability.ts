/**
 * The one place that may relax commit durability. A page that commits with
 * `synchronous_commit = off` returns before its WAL reaches disk:
 *
 * - On PostgreSQL the server's WAL writer flushes it within ~3 × wal_writer_delay (600 ms by
 *   default), whatever happens to the app: killing the app loses nothing; only a crash of the
 *   database server itself can lose the last moment of pages, and then their rows, cursor and
 *   counts (one transaction) roll back together and the resumed run redoes them. Measured safe
 *   and faster, so kept there.
 * - PGlite has no WAL writer: an asynchronous commit stays in memory until some later synchronous
 *   write, so progress the run page already showed vanished after a kill -9. PGlite therefore
 *   always commits synchronously.
 *
 * Nothing else may set synchronous_commit (db/commit-durability.test.ts checks the sources).
 */
import { is, sql } from "drizzle-orm";
import { PgliteDatabase, PgliteTransaction } from "drizzle-orm/pglite";
import type { Db } from "./client";

/** True when `db` (a handle or a transaction) runs on the embedded PGlite. */
export function isPglite(db: Db): boolean {
  return is(db, PgliteDatabase) || is(db, PgliteTransaction);
}

/**
 * Inside a transaction: let it commit without waiting for the WAL flush where that is safe
 * (PostgreSQL, see above); on PGlite a no-op, so what the commit made visible is on disk.
 */
export async function commitWithoutWaitingForDisk(tx: Db): Promise<void> {
  if (isPglite(tx)) return;
  await tx.execute(sql`set local synchronous_commit = off`);
}
