/**
 * Work the scheduler tick does every time besides runs: outbound queues such as webhook deliveries
 * (lib/webhooks/tick-job.ts). Each job gets a deadline inside the tick's budget and the tick's stop
 * signal, and must leave leased work to be picked up by the next tick when either comes. One
 * failing job never stops the others or the runs.
 */
import type { Db } from "@/db/client";
import type { Logger } from "@/lib/log";

export interface TickJobControl {
  /** The tick's clock (tests pass a fake one). */
  now: () => Date;
  /** Stop taking new work after this. */
  deadline: Date;
  stop?: AbortSignal;
  log: Logger;
}

export interface TickJob {
  name: string;
  run(db: Db, control: TickJobControl): Promise<unknown>;
}

/** The share of a tick's work budget its jobs may use before runs get the rest: at most 20 s. */
export const TICK_JOBS_MAX_MS = 20_000;

/** Runs every job in turn until the deadline; returns the names of those that finished. */
export async function runTickJobs(db: Db, jobs: readonly TickJob[], control: TickJobControl): Promise<string[]> {
  const done: string[] = [];
  for (const job of jobs) {
    if (control.stop?.aborted || control.now() >= control.deadline) break;
    try {
      await job.run(db, control);
      done.push(job.name);
    } catch (error) {
      control.log.error("tick job failed", {
        job: job.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return done;
}
