/**
 * Quantities in bulk: SellerCloud's physical-inventory import as a queued job
 * (PUT /api/Inventory/ImportPhysicalInventory, UpdateType Partial only, never Full), polled with
 * GET /api/QueuedJobs/{id} until it finishes, then its per-row results read from
 * GET /api/QueuedJobs/BulkUpdateLog/{id}. A row the log marks failed fails exactly that variant,
 * with SellerCloud's words; the other rows of a Completed or PartialSuccess job are confirmed. A job
 * that Failed or was cancelled fails all its rows (planned again next run).
 *
 * The job id is in the run's cursor and on the rows (bulk_job_id) once the submitting page commits,
 * so a resumed run polls the same job rather than importing again.
 */

import { isSellerCloudError } from "@/lib/sellercloud/errors";
import {
  getBulkUpdateLog,
  getQueuedJob,
  importPhysicalInventory,
  isJobRunning,
  QueuedJobStatus,
  type ScImportRowResult,
} from "@/lib/sellercloud/prices";
import type { OperationContext, RunEventInput } from "../types";
import type { ValueOutcome } from "./commit";
import { type BulkJobCursor, PriceEvent } from "./model";
import type { PendingValue } from "./send";

/** Submits one job for `values` in `warehouseId`; returns its id. */
export async function submitJob(ctx: OperationContext, values: PendingValue[], warehouseId: number): Promise<number> {
  const client = await ctx.sellercloud();
  return importPhysicalInventory(
    client,
    { warehouseId, rows: values.map((v) => ({ sku: v.productId, qty: v.value })), inventoryDate: ctx.now() },
    ctx.signal,
  );
}

export type PollResult =
  | { finished: false; label: string }
  | { finished: true; outcomes: ValueOutcome[]; events: RunEventInput[]; failed: number; confirmed: number };

const STATUS_WORDS: Record<number, string> = {
  [QueuedJobStatus.Failed]: "failed",
  [QueuedJobStatus.Cancelled]: "was cancelled",
  [QueuedJobStatus.CancelledServiceRestarted]: "was cancelled (service restarted)",
  [QueuedJobStatus.AbortedTooMuchTime]: "was aborted (it took too long)",
  [QueuedJobStatus.CancelledWhileRunning]: "was cancelled while running",
};

/**
 * Polls the job once. When it has finished, settles `values` (the job's rows) from its log.
 * `timedOut`: the run waited long enough; the rows fail with that reason.
 */
export async function pollJob(
  ctx: OperationContext,
  job: BulkJobCursor,
  values: PendingValue[],
  timedOut: boolean,
): Promise<PollResult> {
  const client = await ctx.sellercloud();
  const status = await getQueuedJob(client, job.id, ctx.signal);
  if (isJobRunning(status.status) && !timedOut) {
    const done = status.totalProcessed ?? 0;
    return {
      finished: false,
      label: `Waiting for SellerCloud's import job #${job.id}: ${done} of ${status.totalRecords ?? job.rows} rows processed`,
    };
  }
  const events: RunEventInput[] = [];
  const outcomes: ValueOutcome[] = [];
  if (isJobRunning(status.status)) {
    const reason = `SellerCloud's import job #${job.id} had not finished when Conduit stopped waiting; the quantity is planned again next run.`;
    for (const v of values) outcomes.push({ variant_id: v.variantId, value: null, reason });
    events.push(jobEvent(job, "error", reason, values.length, 0));
    return { finished: true, outcomes, events, failed: values.length, confirmed: 0 };
  }
  const ok = status.status === QueuedJobStatus.Completed || status.status === QueuedJobStatus.PartialSuccess;
  if (!ok) {
    const words = STATUS_WORDS[status.status] ?? `ended with status ${status.status}`;
    const reason = `SellerCloud's import job #${job.id} ${words}${status.errorMessage ? `: ${status.errorMessage}` : ""}.`;
    for (const v of values) outcomes.push({ variant_id: v.variantId, value: null, reason });
    events.push(jobEvent(job, "error", reason, values.length, 0));
    return { finished: true, outcomes, events, failed: values.length, confirmed: 0 };
  }
  let rows: ScImportRowResult[] = [];
  try {
    rows = await getBulkUpdateLog(client, job.id, ctx.signal);
  } catch (error) {
    if (!isSellerCloudError(error) || error.kind === "auth" || error.kind === "aborted") throw error;
    // No log: a Completed job's rows count as applied; a PartialSuccess cannot say which failed.
    if (status.status === QueuedJobStatus.PartialSuccess) {
      const reason = `SellerCloud's import job #${job.id} reported some rows failed, but its log could not be read (${error.message}); the quantity is planned again next run.`;
      for (const v of values) outcomes.push({ variant_id: v.variantId, value: null, reason });
      events.push(jobEvent(job, "error", reason, values.length, 0));
      return { finished: true, outcomes, events, failed: values.length, confirmed: 0 };
    }
  }
  const failedRows = new Map<string, string>();
  for (const r of rows) if (!r.succeeded) failedRows.set(r.productId.toUpperCase(), r.error ?? "no reason given");
  let failed = 0;
  for (const v of values) {
    const error = failedRows.get(v.productId.toUpperCase());
    if (error === undefined) {
      outcomes.push({ variant_id: v.variantId, value: v.value, reason: null });
      continue;
    }
    failed++;
    const reason = `SellerCloud's import job #${job.id} refused quantity ${v.value} for ${v.productId}: ${error}`;
    outcomes.push({ variant_id: v.variantId, value: null, reason });
    events.push({
      level: "error",
      entity: "variant",
      entityId: v.productId,
      code: PriceEvent.Failed,
      message: reason,
      details: { what: "quantity", value: v.value, jobId: job.id },
    });
  }
  const confirmed = values.length - failed;
  events.push(
    jobEvent(
      job,
      failed ? "warn" : "info",
      `SellerCloud's import job #${job.id} finished: ${confirmed} quantities set, ${failed} refused.`,
      failed,
      confirmed,
    ),
  );
  return { finished: true, outcomes, events, failed, confirmed };
}

function jobEvent(
  job: BulkJobCursor,
  level: RunEventInput["level"],
  message: string,
  failed: number,
  confirmed: number,
): RunEventInput {
  return {
    level,
    entity: "job",
    entityId: String(job.id),
    code: PriceEvent.BulkFinished,
    message,
    details: { jobId: job.id, rows: job.rows, polls: job.polls, failed, confirmed },
  };
}
