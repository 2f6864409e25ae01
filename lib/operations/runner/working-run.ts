/**
 * One claimed run while this worker works it: the fence every write goes through (the run row
 * with this claim's token, still running), the lease kept alive by a heartbeat (which also sees
 * cancel requests), the operation's context with its lazily opened SellerCloud client, and the
 * SellerCloud calls made but not yet added to the run row.
 */

import { and, eq, type SQL } from "drizzle-orm";
import { type Run, runs } from "@/db/schema/runs";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { CreateSellerCloudClient, OperationContext } from "../types";
import type { ClaimedRun } from "./claim";
import type { ResolvedRunner } from "./options";

/** Thrown inside a page transaction when the fenced update finds the token gone; rolls it back. */
export class LostLeaseError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} is no longer leased by this worker`);
    this.name = "LostLeaseError";
  }
}

export interface WorkingRun {
  runner: ResolvedRunner;
  run: Run;
  token: string;
  /** The condition of every write: this run, this claim's token, still running. */
  fenced: SQL;
  /** Fields every log line of this run carries. */
  runLog: { runId: string; operation: Run["operation"]; attempt: number };
  eventScope: { workspaceId: string; runId: string };
  /** What the operation module gets; its signal aborts on a lost lease ("lost") or a cancel ("canceled"). */
  ctx: OperationContext;
  signal: AbortSignal;
  /** The lease was lost: this worker must write nothing more. */
  isLost(): boolean;
  /** The lease's end for a write made at `at`. */
  leaseFrom(at: Date): Date;
  /** SellerCloud calls made since the run row last counted them. */
  unrecordedCalls(): number;
  /** `calls` of them are now counted on the run row (its transaction committed). */
  recordCalls(calls: number): void;
  /** Stops the heartbeat (the run is over for this worker). */
  close(): void;
}

/** Starts working a claimed run: the fence, the heartbeat timer and the operation's context. */
export function openWorkingRun(
  runner: ResolvedRunner,
  claimed: ClaimedRun,
  createSellerCloudClient: CreateSellerCloudClient,
): WorkingRun {
  const { db, now, log, leaseMs, heartbeatMs } = runner;
  const { run, token } = claimed;
  const fenced = and(eq(runs.id, run.id), eq(runs.lockToken, token), eq(runs.status, "running")) as SQL;
  const runLog = { runId: run.id, operation: run.operation, attempt: run.attempts };

  // Aborted when the lease is lost or a cancel is seen by the heartbeat; modules may stop early.
  const abort = new AbortController();
  let lost = false;
  const markLost = () => {
    lost = true;
    abort.abort("lost");
  };

  let client: SellerCloudClient | undefined;
  let clientPromise: Promise<SellerCloudClient> | undefined;
  let recordedCalls = 0;

  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);

  /**
   * The login's shared SellerCloud budget is spent and a call waits (the heartbeat keeps the lease
   * meanwhile): the run page says so until the next page's label replaces it.
   */
  const noteBudgetWait = async (until: Date) => {
    const label = `Waiting for SellerCloud's call budget until ${until.toISOString().slice(11, 19)} UTC`;
    try {
      await db.update(runs).set({ progressLabel: label }).where(fenced);
    } catch (error) {
      log.warn("could not note the budget wait", { ...runLog, error: String(error) });
    }
  };

  const ctx: OperationContext = {
    db,
    workspaceId: run.workspaceId,
    channelId: run.channelId,
    runId: run.id,
    dryRun: run.dryRun,
    input: run.input ?? {},
    // Lazy: a page that needs no SellerCloud call (or a run that fails first) never logs in.
    sellercloud: () => {
      clientPromise ??= createSellerCloudClient(db, {
        workspaceId: run.workspaceId,
        channelId: run.channelId,
        operation: run.operation,
        onBudgetWait: (until) => void noteBudgetWait(until),
      })
        .then((created) => {
          client = created;
          return created;
        })
        .catch((error) => {
          clientPromise = undefined;
          throw error;
        });
      return clientPromise;
    },
    now,
    log,
    signal: abort.signal,
  };

  let beating = false;
  const heartbeat = async () => {
    if (beating || lost) return;
    beating = true;
    try {
      const at = now();
      const [row] = await db
        .update(runs)
        .set({ leaseUntil: leaseFrom(at), heartbeatAt: at })
        .where(fenced)
        .returning({ cancelRequested: runs.cancelRequested });
      if (!row) markLost();
      else if (row.cancelRequested && !abort.signal.aborted) abort.abort("canceled");
    } catch (error) {
      log.warn("heartbeat failed", { ...runLog, error: String(error) });
    } finally {
      beating = false;
    }
  };
  const timer = heartbeatMs > 0 ? setInterval(() => void heartbeat(), heartbeatMs) : undefined;
  timer?.unref?.();

  return {
    runner,
    run,
    token,
    fenced,
    runLog,
    eventScope: { workspaceId: run.workspaceId, runId: run.id },
    ctx,
    signal: abort.signal,
    isLost: () => lost,
    leaseFrom,
    unrecordedCalls: () => (client?.callsMade ?? 0) - recordedCalls,
    recordCalls: (calls) => {
      recordedCalls += calls;
    },
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}
