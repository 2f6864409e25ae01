/**
 * Submit to Vendors, planning phase: which orders still have lines to place, where each line goes,
 * and the page's writes (new requests and their lines, lines added to a request not yet delivered,
 * held lines with their reasons). No vendor is contacted here; delivery is its own phase, so a
 * request exists (with its message id) before anything is sent.
 */

import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { fulfillmentHolds, fulfillmentRequestLines, fulfillmentRequests } from "@/db/schema/vendors";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { groupByVendor, type LinePlacement, type RoutingRule, routeOrder } from "@/lib/vendors/routing";
import { type LoadedOrder, loadRoutableOrders } from "@/lib/vendors/routing-rules";
import { type HistoryEntry, recordHistory } from "@/lib/vendors/requests";
import type { OperationContext, RunEventInput } from "../types";

/**
 * Up to `limit` order ids of the channel after `afterOrderId` (keyset on id) that are imported,
 * not shipped (in Conduit or SellerCloud), not canceled in SellerCloud, and have a line in no request.
 */
export async function selectOrdersToPlace(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "channelId">,
  afterOrderId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.workspaceId, ctx.workspaceId),
        eq(orders.channelId, ctx.channelId),
        sql`${orders.shippedAt} is null and ${orders.scShippedAt} is null`,
        sql`coalesce(${orders.scStatusCode}, 0) <> ${OrderStatus.Canceled}`,
        afterOrderId ? sql`${orders.id} > ${afterOrderId}` : undefined,
        sql`exists (select 1 from order_items i where i.order_id = ${orders.id}
              and not exists (select 1 from fulfillment_request_lines l where l.order_item_id = i.id))`,
      ),
    )
    .orderBy(orders.id)
    .limit(limit);
  return rows.map((r) => r.id);
}

interface NewRequest {
  id: string;
  orderId: string;
  vendorId: string;
  number: string;
  messageId: string;
}

export interface PlanResult {
  requestsCreated: number;
  linesPlaced: number;
  ordersHeld: number;
  events: RunEventInput[];
  commit: (tx: Db) => Promise<void>;
}

/** A Standard Webhooks message id: "msg_" and 32 hex digits. */
export const newMessageId = () => `msg_${randomUUID().replaceAll("-", "")}`;

/**
 * Routes the lines not yet in a request of each order (`orderIds`) and returns the page's writes.
 * `vendors` are the active vendors (id → name). A line with a request already is never placed
 * again (the unique order_item_id on request lines also refuses it at commit).
 */
export async function planOrders(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "channelId" | "runId" | "dryRun">,
  orderIds: string[],
  rules: readonly RoutingRule[],
  vendors: ReadonlyMap<string, string>,
  now: Date,
): Promise<PlanResult> {
  const loaded = await loadRoutableOrders(db, ctx.workspaceId, orderIds);
  const placedRows = await db
    .select({ orderItemId: fulfillmentRequestLines.orderItemId })
    .from(fulfillmentRequestLines)
    .innerJoin(fulfillmentRequests, eq(fulfillmentRequests.id, fulfillmentRequestLines.requestId))
    .where(inArray(fulfillmentRequests.orderId, orderIds));
  const alreadyPlaced = new Set(placedRows.map((r) => r.orderItemId));
  const existing = await db
    .select({
      id: fulfillmentRequests.id,
      orderId: fulfillmentRequests.orderId,
      vendorId: fulfillmentRequests.vendorId,
      state: fulfillmentRequests.state,
    })
    .from(fulfillmentRequests)
    .where(inArray(fulfillmentRequests.orderId, orderIds));

  const newRequests: NewRequest[] = [];
  const lineRows: (typeof fulfillmentRequestLines.$inferInsert)[] = [];
  const holds: { orderItemId: string; orderId: string; reason: string }[] = [];
  const placedItemIds: string[] = [];
  const history: HistoryEntry[] = [];
  const events: RunEventInput[] = [];
  let ordersHeld = 0;

  for (const order of loaded) {
    const open: LoadedOrder = { ...order, lines: order.lines.filter((l) => !alreadyPlaced.has(l.orderItemId)) };
    if (open.lines.length === 0) continue;
    const placements = routeOrder(rules, open, vendors);
    const lineById = new Map(open.lines.map((l) => [l.orderItemId, l]));
    const placementById = new Map(placements.map((p) => [p.orderItemId, p]));
    const ofOrder = existing.filter((r) => r.orderId === order.id);
    let sequence = ofOrder.length;
    const made: string[] = [];
    for (const [vendorId, itemIds] of groupByVendor(placements)) {
      // Lines found later for a vendor whose request is still pending join that request.
      const pending = ofOrder.find((r) => r.vendorId === vendorId && r.state === "pending");
      let requestId = pending?.id;
      let number: string | null = null;
      if (!requestId) {
        sequence += 1;
        number = `${order.sellercloudOrderId}-${sequence}`;
        requestId = randomUUID();
        newRequests.push({ id: requestId, orderId: order.id, vendorId, number, messageId: newMessageId() });
      }
      const routedBy = new Set<string>();
      for (const id of itemIds) {
        const line = lineById.get(id)!;
        const placement = placementById.get(id) as Extract<LinePlacement, { placed: true }>;
        routedBy.add(placement.routedBy);
        placedItemIds.push(id);
        lineRows.push({
          workspaceId: ctx.workspaceId,
          requestId,
          orderItemId: id,
          sku: line.sku,
          vendorSku: line.vendorSku,
          vendorCostCents: line.vendorCostCents,
          quantity: line.quantity ?? 0,
          routedBy: placement.routedBy,
        });
      }
      const vendorName = vendors.get(vendorId) ?? "vendor";
      const what = `${itemIds.length} line(s) for ${vendorName}, placed by ${[...routedBy].join(", ")}`;
      history.push({
        workspaceId: ctx.workspaceId,
        requestId,
        fromState: number ? null : "pending",
        toState: "pending",
        actor: "run",
        runId: ctx.runId,
        message: number ? `Created with ${what}.` : `Added ${what}.`,
        at: now,
      });
      made.push(number ? `request ${number} to ${vendorName} (${itemIds.length} line(s))` : `${what} added`);
    }
    const held = placements.filter((p): p is Extract<LinePlacement, { placed: false }> => !p.placed);
    for (const h of held) holds.push({ orderItemId: h.orderItemId, orderId: order.id, reason: h.reason });
    if (made.length) {
      events.push({
        level: "info",
        entity: "order",
        entityId: String(order.sellercloudOrderId),
        code: ctx.dryRun ? "would_submit" : "submitted",
        message: `Order ${order.sellercloudOrderId}: ${ctx.dryRun ? "would create " : ""}${made.join("; ")}.`,
      });
    }
    if (held.length) {
      ordersHeld++;
      const skus = held.map((h) => lineById.get(h.orderItemId)?.sku ?? "?");
      events.push({
        level: "warn",
        entity: "order",
        entityId: String(order.sellercloudOrderId),
        code: "lines_held",
        message: `Order ${order.sellercloudOrderId}: ${held.length} line(s) held (${skus.join(", ")}). ${held[0]!.reason}`,
        details: { reasons: held.map((h) => ({ sku: lineById.get(h.orderItemId)?.sku, reason: h.reason })) },
      });
    }
  }

  return {
    requestsCreated: newRequests.length,
    linesPlaced: lineRows.length,
    ordersHeld,
    events,
    async commit(tx) {
      if (newRequests.length)
        await tx.insert(fulfillmentRequests).values(
          newRequests.map((r) => ({
            ...r,
            workspaceId: ctx.workspaceId,
            channelId: ctx.channelId,
            createdByRunId: ctx.runId,
            createdAt: now,
            updatedAt: now,
          })),
        );
      if (lineRows.length) await tx.insert(fulfillmentRequestLines).values(lineRows).onConflictDoNothing();
      if (placedItemIds.length)
        await tx.delete(fulfillmentHolds).where(inArray(fulfillmentHolds.orderItemId, placedItemIds));
      if (holds.length)
        await tx
          .insert(fulfillmentHolds)
          .values(holds.map((h) => ({ ...h, workspaceId: ctx.workspaceId, runId: ctx.runId, heldAt: now })))
          .onConflictDoUpdate({
            target: fulfillmentHolds.orderItemId,
            set: { reason: sql`excluded.reason`, runId: sql`excluded.run_id`, heldAt: sql`excluded.held_at` },
          });
      await recordHistory(tx, history);
    },
  };
}
