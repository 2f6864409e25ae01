/**
 * One page of a run: the module's runPage, then its writes, counts, progress and events committed
 * in one transaction fenced by the claim's token (the last page also sets the final status), with
 * retries and backoff for a page that throws a retryable error.
 */

import { sql } from "drizzle-orm";
import { runs } from "@/db/schema/runs";
import { isAppError } from "@/lib/errors";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { sleepOrWake } from "@/lib/util/sleep-or-wake";
import { insertRunEvents } from "../shared/event-rows";
import type { OperationModule, PageOutcome, RunCounts } from "../types";
import { LostLeaseError, type WorkingRun } from "./working-run";

function isRetryable(error: unknown): boolean {
  if (isSellerCloudError(error)) return error.retryable;
  if (isAppError(error)) return error.code === "INTERNAL" || error.code === "UPSTREAM" || error.code === "RATE_LIMITED";
  if (error && typeof error === "object" && (error as { retryable?: unknown }).retryable === false) return false;
  return true;
}

const COUNT_COLUMNS = {
  fetched: runs.fetchedCount,
  created: runs.createdCount,
  updated: runs.updatedCount,
  unchanged: runs.unchangedCount,
  skipped: runs.skippedCount,
  failed: runs.failedCount,
} as const;

const COUNT_KEYS = {
  fetched: "fetchedCount",
  created: "createdCount",
  updated: "updatedCount",
  unchanged: "unchangedCount",
  skipped: "skippedCount",
  failed: "failedCount",
} as const;

export type PageResult =
  | { kind: "committed"; done: boolean }
  | { kind: "failed"; error: unknown }
  | { kind: "canceled" }
  | { kind: "lost" };

/** Commits a page's outcome; throws LostLeaseError (the transaction rolls back) when the claim is gone. */
async function commitPage(w: WorkingRun, outcome: PageOutcome<unknown>): Promise<void> {
  const { db, now, leaseMs } = w.runner;
  const at = now();
  const calls = w.unrecordedCalls();
  const counts = outcome.counts ?? {};
  const set: Record<string, unknown> = {
    cursor: outcome.nextCursor ?? null,
    pagesDone: sql`${runs.pagesDone} + 1`,
    leaseUntil: w.leaseFrom(at),
    heartbeatAt: at,
    callsUsed: sql`${runs.callsUsed} + ${calls}`,
  };
  for (const key of Object.keys(COUNT_COLUMNS) as Array<keyof RunCounts>) {
    const n = counts[key] ?? 0;
    if (n) set[COUNT_KEYS[key]] = sql`${COUNT_COLUMNS[key]} + ${n}`;
  }
  if (outcome.progress) {
    // Total and done in the unit the page names; a null done reads as the run's fetched count.
    set.total = outcome.progress.total ?? null;
    set.progressDone = outcome.progress.done ?? null;
    set.progressUnit = outcome.progress.unit;
  }
  if (outcome.progressLabel !== undefined) set.progressLabel = outcome.progressLabel;
  if (outcome.done) {
    // The last page and the final status commit together: no window where the work is done
    // but the run still looks resumable.
    const failed = counts.failed ?? 0;
    set.status = sql`case when ${runs.failedCount} + ${failed} > 0 then 'partially_failed' else 'succeeded' end`;
    set.finishedAt = at;
    set.leaseUntil = null;
    set.lockToken = null;
  }
  await db.transaction(async (tx) => {
    // A worker frozen inside this transaction would hold the run's row lock (and keep every
    // claimer out) indefinitely; Postgres ends such a session after one lease instead.
    await tx.execute(
      sql.raw(`SET LOCAL idle_in_transaction_session_timeout = ${Math.max(1_000, Math.round(leaseMs))}`),
    );
    // Fence first: this row lock also keeps any claimer out until the page is committed.
    const [row] = await tx.update(runs).set(set).where(w.fenced).returning({ id: runs.id });
    if (!row) throw new LostLeaseError(w.run.id);
    await outcome.commit?.(tx);
    await insertRunEvents(tx, w.eventScope, outcome.events ?? []);
  });
  w.recordCalls(calls);
}

/**
 * Runs and commits the page at `cursor`, trying again (backoff doubling from retryDelayMs, up to
 * pageRetries more tries) while the error is retryable. A cancel or lost lease ends the tries.
 */
export async function runPage(w: WorkingRun, module: OperationModule<unknown>, cursor: unknown): Promise<PageResult> {
  const { log, pageRetries, retryDelayMs } = w.runner;
  for (let attempt = 0; ; attempt++) {
    let outcome: PageOutcome<unknown>;
    try {
      outcome = await module.runPage(w.ctx, cursor);
      await commitPage(w, outcome);
      return { kind: "committed", done: outcome.done };
    } catch (error) {
      if (error instanceof LostLeaseError || w.isLost()) return { kind: "lost" };
      if (w.signal.reason === "canceled") return { kind: "canceled" };
      if (!isRetryable(error) || attempt >= pageRetries) return { kind: "failed", error };
      log.warn("page failed; trying again", { ...w.runLog, try: attempt + 1, error: String(error) });
      await sleepOrWake(retryDelayMs * 2 ** attempt, w.signal);
      if (w.isLost()) return { kind: "lost" };
      if (w.signal.reason === "canceled") return { kind: "canceled" };
    }
  }
}
