/**
 * What the run worker is given (database, clock, log, SellerCloud client factory, the operation
 * modules) and its tuning (lease, heartbeat, page retries), with the defaults filled in once.
 */

import type { Db } from "@/db/client";
import type { Operation } from "@/lib/channels/settings";
import { type Logger, silentLogger } from "@/lib/log";
import type { DailyJob } from "../daily-jobs";
import type { TickJob } from "../tick-jobs";
import type { CreateSellerCloudClient, OperationModule } from "../types";

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
  /** Work every tick does besides runs, e.g. webhook deliveries (lib/operations/tick-jobs.ts). */
  tickJobs?: readonly TickJob[];
  /** Called once a run this worker claimed has finished (ANALYZE after bulk writes); must not throw. */
  afterRun?: (runId: string) => Promise<void>;
  options?: RunnerOptions;
}

export const DEFAULT_LEASE_MS = 60_000;

/** The deps with every default applied: lease 60 s, heartbeat a third of it, 3 page retries from 1 s. */
export function resolveRunner(deps: RunnerDeps) {
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
export type ResolvedRunner = ReturnType<typeof resolveRunner>;
