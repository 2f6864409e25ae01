/** Housekeeping jobs run at most once a day across every process (maintenance_jobs), such as the daily ANALYZE. */
import { sql } from "drizzle-orm";
import { analyzeDatabase } from "@/db/analyze";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { maintenanceJobs } from "@/db/schema/maintenance";
import { type Logger, silentLogger } from "@/lib/log";

export interface DailyJob {
  name: string;
  run(db: Db, now: Date, log: Logger): Promise<unknown>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * ANALYZE of the whole database once a day: PGlite has no autovacuum, so the small writes of
 * many runs (each under db/analyze.ts's bulk threshold) would otherwise never be analysed.
 */
export const analyzeDailyJob: DailyJob = {
  name: "analyze",
  run: async (db, _now, log) => {
    const ms = await analyzeDatabase(db);
    log.info("analysed the database", { ms });
  },
};

/**
 * Claims a job for today: one row per job, moved forward only when a day has passed since it last
 * ran. The conditional upsert is atomic, so of any number of racing ticks exactly one wins.
 */
async function claimDailyJob(db: Db, name: string, now: Date): Promise<boolean> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const result = await db.execute(sql`
    insert into ${maintenanceJobs} (name, last_run_at) values (${name}, ${now.toISOString()}::timestamptz)
    on conflict (name) do update set last_run_at = excluded.last_run_at
    where ${maintenanceJobs.lastRunAt} <= ${dayAgo.toISOString()}::timestamptz
    returning name`);
  return rowsOf(result).length > 0;
}

/** Runs each job whose day has come; one failing job does not stop the others or the tick. */
export async function runDailyJobs(
  db: Db,
  jobs: readonly DailyJob[],
  now: Date,
  log: Logger = silentLogger,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    if (!(await claimDailyJob(db, job.name, now))) continue;
    try {
      await job.run(db, now, log);
      ran.push(job.name);
    } catch (error) {
      // Claimed but failed: the next attempt is tomorrow; the log says why.
      log.error("daily job failed", { job: job.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return ran;
}
