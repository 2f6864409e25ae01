/**
 * Sync Prices & Quantities: sends each linked variant's price and quantity, computed by the
 * channel's Pricing & Quantity rules (the wizard preview's own functions), to its SellerCloud
 * product, sending only what changed since SellerCloud last confirmed it.
 *
 * A run has three phases, each a series of pages with the runner's guarantees (lease, fencing,
 * cursor, cancel at a page boundary):
 *  1. plan (plan.ts, decide.ts): every linked variant is priced and checked against the rails;
 *     the decision is written to price_sync_items (pending, held, refused, skipped). No writes to
 *     SellerCloud. After the last page the run-wide rail may hold everything (too many zeroed).
 *  2. prices (send.ts): each pending price with PUT /api/Catalog/Prices.
 *  3. quantities: per product (PUT /api/Inventory/SetPhysicalInventory) or, when more than the
 *     channel's threshold are pending, through bulk import jobs (bulk.ts).
 * A dry run stops after the plan and writes nothing; its events say what would be sent.
 *
 * Counts: fetched = linked variants planned; updated = values SellerCloud confirmed; unchanged =
 * variants with nothing to send; skipped = values held, refused or skipped; failed = values
 * SellerCloud refused.
 */

import { loadOperationSettings } from "../shared/operation-settings";
import type { OperationContext, OperationModule, PageOutcome, RunCounts } from "../types";
import { pollJob, submitJob } from "./bulk";
import { deleteUnlinked, holdWholeRun, markBulkJob, recordPrices, recordQuantities, writePlan } from "./commit";
import { zeroingHold } from "./decide";
import {
  DEFAULTS,
  emptyTotals,
  type PlanTotals,
  PriceEvent,
  type SyncPricesCursor,
  type SyncPricesOptions,
  sleepFor,
} from "./model";
import { planPage } from "./plan";
import { countPendingQuantities, loadJobRows, loadPending, sendEach } from "./send";

export { decidePrice, decideQuantity, describePriceRule, describeQuantityRule, zeroingHold } from "./decide";
export { PriceEvent, type SyncPricesCursor, type SyncPricesOptions } from "./model";

type Outcome = PageOutcome<SyncPricesCursor>;

/** The Sync Prices & Quantities module; options are test and benchmark knobs (model.ts DEFAULTS). */
export function createSyncPricesModule(options: SyncPricesOptions = {}): OperationModule<SyncPricesCursor> {
  const o = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? sleepFor;

  return {
    operation: "sync_prices",
    async runPage(ctx, cursor): Promise<Outcome> {
      const { pricing, priceSync } = await loadOperationSettings(ctx.db, ctx, "sync_prices");
      const c: SyncPricesCursor = cursor ?? { phase: "plan", afterVariantId: null, totals: emptyTotals() };
      const now = ctx.now();

      if (c.phase === "plan") {
        const totals: PlanTotals = { ...c.totals };
        const before = { ...c.totals };
        const page = await planPage({
          ctx,
          rules: pricing,
          settings: priceSync,
          afterVariantId: c.afterVariantId,
          limit: o.planPageSize,
          totals,
          maxHeldReads: o.maxHeldReads,
          maxDryRunEvents: o.maxDryRunEvents,
          onlyProducts: retryScope(ctx.input),
        });
        const events = page.events;
        if (c.afterVariantId === null && priceSync.sendQuantities && priceSync.warehouseId === null)
          events.push({
            level: "warn",
            entity: "run",
            code: PriceEvent.NoWarehouse,
            message:
              "Quantities are not sent: choose the SellerCloud warehouse they are set in, on the channel's Prices & quantities page.",
          });
        const counts: Partial<RunCounts> = {
          fetched: page.size,
          unchanged: totals.unchanged - before.unchanged,
          skipped: totals.held - before.held + (totals.refused - before.refused),
          // A dry run's "Would update": the values it would send.
          ...(ctx.dryRun && {
            updated: totals.priceSends - before.priceSends + (totals.qtySends - before.qtySends),
          }),
        };
        const rows = page.rows.filter((r) => r.dirty);
        const last = page.size < o.planPageSize;
        const label = `Planning: ${totals.linked} linked variants checked`;
        if (!last) {
          return {
            nextCursor: { ...c, afterVariantId: page.lastVariantId, totals },
            done: false,
            counts,
            events,
            progressLabel: label,
            commit: ctx.dryRun ? undefined : (tx) => writePlan(tx, ctx, rows, now),
          };
        }
        const hold = zeroingHold(totals, priceSync.holdZeroingPercent);
        if (totals.firstPush)
          events.push({
            level: "warn",
            entity: "run",
            code: PriceEvent.FirstPush,
            message: `${totals.firstPush} value(s) were never sent to SellerCloud; they wait on the review page before their first push.`,
            details: { count: totals.firstPush },
          });
        if (hold)
          events.push({
            level: "warn",
            entity: "run",
            code: PriceEvent.RunHeld,
            message: ctx.dryRun ? `Dry run: ${hold}` : hold,
            details: { zeroing: totals.zeroing, withQuantity: totals.withQuantity },
          });
        if (ctx.dryRun) {
          events.push(dryRunSummary(totals, priceSync.bulkThreshold, hold !== null));
          return { nextCursor: { ...c, totals }, done: true, counts, events, progressLabel: "Dry run planned" };
        }
        return {
          nextCursor: { phase: "prices", afterVariantId: null, totals },
          done: hold !== null,
          counts,
          events,
          progressLabel: hold ? "Held for review: nothing sent" : label,
          commit: async (tx) => {
            await writePlan(tx, ctx, rows, now);
            // A retry plans only its products; the rows of unlinked variants go on a whole run.
            if (!retryScope(ctx.input)) await deleteUnlinked(tx, ctx);
            if (hold) await holdWholeRun(tx, ctx, hold, now);
          },
        };
      }

      if (c.phase === "prices") {
        const values = await loadPending(ctx.db, ctx, "price", c.afterVariantId, o.sendPageSize);
        if (values.length === 0)
          return {
            nextCursor: { ...c, phase: "quantities", afterVariantId: null },
            done: false,
            progressLabel: "Prices sent",
          };
        const sent = await sendEach(ctx, "price", values, null);
        return sentOutcome(ctx, c, sent, "price", null, now, values.length < o.sendPageSize);
      }

      // quantities
      const warehouseId = priceSync.warehouseId;
      if (warehouseId === null) return { nextCursor: c, done: true, progressLabel: "Done" };
      if (!c.qtyMode) {
        const pending = await countPendingQuantities(ctx.db, ctx);
        if (pending === 0) return { nextCursor: c, done: true, progressLabel: "Done" };
        const qtyMode = pending > priceSync.bulkThreshold ? "bulk" : "single";
        return {
          nextCursor: { ...c, qtyMode },
          done: false,
          progressLabel:
            qtyMode === "bulk"
              ? `${pending} quantities to set: through SellerCloud's bulk import`
              : `${pending} quantities to set, one product at a time`,
        };
      }
      if (c.qtyMode === "single") {
        const values = await loadPending(ctx.db, ctx, "quantity", c.afterVariantId, o.sendPageSize);
        if (values.length === 0) return { nextCursor: c, done: true, progressLabel: "Done" };
        const sent = await sendEach(ctx, "quantity", values, warehouseId);
        return sentOutcome(ctx, c, sent, "quantity", warehouseId, now, values.length < o.sendPageSize);
      }
      return bulkPage(ctx, c, warehouseId, now);
    },
  };

  async function bulkPage(
    ctx: OperationContext,
    c: SyncPricesCursor,
    warehouseId: number,
    now: Date,
  ): Promise<Outcome> {
    const job = c.job;
    if (!job) {
      const values = await loadPending(ctx.db, ctx, "quantity", null, o.bulkMaxRows, { unsubmittedOnly: true });
      if (values.length === 0) return { nextCursor: c, done: true, progressLabel: "Done" };
      const id = await submitJob(ctx, values, warehouseId);
      return {
        nextCursor: { ...c, job: { id, rows: values.length, polls: 0, submittedAt: now.toISOString() } },
        done: false,
        events: [
          {
            level: "info",
            entity: "job",
            entityId: String(id),
            code: PriceEvent.BulkSubmitted,
            message: `Sent ${values.length} quantities to SellerCloud's bulk import (queued job #${id}, partial update).`,
            details: { jobId: id, rows: values.length, warehouseId },
          },
        ],
        progressLabel: `Submitted SellerCloud import job #${id} (${values.length} rows)`,
        commit: (tx) =>
          markBulkJob(
            tx,
            ctx,
            values.map((v) => v.variantId),
            id,
          ),
      };
    }
    await sleep(o.pollIntervalMs, ctx.signal);
    const rows = await loadJobRows(ctx.db, ctx, job.id);
    const timedOut = now.getTime() - Date.parse(job.submittedAt) > o.jobTimeoutMs;
    const polled = await pollJob(ctx, { ...job, polls: job.polls + 1 }, rows, timedOut);
    if (!polled.finished)
      return { nextCursor: { ...c, job: { ...job, polls: job.polls + 1 } }, done: false, progressLabel: polled.label };
    return {
      nextCursor: { ...c, job: undefined },
      done: false,
      counts: { updated: polled.confirmed, failed: polled.failed },
      events: polled.events,
      progressLabel: `SellerCloud import job #${job.id} finished`,
      commit: (tx) => recordQuantities(tx, ctx, polled.outcomes, warehouseId, now),
    };
  }
}

function sentOutcome(
  ctx: OperationContext,
  c: SyncPricesCursor,
  sent: Awaited<ReturnType<typeof sendEach>>,
  what: "price" | "quantity",
  warehouseId: number | null,
  now: Date,
  lastPage: boolean,
): Outcome {
  const confirmed = sent.outcomes.filter((x) => x.value !== null).length;
  const failed = sent.outcomes.length - confirmed;
  const after = sent.lastVariantId ?? c.afterVariantId;
  // Prices: an empty next page moves on to quantities; quantities: a short page ends the run.
  const done = what === "quantity" && lastPage && !sent.stoppedEarly;
  return {
    nextCursor: { ...c, afterVariantId: after },
    done,
    counts: { updated: confirmed, failed },
    events: sent.events,
    progressLabel: `${what === "price" ? "Prices" : "Quantities"}: ${confirmed} sent${failed ? `, ${failed} refused` : ""}`,
    commit: (tx) =>
      what === "price"
        ? recordPrices(tx, ctx, sent.outcomes, now)
        : recordQuantities(tx, ctx, sent.outcomes, warehouseId!, now),
  };
}

function dryRunSummary(totals: PlanTotals, bulkThreshold: number, held: boolean) {
  const how = totals.qtySends > bulkThreshold ? "through one or more bulk import jobs" : "one product at a time";
  return {
    level: "info" as const,
    entity: "run",
    code: PriceEvent.DryRunSummary,
    message: held
      ? `Dry run: the whole run would be held for review (too many quantities set to 0); nothing would be sent.`
      : `Dry run: would send ${totals.priceSends} price(s) and ${totals.qtySends} quantit${totals.qtySends === 1 ? "y" : "ies"} (${how}); ${totals.held} held for review, ${totals.refused} refused or skipped, ${totals.unchanged} variant(s) unchanged.`,
    details: { ...totals },
  };
}

/**
 * A retry (Retry failed items on a run page) names the SellerCloud products that failed
 * (input.entityIds, lib/operations/enqueue.ts retryFailedItems): only their variants are planned.
 */
export function retryScope(input: Record<string, unknown>): string[] | null {
  const ids = input.entityIds;
  if (!Array.isArray(ids)) return null;
  const list = ids.filter((id): id is string => typeof id === "string" && id.length > 0);
  return list.length ? list : null;
}

/** The app's Sync Prices & Quantities module (default options). */
export const syncPricesModule = createSyncPricesModule();
