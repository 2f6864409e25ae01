/**
 * Planner statistics after bulk writes. PGlite runs no autovacuum, so its tables are never
 * analysed on their own: with no statistics the planner guesses, and exporting a 100k-variant
 * catalog with a channel took 10.7 minutes (0.4 s once analysed). PostgreSQL's autovacuum would
 * get there within a minute or so; analysing at once there too makes the next page fast at once.
 *
 * Called from one hook after a run finishes (lib/operations/after-run.ts, for every operation) and
 * by the catalog import; the daily job analyses everything regardless.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** Rows a write must have changed before it is worth analysing (ANALYZE samples, so cost is bounded). */
export const ANALYZE_AFTER_ROWS = 1_000;

/** ANALYZE of every table in the database: samples at most ~30,000 rows per table; returns ms spent. */
export async function analyzeDatabase(db: Db): Promise<number> {
  const started = Date.now();
  await db.execute(sql`analyze`);
  return Date.now() - started;
}

/**
 * Analyses the database when a bulk write changed at least ANALYZE_AFTER_ROWS rows; returns
 * whether it did. Never throws: statistics are an optimisation and must not fail the write that
 * came before (onError hears why it did not happen; the daily job analyses again).
 */
export async function analyzeAfterBulkWrite(
  db: Db,
  rowsChanged: number,
  onError: (error: unknown) => void = () => {},
): Promise<boolean> {
  if (rowsChanged < ANALYZE_AFTER_ROWS) return false;
  try {
    await analyzeDatabase(db);
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}
