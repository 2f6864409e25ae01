import { and, eq, inArray } from "drizzle-orm";
import { orders } from "@/db/schema/orders";
import type { OperationContext, RunCounts } from "../types";
import { dryRunVerdictEvent, type GetOrdersEvent, shippedNotUpdatedEvent, type Verdict } from "./events";
import type { PlannedRead } from "./paging";
import type { PlannedOrder } from "./plan-order";

/**
 * Sorting a runner page's mapped orders against what is stored: new (create), changed (update),
 * unchanged, or skipped because the order has shipped in Conduit.
 */

/** What classify decided to write: the creates and updates, and which of them are updates. */
export interface Classified {
  writes: PlannedOrder[];
  /** SellerCloud order IDs among `writes` that are stored already. */
  updatedIds: Set<number>;
}

/**
 * Classifies `planned` with one query on the channel's stored orders (by SellerCloud ID: content
 * hash and shipped_at), adding to `counts` and pushing to `events` (a dry run gets one event per
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
  const ids = planned.map((p) => p.plan.scId);
  const existing = ids.length
    ? await ctx.db
        .select({
          id: orders.id,
          scId: orders.sellercloudOrderId,
          hash: orders.contentHash,
          shippedAt: orders.shippedAt,
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
    if (ctx.dryRun) events.push(dryRunVerdictEvent(plan.scId, verdict));
    else if (verdict === "shipped") events.push(shippedNotUpdatedEvent(plan.scId));
  }

  return { writes, updatedIds };
}
