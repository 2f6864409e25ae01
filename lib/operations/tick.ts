/**
 * One scheduler tick, the same on Vercel cron, the in-process ticker and `curl` from crontab:
 * enqueue every due scheduled run (all workspaces), then work claimed runs until the budget is
 * spent. Safe to run any number of times at once: row locks and the single-flight index decide.
 */
import { and, eq, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channelOperations, channels } from "@/db/schema/channels";
import type { Operation } from "@/lib/channels/settings";
import { type Logger, silentLogger } from "@/lib/log";
import { runDailyJobs } from "./daily-jobs";
import { enqueueRun, isAlreadyRunning } from "./enqueue";
import { type RunnerDeps, type WorkControl, type WorkedRun, workClaimedRuns } from "./runner";
import { decideSchedule } from "./schedule";
import { runTickJobs, TICK_JOBS_MAX_MS, type TickJob } from "./tick-jobs";

export interface DueRunsReport {
  enqueued: Array<{ runId: string; channelId: string; operation: Operation }>;
  /** Due, but a run of that operation was already under way; it serves this occurrence. */
  alreadyRunning: number;
  /** Schedules whose next time was (re)computed without running. */
  rescheduled: number;
}

// Bounded per tick so one tick stays short; the rest are picked up by the next one.
const DUE_BATCH = 500;

export async function enqueueDueRuns(db: Db, now: Date, log: Logger = silentLogger): Promise<DueRunsReport> {
  const report: DueRunsReport = { enqueued: [], alreadyRunning: 0, rescheduled: 0 };
  const needsAttention = and(
    eq(channelOperations.enabled, true),
    or(
      lte(channelOperations.nextRunAt, now),
      and(isNull(channelOperations.nextRunAt), ne(sql`${channelOperations.schedule}->>'kind'`, "manual")),
    ),
  );
  const candidates = await db
    .select({ channelId: channelOperations.channelId, operation: channelOperations.operation })
    .from(channelOperations)
    .innerJoin(channels, eq(channels.id, channelOperations.channelId))
    .where(and(needsAttention, eq(channels.status, "active")))
    .limit(DUE_BATCH);

  for (const candidate of candidates) {
    try {
      await db.transaction(async (tx) => {
        // Re-read under a row lock: a concurrent tick holding it skips this row, and one that
        // comes after our commit sees the advanced next_run_at and finds nothing due.
        const [row] = await tx
          .select()
          .from(channelOperations)
          .where(
            and(
              eq(channelOperations.channelId, candidate.channelId),
              eq(channelOperations.operation, candidate.operation),
              needsAttention,
            ),
          )
          .for("update", { skipLocked: true });
        if (!row) return;
        const decision = decideSchedule(row.schedule, row.nextRunAt, now);
        if (decision.due) {
          const result = await enqueueRun(tx, {
            workspaceId: row.workspaceId,
            channelId: row.channelId,
            operation: row.operation,
            trigger: "schedule",
          });
          if (isAlreadyRunning(result)) report.alreadyRunning++;
          else report.enqueued.push({ runId: result.id, channelId: row.channelId, operation: row.operation });
        } else {
          report.rescheduled++;
        }
        await tx
          .update(channelOperations)
          .set({ nextRunAt: decision.next })
          .where(and(eq(channelOperations.channelId, row.channelId), eq(channelOperations.operation, row.operation)));
      });
    } catch (error) {
      // One bad schedule (say, a cron expression that no longer parses) must not stop the others.
      log.warn("could not schedule an operation", { ...candidate, error: String(error) });
    }
  }
  return report;
}

/** The runner's deps plus the work every tick does besides runs (./tick-jobs.ts). */
export interface TickDeps extends RunnerDeps {
  /** Within a share of the tick's budget, before runs (e.g. webhook deliveries). */
  tickJobs?: readonly TickJob[];
}

export interface TickReport extends DueRunsReport {
  worked: WorkedRun[];
  tookMs: number;
}

/** Enqueue due runs, then work until `budgetMs` from the start is spent (0: enqueue only). */
export async function runTick(deps: TickDeps, options: { budgetMs: number; stop?: AbortSignal }): Promise<TickReport> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? silentLogger;
  const started = now();
  const due = await enqueueDueRuns(deps.db, started, log);
  if (deps.dailyJobs?.length) await runDailyJobs(deps.db, deps.dailyJobs, started, log);
  if (deps.tickJobs?.length && options.budgetMs > 0) {
    const jobsDeadline = new Date(started.getTime() + Math.min(options.budgetMs, TICK_JOBS_MAX_MS));
    await runTickJobs(deps.db, deps.tickJobs, { now, deadline: jobsDeadline, stop: options.stop, log });
  }
  const control: WorkControl = { deadline: new Date(started.getTime() + options.budgetMs), stop: options.stop };
  const worked = options.budgetMs > 0 ? await workClaimedRuns(deps, control) : [];
  const tookMs = now().getTime() - started.getTime();
  if (due.enqueued.length || worked.length) {
    log.info("tick", {
      enqueued: due.enqueued.length,
      alreadyRunning: due.alreadyRunning,
      worked: worked.length,
      tookMs,
    });
  }
  return { ...due, worked, tookMs };
}
