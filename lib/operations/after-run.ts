/** afterRunFinished: what follows every finished run (its alerts, and ANALYZE after bulk writes). */
import { eq } from "drizzle-orm";
import { analyzeAfterBulkWrite } from "@/db/analyze";
import type { Db } from "@/db/client";
import { runs } from "@/db/schema/runs";
import { alertsForFinishedRun } from "@/lib/alerts/detect-run";
import { type Logger, silentLogger } from "@/lib/log";

/**
 * What happens once a run has finished, for every operation (the runner calls it through
 * RunnerDeps.afterRun): bulk writes (Link Listings, Get Orders, Sync Orders…) are followed by
 * ANALYZE, since PGlite has no autovacuum (db/analyze.ts), and the run's alerts are raised (a
 * failed run, stuck shipments, unmapped carriers, a refused login, a nearly spent budget:
 * lib/alerts/detect-run.ts). Never throws: a failure is logged.
 */
export async function afterRunFinished(db: Db, runId: string, log: Logger = silentLogger): Promise<void> {
  await alertsForFinishedRun(db, runId, { log });
  try {
    const [run] = await db
      .select({ created: runs.createdCount, updated: runs.updatedCount, operation: runs.operation })
      .from(runs)
      .where(eq(runs.id, runId));
    if (!run) return;
    const warn = (error: unknown) => log.warn("analysing after a run failed", { runId, error: String(error) });
    if (await analyzeAfterBulkWrite(db, run.created + run.updated, warn))
      log.info("analysed the database after a bulk run", { runId, operation: run.operation });
  } catch (error) {
    log.warn("analysing after a run failed", { runId, error: error instanceof Error ? error.message : String(error) });
  }
}
