/**
 * The contract between the runtime (lib/operations/runner.ts) and each operation module.
 * An operation only supplies its pages; the runner gives it runs, leases, fencing, cursor,
 * counts, events, cancellation, schedules and history.
 */
import type { Db } from "@/db/client";
import type { Operation } from "@/lib/channels/settings";
import type { Logger } from "@/lib/log";
import type { SellerCloudClient } from "@/lib/sellercloud/client";

export type RunStatus = "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "canceled";
export type RunTrigger = "manual" | "schedule" | "retry";

export interface RunCounts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface RunEventInput {
  level: "info" | "warn" | "error";
  /** What the event is about, e.g. "order", "variant", "shipment", "page". */
  entity: string;
  /** The entity's own id (SellerCloud order id, variant SKU…), shown to the user. */
  entityId?: string;
  /** A stable machine code, e.g. "unmatched", "ambiguous", "mapping_failed". */
  code: string;
  /** A plain sentence for people. */
  message: string;
  details?: Record<string, unknown>;
}

export interface OperationContext {
  /** For reads outside the page transaction; writes belong in PageOutcome.commit. */
  db: Db;
  workspaceId: string;
  channelId: string;
  runId: string;
  dryRun: boolean;
  /** Extra input given when the run was enqueued (e.g. which items to retry). */
  input: Record<string, unknown>;
  /** A client for the channel's connection; its calls are counted against this run. */
  sellercloud: () => Promise<SellerCloudClient>;
  now: () => Date;
  log: Logger;
  /** Aborted when the run is canceled, the lease is lost or the process shuts down. */
  signal: AbortSignal;
}

export interface PageOutcome<Cursor> {
  /** This page's writes. The runner calls it inside one transaction fenced by the run's lock token,
   *  together with the cursor, counts and events, so a page is committed whole or not at all. */
  commit?: (tx: Db) => Promise<void>;
  counts?: Partial<RunCounts>;
  events?: RunEventInput[];
  nextCursor: Cursor;
  done: boolean;
  /** How far the run is after this page, for its progress bar. Left out: the bar keeps the last page's. */
  progress?: RunProgress;
  /** A short label of what the page did, shown beside the bar ("Reading SellerCloud catalog: page 3 of 8"). */
  progressLabel?: string;
}

/**
 * What a run's progress counts, shown after the figures ("40 of 120 orders"). "items" are whatever
 * the run fetches (RunCounts.fetched).
 */
export type ProgressUnit = "items" | "orders" | "shipments" | "SellerCloud pages";

/**
 * A run's progress: `done` of `total` (when known), BOTH counted in `unit`, for the whole run so
 * far (not this page). `done` left out means the run's fetched count (RunCounts.fetched, summed by
 * the runner), which is right only when `unit` is what the run fetches (e.g. Get Orders: orders).
 */
export interface RunProgress {
  unit: ProgressUnit;
  done?: number;
  total?: number;
}

/** Builds the SellerCloud client of a channel's connection (decrypting its credentials). */
export type CreateSellerCloudClient = (
  db: Db,
  scope: {
    workspaceId: string;
    channelId: string;
    /** The run's operation: whose calls the shared budget records (lib/channels/client-factory.ts). */
    operation?: Operation;
    /** Told when the login's shared budget is spent and calls wait, with when the next one fits. */
    onBudgetWait?: (until: Date) => void;
  },
) => Promise<SellerCloudClient>;

/**
 * Naming convention: each operation lives in its own folder (lib/operations/<op>/) whose index.ts
 * exports a factory `create<Op>Module(options = {})` (options are test and benchmark knobs such as
 * page sizes) and the ready module `<op>Module = create<Op>Module()` that the app registers,
 * e.g. createSyncOrdersModule / syncOrdersModule. Helpers the operations share live in
 * lib/operations/shared/ (settings loading, template pinning).
 */
export interface OperationModule<Cursor = unknown> {
  operation: Operation;
  /** Process one page of work starting from `cursor` (null on the first page). */
  runPage(ctx: OperationContext, cursor: Cursor | null): Promise<PageOutcome<Cursor>>;
}
