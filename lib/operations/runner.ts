import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Run, runs } from "@/db/schema/runs";
import type { Operation } from "@/lib/channels/settings";
import { AppError, isAppError } from "@/lib/errors";
import { type Logger, silentLogger } from "@/lib/log";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { sleepOrWake } from "@/lib/util/sleep-or-wake";
import type { DailyJob } from "./daily-jobs";
import { insertRunEvents } from "./shared/event-rows";
import type {
  CreateSellerCloudClient,
  OperationContext,
  OperationModule,
  PageOutcome,
  RunCounts,
  RunEventInput,
} from "./types";

/**
 * The runtime every operation shares: claim a run (lease + lock token), work it page by page, each
 * page committed in one transaction fenced by the token, heartbeat while working, finish. Postgres
 * row locks are the only coordination, so one process or N processes on one database behave alike.
 */

export interface RunnerOptions {
  /** How long a claim lasts without a heartbeat. A crashed worker's run is resumed after this. */
  leaseMs?: number;
  /** Lease renewal period while a page is slow; 0 turns the timer off (tests freeze a worker this way). */
  heartbeatMs?: number;
  /** Extra tries for a page whose module throws, before the run fails. */
  pageRetries?: number;
  /** First backoff between page tries; doubles each time. */
  retryDelayMs?: number;
}

export interface RunnerDeps {
  db: Db;
  now?: () => Date;
  log?: Logger;
  createSellerCloudClient: CreateSellerCloudClient;
  getModule: (operation: Operation) => OperationModule<unknown> | undefined;
  /** Housekeeping the scheduler tick runs once a day (e.g. personal data retention). */
  dailyJobs?: readonly DailyJob[];
  /** Called once a run this worker claimed has finished (ANALYZE after bulk writes); must not throw. */
  afterRun?: (runId: string) => Promise<void>;
  options?: RunnerOptions;
}

export interface ClaimedRun {
  run: Run;
  token: string;
}

export type FinalStatus = "succeeded" | "partially_failed" | "failed" | "canceled";

export type WorkOutcome =
  | { kind: "finished"; status: FinalStatus }
  /** Stopped at a page boundary with the cursor saved; any worker may pick it up at once. */
  | { kind: "released"; reason: "budget" | "shutdown" }
  /** Another worker owns the run now; this one wrote nothing after losing it. */
  | { kind: "lost" };

export interface WorkControl {
  /** Stop at the first page boundary after this time (the tick's budget). */
  deadline?: Date;
  /** Shutdown: stop at the next page boundary and release the lease. */
  stop?: AbortSignal;
}

export const DEFAULT_LEASE_MS = 60_000;

/** Thrown inside a page transaction when the fenced update finds the token gone; rolls it back. */
export class LostLeaseError extends Error {
  constructor(runId: string) {
    super(`Run ${runId} is no longer leased by this worker`);
    this.name = "LostLeaseError";
  }
}

function resolve(deps: RunnerDeps) {
  const leaseMs = deps.options?.leaseMs ?? DEFAULT_LEASE_MS;
  return {
    db: deps.db,
    now: deps.now ?? (() => new Date()),
    log: deps.log ?? silentLogger,
    getModule: deps.getModule,
    leaseMs,
    heartbeatMs: deps.options?.heartbeatMs ?? Math.max(1, Math.floor(leaseMs / 3)),
    pageRetries: deps.options?.pageRetries ?? 3,
    retryDelayMs: deps.options?.retryDelayMs ?? 1_000,
  };
}

const iso = (date: Date) => date.toISOString();

/**
 * Takes one run to work: a queued run, or a running one whose lease expired (its worker died or
 * stalled). SKIP LOCKED lets any number of workers claim at once without waiting on each other.
 */
export async function claimRun(
  deps: RunnerDeps,
  filter: { runId?: string; workspaceId?: string } = {},
): Promise<ClaimedRun | null> {
  const { db, now, leaseMs } = resolve(deps);
  const at = now();
  const claimable = or(
    eq(runs.status, "queued"),
    and(eq(runs.status, "running"), or(isNull(runs.leaseUntil), lte(runs.leaseUntil, at))),
  );
  const conditions: SQL[] = [claimable as SQL];
  if (filter.runId) conditions.push(eq(runs.id, filter.runId));
  if (filter.workspaceId) conditions.push(eq(runs.workspaceId, filter.workspaceId));
  return db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: runs.id })
      .from(runs)
      .where(and(...conditions))
      .orderBy(asc(runs.queuedAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!candidate) return null;
    const token = randomUUID();
    const [run] = await tx
      .update(runs)
      .set({
        status: "running",
        lockToken: token,
        leaseUntil: new Date(at.getTime() + leaseMs),
        attempts: sql`${runs.attempts} + 1`,
        startedAt: sql`coalesce(${runs.startedAt}, ${iso(at)}::timestamptz)`,
        heartbeatAt: at,
      })
      .where(eq(runs.id, candidate.id))
      .returning();
    return run ? { run, token } : null;
  });
}

/** What a run may show a person when it fails: our own plain errors, else a generic sentence. */
export function safeReason(error: unknown): string {
  if (isAppError(error) || isSellerCloudError(error)) return error.message;
  return "The operation stopped on an unexpected error. The server log has the details.";
}

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

type PageResult =
  | { kind: "committed"; done: boolean }
  | { kind: "failed"; error: unknown }
  | { kind: "canceled" }
  | { kind: "lost" };

/**
 * Works a claimed run until it finishes, is canceled, the budget or a shutdown stops it at a page
 * boundary, or its lease is lost. Every write is fenced by the claim's token.
 */
export async function workRun(deps: RunnerDeps, claimed: ClaimedRun, control: WorkControl = {}): Promise<WorkOutcome> {
  const { db, now, log, getModule, leaseMs, heartbeatMs, pageRetries, retryDelayMs } = resolve(deps);
  const { run, token } = claimed;
  const fenced = and(eq(runs.id, run.id), eq(runs.lockToken, token), eq(runs.status, "running"));
  const runLog = { runId: run.id, operation: run.operation, attempt: run.attempts };
  const eventScope = { workspaceId: run.workspaceId, runId: run.id };

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
  const callsSinceRecorded = () => (client?.callsMade ?? 0) - recordedCalls;

  const ctx: OperationContext = {
    db,
    workspaceId: run.workspaceId,
    channelId: run.channelId,
    runId: run.id,
    dryRun: run.dryRun,
    input: run.input ?? {},
    // Lazy: a page that needs no SellerCloud call (or a run that fails first) never logs in.
    sellercloud: () => {
      clientPromise ??= deps
        .createSellerCloudClient(db, {
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

  /** A run-ending write (finish or release): fenced, with the calls made since the last page. */
  const endRun = async (values: Partial<typeof runs.$inferInsert>, event?: RunEventInput): Promise<boolean> => {
    const at = now();
    const calls = callsSinceRecorded();
    return db.transaction(async (tx) => {
      const [row] = await tx
        .update(runs)
        .set({ ...values, heartbeatAt: at, callsUsed: sql`${runs.callsUsed} + ${calls}` })
        .where(fenced)
        .returning({ id: runs.id });
      if (!row) return false;
      if (event) await insertRunEvents(tx, eventScope, [event]);
      recordedCalls += calls;
      return true;
    });
  };

  const finish = async (status: FinalStatus, error?: unknown, pages = 0): Promise<WorkOutcome> => {
    const at = now();
    const reason = status === "failed" ? safeReason(error) : null;
    const event: RunEventInput | undefined =
      status === "failed"
        ? { level: "error", entity: "run", code: "run_failed", message: reason ?? "The run failed." }
        : status === "canceled"
          ? {
              level: "info",
              entity: "run",
              code: "canceled",
              message: `Canceled on request after ${pages} page(s) in this attempt.`,
            }
          : undefined;
    const ok = await endRun({ status, error: reason, finishedAt: at, leaseUntil: null, lockToken: null }, event);
    if (!ok) return { kind: "lost" };
    if (status === "failed")
      log.error("run failed", { ...runLog, reason, error: error instanceof Error ? error.stack : String(error) });
    else log.info("run finished", { ...runLog, status });
    return { kind: "finished", status };
  };

  const release = async (reason: "budget" | "shutdown"): Promise<WorkOutcome> => {
    // An expired lease with no token: the next claim (this tick, the next, another process) resumes it.
    const ok = await endRun({ leaseUntil: now(), lockToken: null });
    if (!ok) return { kind: "lost" };
    log.info("run released at a page boundary", { ...runLog, reason });
    return { kind: "released", reason };
  };

  const commitPage = async (outcome: PageOutcome<unknown>): Promise<void> => {
    const at = now();
    const calls = callsSinceRecorded();
    const counts = outcome.counts ?? {};
    const set: Record<string, unknown> = {
      cursor: outcome.nextCursor ?? null,
      pagesDone: sql`${runs.pagesDone} + 1`,
      leaseUntil: leaseFrom(at),
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
      const [row] = await tx.update(runs).set(set).where(fenced).returning({ id: runs.id });
      if (!row) throw new LostLeaseError(run.id);
      await outcome.commit?.(tx);
      await insertRunEvents(tx, eventScope, outcome.events ?? []);
    });
    recordedCalls += calls;
  };

  const runPage = async (module: OperationModule<unknown>, cursor: unknown): Promise<PageResult> => {
    for (let attempt = 0; ; attempt++) {
      let outcome: PageOutcome<unknown>;
      try {
        outcome = await module.runPage(ctx, cursor);
        await commitPage(outcome);
        return { kind: "committed", done: outcome.done };
      } catch (error) {
        if (error instanceof LostLeaseError || lost) return { kind: "lost" };
        if (abort.signal.reason === "canceled") return { kind: "canceled" };
        if (!isRetryable(error) || attempt >= pageRetries) return { kind: "failed", error };
        log.warn("page failed; trying again", { ...runLog, try: attempt + 1, error: String(error) });
        await sleepOrWake(retryDelayMs * 2 ** attempt, abort.signal);
        if (lost) return { kind: "lost" };
        if (abort.signal.reason === "canceled") return { kind: "canceled" };
      }
    }
  };

  try {
    const module = getModule(run.operation);
    if (!module)
      return await finish("failed", new AppError("INTERNAL", `Conduit has no worker for ${run.operation} yet.`));
    let cursor: unknown = run.cursor ?? null;
    let pages = 0;
    for (;;) {
      // Page boundary: cancellation, shutdown and the budget are honoured only here, so a page is
      // always committed whole or not at all.
      const [state] = await db
        .select({ lockToken: runs.lockToken, cancelRequested: runs.cancelRequested, cursor: runs.cursor })
        .from(runs)
        .where(eq(runs.id, run.id));
      if (!state || state.lockToken !== token || lost) return { kind: "lost" };
      if (state.cancelRequested) return await finish("canceled", undefined, pages);
      if (control.stop?.aborted) return await release("shutdown");
      if (pages > 0 && control.deadline && now().getTime() >= control.deadline.getTime())
        return await release("budget");
      cursor = state.cursor ?? null;

      const result = await runPage(module, cursor);
      if (result.kind === "lost") {
        log.warn("lease lost; this worker stops without writing", runLog);
        return { kind: "lost" };
      }
      if (result.kind === "canceled") return await finish("canceled", undefined, pages);
      if (result.kind === "failed") return await finish("failed", result.error, pages);
      pages++;
      if (result.done) {
        log.info("run finished", { ...runLog, pages });
        const [final] = await db.select({ status: runs.status }).from(runs).where(eq(runs.id, run.id));
        return { kind: "finished", status: (final?.status ?? "succeeded") as FinalStatus };
      }
    }
  } finally {
    if (timer) clearInterval(timer);
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
  const { now, log } = resolve(deps);
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
