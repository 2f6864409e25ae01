/**
 * The send phases of Sync Prices & Quantities: the values the plan left pending for this run,
 * one page at a time (keyset on the variant id). Prices go one product per call
 * (PUT /api/Catalog/Prices); quantities per product (PUT /api/Inventory/SetPhysicalInventory) or,
 * above the channel's threshold, in bulk import jobs (bulk.ts). A value is confirmed when
 * SellerCloud answered the write with success, and committed with the page: a resumed run never
 * sends a confirmed value again.
 *
 * Errors: a SellerCloud refusal of one product (400, 404, a 5xx still failing after the client's
 * retries) fails that value only (it is planned again by the next run), with SellerCloud's words; errors that are about SellerCloud as a whole (auth,
 * throttled past waiting, unreachable, maintenance, canceled) are thrown, so the runner retries
 * the page and, if it keeps failing, fails the run with a plain reason.
 */

import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { priceSyncItems } from "@/db/schema/prices";
import { isSellerCloudError, type SellerCloudError } from "@/lib/sellercloud/errors";
import { setPhysicalInventory, updateProductPrice } from "@/lib/sellercloud/prices";
import type { OperationContext, RunEventInput } from "../types";
import type { ValueOutcome } from "./commit";
import { PriceEvent } from "./model";

export interface PendingValue {
  variantId: string;
  productId: string;
  value: number;
}

/** Up to `limit` pending prices or quantities of this run after `after`, by variant id. */
export async function loadPending(
  db: Db,
  ctx: OperationContext,
  what: "price" | "quantity",
  after: string | null,
  limit: number,
  options: { unsubmittedOnly?: boolean } = {},
): Promise<PendingValue[]> {
  const state = what === "price" ? priceSyncItems.priceState : priceSyncItems.qtyState;
  const value = what === "price" ? priceSyncItems.plannedPriceCents : priceSyncItems.plannedQty;
  const where = [
    eq(priceSyncItems.workspaceId, ctx.workspaceId),
    eq(priceSyncItems.channelId, ctx.channelId),
    eq(priceSyncItems.planRunId, ctx.runId),
    eq(state, "pending"),
  ];
  if (after) where.push(gt(priceSyncItems.variantId, after));
  if (options.unsubmittedOnly) where.push(sql`${priceSyncItems.bulkJobId} is null`);
  const rows = await db
    .select({ variantId: priceSyncItems.variantId, productId: priceSyncItems.sellercloudProductId, value })
    .from(priceSyncItems)
    .where(and(...where))
    .orderBy(asc(priceSyncItems.variantId))
    .limit(limit);
  return rows.filter((r): r is PendingValue => r.value !== null);
}

/** Counts this run's pending quantities (decides per product or bulk). */
export async function countPendingQuantities(db: Db, ctx: OperationContext): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(priceSyncItems)
    .where(
      and(
        eq(priceSyncItems.workspaceId, ctx.workspaceId),
        eq(priceSyncItems.channelId, ctx.channelId),
        eq(priceSyncItems.planRunId, ctx.runId),
        eq(priceSyncItems.qtyState, "pending"),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Whether an error is about SellerCloud as a whole (throw: the runner retries the page) rather than this product. */
export function isSystemic(error: SellerCloudError): boolean {
  return (
    error.kind === "auth" ||
    error.kind === "aborted" ||
    error.kind === "throttled" ||
    error.kind === "dns" ||
    error.kind === "connection" ||
    error.kind === "timeout" ||
    error.kind === "unavailable" ||
    error.kind === "not_api" ||
    error.kind === "redirect" ||
    error.kind === "blocked_address"
  );
}

export interface SendResult {
  outcomes: ValueOutcome[];
  events: RunEventInput[];
  /** The last variant whose answer is recorded (the page resumes after it). */
  lastVariantId: string | null;
  stoppedEarly: boolean;
}

/**
 * Sends `values` one call each (prices in dollars from cents; quantities in `warehouseId`). Stops
 * before the next value when the run is aborted, keeping what was answered.
 */
export async function sendEach(
  ctx: OperationContext,
  what: "price" | "quantity",
  values: PendingValue[],
  warehouseId: number | null,
): Promise<SendResult> {
  const client = await ctx.sellercloud();
  const outcomes: ValueOutcome[] = [];
  const events: RunEventInput[] = [];
  let lastVariantId: string | null = null;
  for (const v of values) {
    if (ctx.signal.aborted) return { outcomes, events, lastVariantId, stoppedEarly: true };
    try {
      if (what === "price") await updateProductPrice(client, v.productId, v.value / 100, ctx.signal);
      else
        await setPhysicalInventory(client, { sku: v.productId, warehouseId: warehouseId!, qty: v.value }, ctx.signal);
      outcomes.push({ variant_id: v.variantId, value: v.value, reason: null });
    } catch (error) {
      if (!isSellerCloudError(error) || isSystemic(error)) {
        if (outcomes.length && isSellerCloudError(error) && error.kind === "aborted")
          return { outcomes, events, lastVariantId, stoppedEarly: true };
        throw error;
      }
      const shown = what === "price" ? `$${(v.value / 100).toFixed(2)}` : String(v.value);
      const reason = `SellerCloud refused ${what} ${shown} for ${v.productId}: ${error.message}`;
      outcomes.push({ variant_id: v.variantId, value: null, reason });
      events.push({
        level: "error",
        entity: "variant",
        entityId: v.productId,
        code: PriceEvent.Failed,
        message: reason,
        details: { what, value: v.value, status: error.status ?? null },
      });
    }
    lastVariantId = v.variantId;
  }
  return { outcomes, events, lastVariantId, stoppedEarly: false };
}

/** The quantities that went out in bulk job `jobId` and are still pending (the job's rows). */
export async function loadJobRows(db: Db, ctx: OperationContext, jobId: number): Promise<PendingValue[]> {
  const rows = await db
    .select({
      variantId: priceSyncItems.variantId,
      productId: priceSyncItems.sellercloudProductId,
      value: priceSyncItems.plannedQty,
    })
    .from(priceSyncItems)
    .where(
      and(
        eq(priceSyncItems.workspaceId, ctx.workspaceId),
        eq(priceSyncItems.channelId, ctx.channelId),
        eq(priceSyncItems.bulkJobId, jobId),
        eq(priceSyncItems.qtyState, "pending"),
      ),
    );
  return rows.filter((r): r is PendingValue => r.value !== null);
}
