/**
 * Ending this worker's hold on a run: finishing it (failed, canceled) or releasing it at a page
 * boundary (the tick's budget, a shutdown) so any worker resumes it. Each is one fenced write that
 * also adds the SellerCloud calls made since the last page; the run-level event goes with it.
 */

import { sql } from "drizzle-orm";
import { runs } from "@/db/schema/runs";
import { isAppError } from "@/lib/errors";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { insertRunEvents } from "../shared/event-rows";
import type { RunEventInput } from "../types";
import type { WorkingRun } from "./working-run";

export type FinalStatus = "succeeded" | "partially_failed" | "failed" | "canceled";

export type WorkOutcome =
  | { kind: "finished"; status: FinalStatus }
  /** Stopped at a page boundary with the cursor saved; any worker may pick it up at once. */
  | { kind: "released"; reason: "budget" | "shutdown" }
  /** Another worker owns the run now; this one wrote nothing after losing it. */
  | { kind: "lost" };

/** What a run may show a person when it fails: our own plain errors, else a generic sentence. */
export function safeReason(error: unknown): string {
  if (isAppError(error) || isSellerCloudError(error)) return error.message;
  return "The operation stopped on an unexpected error. The server log has the details.";
}

/** A run-ending write (finish or release): fenced, with the calls made since the last page. False: lease lost. */
async function endRun(
  w: WorkingRun,
  values: Partial<typeof runs.$inferInsert>,
  event?: RunEventInput,
): Promise<boolean> {
  const at = w.runner.now();
  const calls = w.unrecordedCalls();
  return w.runner.db.transaction(async (tx) => {
    const [row] = await tx
      .update(runs)
      .set({ ...values, heartbeatAt: at, callsUsed: sql`${runs.callsUsed} + ${calls}` })
      .where(w.fenced)
      .returning({ id: runs.id });
    if (!row) return false;
    if (event) await insertRunEvents(tx, w.eventScope, [event]);
    w.recordCalls(calls);
    return true;
  });
}

/**
 * Ends the run with `status` (a failure's reason from safeReason, a cancel's event counting the
 * `pages` done in this attempt) and logs it.
 */
export async function finishRun(w: WorkingRun, status: FinalStatus, error?: unknown, pages = 0): Promise<WorkOutcome> {
  const { now, log } = w.runner;
  const at = now();
  const reason = status === "failed" ? safeReason(error) : null;
  const event: RunEventInput | undefined =
    status === "failed"
      ? {
          level: "error",
          entity: "run",
          code: "run_failed",
          message: reason ?? "The run failed.",
          // The SellerCloud error's kind ("auth": the login was refused) for the alerts (lib/alerts/detect-run.ts).
          details: isSellerCloudError(error) ? { sellercloudKind: error.kind } : undefined,
        }
      : status === "canceled"
        ? {
            level: "info",
            entity: "run",
            code: "canceled",
            message: `Canceled on request after ${pages} page(s) in this attempt.`,
          }
        : undefined;
  const ok = await endRun(w, { status, error: reason, finishedAt: at, leaseUntil: null, lockToken: null }, event);
  if (!ok) return { kind: "lost" };
  if (status === "failed")
    log.error("run failed", { ...w.runLog, reason, error: error instanceof Error ? error.stack : String(error) });
  else log.info("run finished", { ...w.runLog, status });
  return { kind: "finished", status };
}

/** Lets go of the run at a page boundary, cursor kept, so the next claim resumes it. */
export async function releaseRun(w: WorkingRun, reason: "budget" | "shutdown"): Promise<WorkOutcome> {
  // An expired lease with no token: the next claim (this tick, the next, another process) resumes it.
  const ok = await endRun(w, { leaseUntil: w.runner.now(), lockToken: null });
  if (!ok) return { kind: "lost" };
  w.runner.log.info("run released at a page boundary", { ...w.runLog, reason });
  return { kind: "released", reason };
}
