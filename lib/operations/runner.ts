/**
 * The runtime every operation shares: claim a run (lease + lock token), work it page by page, each
 * page committed in one transaction fenced by the token, heartbeat while working, finish. Postgres
 * row locks are the only coordination, so one process or N processes on one database behave alike.
 * This file holds the page loop; its parts are in runner/: options.ts (deps and defaults),
 * claim.ts (claimRun), working-run.ts (fence, heartbeat, the operation's context, calls counted),
 * page.ts (one page: run, commit, retry) and finish.ts (finish, release, the outcomes).
 */

import { eq } from "drizzle-orm";
import { runs } from "@/db/schema/runs";
import type { Operation } from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import { type ClaimedRun, claimRun } from "./runner/claim";
import { type FinalStatus, finishRun, releaseRun, type WorkOutcome } from "./runner/finish";
import { type RunnerDeps, resolveRunner } from "./runner/options";
import { runPage } from "./runner/page";
import { openWorkingRun } from "./runner/working-run";

export { type ClaimedRun, claimRun } from "./runner/claim";
export { type FinalStatus, safeReason, type WorkOutcome } from "./runner/finish";
export { DEFAULT_LEASE_MS, type RunnerDeps, type RunnerOptions } from "./runner/options";
export { LostLeaseError } from "./runner/working-run";

export interface WorkControl {
  /** Stop at the first page boundary after this time (the tick's budget). */
  deadline?: Date;
  /** Shutdown: stop at the next page boundary and release the lease. */
  stop?: AbortSignal;
}

/**
 * Works a claimed run until it finishes, is canceled, the budget or a shutdown stops it at a page
 * boundary, or its lease is lost. Every write is fenced by the claim's token.
 */
export async function workRun(deps: RunnerDeps, claimed: ClaimedRun, control: WorkControl = {}): Promise<WorkOutcome> {
  const runner = resolveRunner(deps);
  const { db, now, log } = runner;
  const w = openWorkingRun(runner, claimed, deps.createSellerCloudClient);
  const { run, token, runLog } = w;
  try {
    const module = runner.getModule(run.operation);
    if (!module)
      return await finishRun(w, "failed", new AppError("INTERNAL", `Conduit has no worker for ${run.operation} yet.`));
    let pages = 0;
    for (;;) {
      // Page boundary: cancellation, shutdown and the budget are honoured only here, so a page is
      // always committed whole or not at all.
      const [state] = await db
        .select({ lockToken: runs.lockToken, cancelRequested: runs.cancelRequested, cursor: runs.cursor })
        .from(runs)
        .where(eq(runs.id, run.id));
      if (!state || state.lockToken !== token || w.isLost()) return { kind: "lost" };
      if (state.cancelRequested) return await finishRun(w, "canceled", undefined, pages);
      if (control.stop?.aborted) return await releaseRun(w, "shutdown");
      if (pages > 0 && control.deadline && now().getTime() >= control.deadline.getTime())
        return await releaseRun(w, "budget");

      const result = await runPage(w, module, state.cursor ?? null);
      if (result.kind === "lost") {
        log.warn("lease lost; this worker stops without writing", runLog);
        return { kind: "lost" };
      }
      if (result.kind === "canceled") return await finishRun(w, "canceled", undefined, pages);
      if (result.kind === "failed") return await finishRun(w, "failed", result.error, pages);
      pages++;
      if (result.done) {
        log.info("run finished", { ...runLog, pages });
        const [final] = await db.select({ status: runs.status }).from(runs).where(eq(runs.id, run.id));
        return { kind: "finished", status: (final?.status ?? "succeeded") as FinalStatus };
      }
    }
  } finally {
    w.close();
  }
}

export interface WorkedRun {
  runId: string;
  operation: Operation;
  outcome: WorkOutcome | { kind: "error"; message: string };
}

/**
 * Claims and works runs one after another until none is claimable, the deadline passes or a
 * shutdown is asked for. Runs cut short by the deadline stay checkpointed for the next tick.
 */
export async function workClaimedRuns(
  deps: RunnerDeps,
  control: WorkControl & { workspaceId?: string } = {},
): Promise<WorkedRun[]> {
  const { now, log } = resolveRunner(deps);
  const worked: WorkedRun[] = [];
  const timeLeft = () => !control.deadline || now().getTime() < control.deadline.getTime();
  while (!control.stop?.aborted && timeLeft()) {
    const claimed = await claimRun(deps, { workspaceId: control.workspaceId });
    if (!claimed) break;
    try {
      const outcome = await workRun(deps, claimed, control);
      worked.push({ runId: claimed.run.id, operation: claimed.run.operation, outcome });
      if (outcome.kind === "finished") await deps.afterRun?.(claimed.run.id);
    } catch (error) {
      // The database went away mid-run: the lease expires and a later claim resumes the run.
      log.error("worker stopped on an error", {
        runId: claimed.run.id,
        error: error instanceof Error ? error.stack : String(error),
      });
      worked.push({
        runId: claimed.run.id,
        operation: claimed.run.operation,
        outcome: { kind: "error", message: String(error) },
      });
      break;
    }
  }
  return worked;
}
