/**
 * Sorting a runner page's mapped orders against what is stored: new (create), changed (update),
 * unchanged, or skipped because the order has shipped in Conduit.
 */
import { and, eq, inArray } from "drizzle-orm";
import { orders } from "@/db/schema/orders";
import { type SellerCloudStatuses, statusesDiffer, statusesOfRecord } from "@/lib/orders/sellercloud-status";
import type { OperationContext, RunCounts } from "../types";
import { dryRunVerdictEvent, type GetOrdersEvent, shippedNotUpdatedEvent, type Verdict } from "./events";
import type { PlannedRead } from "./paging";
import type { PlannedOrder } from "./plan-order";

/** What classify decided to write: the creates and updates, and which of them are updates. */
export interface Classified {
  writes: PlannedOrder[];
  /** SellerCloud order IDs among `writes` that are stored already. */
  updatedIds: Set<number>;
  /** Orders shipped in Conduit whose SellerCloud statuses changed: only those are refreshed. */
  statusRefreshes: SellerCloudStatuses[];
}

/**
 * Classifies `planned` with one query on the channel's stored orders (by SellerCloud ID: content
 * hash, shipped_at and SellerCloud statuses), adding to `counts` and pushing to `events` (a dry run gets one event per
 * order saying what a real run would do; a real run one per shipped order left alone). Revisited
 * rows (already read in this run) count only when they change something. Reads, never writes.
 */
export async function classify(
  ctx: OperationContext,
  planned: PlannedRead[],
  counts: RunCounts,
  events: GetOrdersEvent[],
): Promise<Classified> {
  const writes: PlannedOrder[] = [];
  const updatedIds = new Set<number>();
  const statusRefreshes: SellerCloudStatuses[] = [];
  const ids = planned.map((p) => p.plan.scId);
  const existing = ids.length
    ? await ctx.db
        .select({
          id: orders.id,
          scId: orders.sellercloudOrderId,
          hash: orders.contentHash,
          shippedAt: orders.shippedAt,
          statusCode: orders.scStatusCode,
          shippingStatus: orders.scShippingStatus,
          paymentStatus: orders.scPaymentStatus,
          dropshipStatus: orders.scDropshipStatus,
        })
        .from(orders)
        .where(
          and(
            eq(orders.workspaceId, ctx.workspaceId),
            eq(orders.channelId, ctx.channelId),
            inArray(orders.sellercloudOrderId, ids),
          ),
        )
    : [];
  const existingById = new Map(existing.map((e) => [e.scId, e]));

  for (const { plan, revisit } of planned) {
    const found = existingById.get(plan.scId);
    const verdict: Verdict = !found
      ? "create"
      : found.hash === plan.hash
        ? "unchanged"
        : found.shippedAt
          ? "shipped"
          : "update";
    if (revisit && (verdict === "unchanged" || verdict === "shipped")) continue;
    if (revisit) counts.fetched++;
    if (verdict === "create") counts.created++;
    if (verdict === "update") counts.updated++;
    if (verdict === "unchanged") counts.unchanged++;
    if (verdict === "shipped") counts.skipped++;
    if (verdict === "create" || verdict === "update") writes.push(plan);
    if (verdict === "update") updatedIds.add(plan.scId);
    // Shipped in Conduit: the mapped fields stay, but SellerCloud's statuses are refreshed.
    const fresh = verdict === "shipped" && found ? statusesOfRecord(plan.scId, plan.raw) : null;
    const refresh = fresh && found && statusesDiffer(found, fresh) ? fresh : null;
    if (refresh) statusRefreshes.push(refresh);
    if (ctx.dryRun) events.push(dryRunVerdictEvent(plan.scId, verdict));
    else if (refresh)
      events.push({
        ...shippedNotUpdatedEvent(plan.scId),
        message:
          "SellerCloud's statuses refreshed; the rest of the order is not updated because it has shipped in Conduit.",
      });
    else if (verdict === "shipped") events.push(shippedNotUpdatedEvent(plan.scId));
  }

  return { writes, updatedIds, statusRefreshes };
}
