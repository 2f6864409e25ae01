/**
 * Sync Prices & Quantities' shared shapes: the run's cursor (which phase, where in it, the plan's
 * running totals, the bulk job being waited for), the module's options and the event codes.
 */

/** plan: compute every linked variant's values and decide; prices / quantities: send what the plan left pending. */
export type SyncPricesPhase = "plan" | "prices" | "quantities";

export interface PlanTotals {
  /** Linked variants examined. */
  linked: number;
  /** Quantities computed (the zeroing rail's denominator). */
  withQuantity: number;
  /** Quantities this run would set to 0 from something else (the zeroing rail's numerator). */
  zeroing: number;
  priceSends: number;
  qtySends: number;
  held: number;
  refused: number;
  unchanged: number;
  /** First-push holds (reported once, not per variant). */
  firstPush: number;
  /** SellerCloud reads made for held items' current values. */
  reads: number;
  /** Per-variant dry-run events written so far (capped). */
  dryRunEvents: number;
}

export interface BulkJobCursor {
  id: number;
  rows: number;
  polls: number;
  /** ISO time the job was submitted (the poll deadline counts from it). */
  submittedAt: string;
}

export interface SyncPricesCursor {
  phase: SyncPricesPhase;
  /** Keyset: the last variant id handled in the current phase. */
  afterVariantId: string | null;
  totals: PlanTotals;
  /** Quantities go per product or through bulk jobs; decided once when the phase starts. */
  qtyMode?: "single" | "bulk";
  job?: BulkJobCursor;
}

export interface SyncPricesOptions {
  /** Linked variants planned per page. */
  planPageSize?: number;
  /** Values sent one call each per page. */
  sendPageSize?: number;
  /** Rows per bulk import job. */
  bulkMaxRows?: number;
  /** Wait between polls of a queued job (ms). */
  pollIntervalMs?: number;
  /** Give up waiting for a job after this long (ms); its rows fail and go again next run. */
  jobTimeoutMs?: number;
  /** SellerCloud reads of current values for held items, per run. */
  maxHeldReads?: number;
  /** Per-variant "would send" events of a dry run (the rest are summed up). */
  maxDryRunEvents?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULTS = {
  planPageSize: 2000,
  sendPageSize: 50,
  bulkMaxRows: 10_000,
  pollIntervalMs: 5_000,
  jobTimeoutMs: 2 * 60 * 60 * 1000,
  maxHeldReads: 100,
  maxDryRunEvents: 500,
} as const;

export const emptyTotals = (): PlanTotals => ({
  linked: 0,
  withQuantity: 0,
  zeroing: 0,
  priceSends: 0,
  qtySends: 0,
  held: 0,
  refused: 0,
  unchanged: 0,
  firstPush: 0,
  reads: 0,
  dryRunEvents: 0,
});

/** Event codes of the operation (run_events.code). */
export const PriceEvent = {
  Held: "price_held",
  Refused: "price_refused",
  Skipped: "price_skipped",
  FirstPush: "first_push_review",
  RunHeld: "run_held_zeroing",
  DryRun: "dry_run_value",
  DryRunSummary: "dry_run_summary",
  Failed: "send_failed",
  BulkSubmitted: "bulk_job_submitted",
  BulkFinished: "bulk_job_finished",
  NoWarehouse: "no_warehouse",
  Calls: "calls",
} as const;

export function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
