/**
 * Submit to Vendors, cancellation phase: requests still open (pending, delivered, acknowledged)
 * whose order Get Orders has since seen canceled in SellerCloud are canceled with their open
 * lines. A vendor that already had the request is told: a cancel notice (its own message id) is
 * queued for the delivery phase (webhook, email); a pull vendor sees the request canceled in its
 * list, so nothing is sent. A request never delivered is canceled silently.
 */

import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { fulfillmentRequestLines, fulfillmentRequests, vendors } from "@/db/schema/vendors";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { OPEN_REQUEST_STATES, recordHistory } from "@/lib/vendors/requests";
import type { OperationContext, RunEventInput } from "../types";
import { newMessageId } from "./plan";

export interface CancelResult {
  canceled: number;
  events: RunEventInput[];
  commit: (tx: Db) => Promise<void>;
}

/**
 * Get Orders refreshes an order's SellerCloud status only while the order still matches its filters
 * (an order canceled after import usually leaves the "In Process" filter), so this phase also reads
 * back from SellerCloud the orders that have open requests (one list call per 50 orders), a page of
 * up to `limit` SellerCloud order IDs after `after` at a time, so successive pages walk every such
 * order once per run. Returns the IDs SellerCloud now has Canceled, the last ID read (the next
 * page's `after`) and whether the page was full (more may follow). Their status is written with
 * the page's commit. Orders SellerCloud no longer returns are left alone.
 */
export async function canceledInSellerCloud(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "channelId" | "sellercloud" | "signal">,
  limit: number,
  after: number | null = null,
): Promise<{ canceled: number[]; last: number | null; full: boolean }> {
  const rows = await db
    .selectDistinct({ scOrderId: orders.sellercloudOrderId })
    .from(fulfillmentRequests)
    .innerJoin(orders, eq(orders.id, fulfillmentRequests.orderId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, ctx.workspaceId),
        eq(fulfillmentRequests.channelId, ctx.channelId),
        inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]),
        sql`coalesce(${orders.scStatusCode}, 0) <> ${OrderStatus.Canceled}`,
        after === null ? undefined : gt(orders.sellercloudOrderId, after),
      ),
    )
    .orderBy(orders.sellercloudOrderId)
    .limit(limit);
  if (rows.length === 0) return { canceled: [], last: after, full: false };
  const client = await ctx.sellercloud();
  const { orders: back } = await client.getOrdersByIds(
    rows.map((r) => r.scOrderId),
    { signal: ctx.signal },
  );
  return {
    canceled: back.filter((o) => o.statusCode === OrderStatus.Canceled).map((o) => o.id),
    last: rows[rows.length - 1]!.scOrderId,
    full: rows.length === limit,
  };
}

/** Up to `limit` open requests of the channel whose order is canceled in SellerCloud, and their writes. */
export async function planCancellations(
  db: Db,
  ctx: Pick<OperationContext, "workspaceId" | "channelId" | "runId" | "dryRun">,
  limit: number,
  now: Date,
  /** SellerCloud order ids just read back as Canceled (canceledInSellerCloud). */
  seenCanceled: readonly number[] = [],
): Promise<CancelResult> {
  const rows = await db
    .select({
      id: fulfillmentRequests.id,
      number: fulfillmentRequests.number,
      state: fulfillmentRequests.state,
      method: vendors.deliveryMethod,
      vendorName: vendors.name,
      scOrderId: orders.sellercloudOrderId,
    })
    .from(fulfillmentRequests)
    .innerJoin(orders, eq(orders.id, fulfillmentRequests.orderId))
    .innerJoin(vendors, eq(vendors.id, fulfillmentRequests.vendorId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, ctx.workspaceId),
        eq(fulfillmentRequests.channelId, ctx.channelId),
        inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]),
        seenCanceled.length
          ? or(eq(orders.scStatusCode, OrderStatus.Canceled), inArray(orders.sellercloudOrderId, [...seenCanceled]))
          : eq(orders.scStatusCode, OrderStatus.Canceled),
      ),
    )
    .orderBy(fulfillmentRequests.id)
    .limit(limit);
  const events: RunEventInput[] = rows.map((r) => {
    const told = r.state === "pending" ? "it had not been delivered, so the vendor is not told" : "the vendor is told";
    return {
      level: "info",
      entity: "request",
      entityId: r.number,
      code: ctx.dryRun ? "would_cancel" : "request_canceled",
      message: `Order ${r.scOrderId} was canceled in SellerCloud: request ${r.number} to ${r.vendorName} ${ctx.dryRun ? "would be" : "is"} canceled (${told}).`,
    };
  });
  return {
    canceled: rows.length,
    events,
    async commit(tx) {
      if (seenCanceled.length)
        await tx
          .update(orders)
          .set({ scStatusCode: OrderStatus.Canceled, updatedAt: now })
          .where(
            and(
              eq(orders.workspaceId, ctx.workspaceId),
              eq(orders.channelId, ctx.channelId),
              inArray(orders.sellercloudOrderId, [...seenCanceled]),
            ),
          );
      for (const r of rows) {
        const notify = r.state !== "pending";
        const [moved] = await tx
          .update(fulfillmentRequests)
          .set({
            state: "canceled",
            cancelMessageId: notify ? newMessageId() : null,
            // A pull vendor reads the canceled state itself; nothing to send.
            cancelNotifiedAt: notify && r.method === "pull" ? now : null,
            attempts: 0,
            nextAttemptAt: null,
            deliveryFailedAt: null,
            lastError: null,
            updatedAt: now,
          })
          .where(
            and(
              eq(fulfillmentRequests.id, r.id),
              eq(fulfillmentRequests.state, r.state),
              isNull(fulfillmentRequests.cancelMessageId),
            ),
          )
          .returning({ id: fulfillmentRequests.id });
        if (!moved) continue;
        await tx
          .update(fulfillmentRequestLines)
          .set({ state: "canceled" })
          .where(
            and(
              eq(fulfillmentRequestLines.requestId, r.id),
              sql`${fulfillmentRequestLines.state} in ('open', 'acknowledged')`,
            ),
          );
        await recordHistory(tx, [
          {
            workspaceId: ctx.workspaceId,
            requestId: r.id,
            fromState: r.state,
            toState: "canceled",
            actor: "run",
            runId: ctx.runId,
            at: now,
            message: `The order was canceled in SellerCloud; ${
              !notify
                ? "the request had not been delivered, so the vendor was not told"
                : r.method === "pull"
                  ? "the vendor sees it canceled when it next fetches its requests"
                  : `a cancel notice goes to the vendor by ${r.method}`
            }.`,
          },
        ]);
      }
    },
  };
}
