/**
 * Read models of the vendor pages: an order's requests with lines and history (order page), a
 * vendor's open requests and delivery log (vendor page), the channel's recent orders to preview
 * routing on.
 */

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderItems, orders } from "@/db/schema/orders";
import {
  fulfillmentHolds,
  fulfillmentRequestEvents,
  fulfillmentRequestLines,
  fulfillmentRequests,
  type LineState,
  type RequestState,
  vendorDeliveries,
  vendors,
} from "@/db/schema/vendors";
import { OPEN_REQUEST_STATES } from "./requests";

export interface OrderRequestView {
  id: string;
  number: string;
  state: RequestState;
  vendorId: string;
  vendorName: string;
  deliveryMethod: string;
  lastError: string | null;
  deliveryFailed: boolean;
  lines: {
    orderItemId: string;
    sku: string | null;
    quantity: number;
    state: LineState;
    rejectReason: string | null;
    routedBy: string | null;
  }[];
  history: { at: Date; fromState: RequestState | null; toState: RequestState; actor: string; message: string }[];
}

/** Which vendor has which lines of an order, each request's state and history, and held lines. */
export async function loadOrderFulfillment(
  db: Db,
  workspaceId: string,
  orderId: string,
): Promise<{ requests: OrderRequestView[]; held: { sku: string | null; reason: string }[] }> {
  const requests = await db
    .select({ r: fulfillmentRequests, vendorName: vendors.name, method: vendors.deliveryMethod })
    .from(fulfillmentRequests)
    .innerJoin(vendors, eq(vendors.id, fulfillmentRequests.vendorId))
    .where(and(eq(fulfillmentRequests.workspaceId, workspaceId), eq(fulfillmentRequests.orderId, orderId)))
    .orderBy(asc(fulfillmentRequests.createdAt), asc(fulfillmentRequests.number));
  const ids = requests.map((x) => x.r.id);
  const lines = ids.length
    ? await db.select().from(fulfillmentRequestLines).where(inArray(fulfillmentRequestLines.requestId, ids))
    : [];
  const history = ids.length
    ? await db
        .select()
        .from(fulfillmentRequestEvents)
        .where(inArray(fulfillmentRequestEvents.requestId, ids))
        .orderBy(asc(fulfillmentRequestEvents.at))
    : [];
  const held = await db
    .select({ sku: orderItems.productId, reason: fulfillmentHolds.reason })
    .from(fulfillmentHolds)
    .innerJoin(orderItems, eq(orderItems.id, fulfillmentHolds.orderItemId))
    .where(and(eq(fulfillmentHolds.workspaceId, workspaceId), eq(fulfillmentHolds.orderId, orderId)))
    .orderBy(asc(orderItems.lineNumber));
  return {
    requests: requests.map(({ r, vendorName, method }) => ({
      id: r.id,
      number: r.number,
      state: r.state,
      vendorId: r.vendorId,
      vendorName,
      deliveryMethod: method,
      lastError: r.lastError,
      deliveryFailed: r.deliveryFailedAt !== null,
      lines: lines
        .filter((l) => l.requestId === r.id)
        .map((l) => ({
          orderItemId: l.orderItemId,
          sku: l.sku,
          quantity: l.quantity,
          state: l.state,
          rejectReason: l.rejectReason,
          routedBy: l.routedBy,
        })),
      history: history
        .filter((h) => h.requestId === r.id)
        .map((h) => ({ at: h.at, fromState: h.fromState, toState: h.toState, actor: h.actor, message: h.message })),
    })),
    held,
  };
}

export interface VendorRequestRow {
  id: string;
  number: string;
  state: RequestState;
  orderId: string;
  sellercloudOrderId: number;
  lineCount: number;
  createdAt: Date;
  lastError: string | null;
  deliveryFailed: boolean;
}

/** A vendor's requests (open ones by default), newest first, at most 200. */
export async function listVendorRequestRows(
  db: Db,
  scope: { workspaceId: string; vendorId: string },
  openOnly = true,
): Promise<VendorRequestRow[]> {
  const rows = await db
    .select({ r: fulfillmentRequests, scId: orders.sellercloudOrderId })
    .from(fulfillmentRequests)
    .innerJoin(orders, eq(orders.id, fulfillmentRequests.orderId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, scope.workspaceId),
        eq(fulfillmentRequests.vendorId, scope.vendorId),
        openOnly ? inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]) : undefined,
      ),
    )
    .orderBy(desc(fulfillmentRequests.createdAt))
    .limit(200);
  const ids = rows.map((x) => x.r.id);
  const counts = new Map<string, number>();
  if (ids.length) {
    const lines = await db
      .select({ requestId: fulfillmentRequestLines.requestId })
      .from(fulfillmentRequestLines)
      .where(inArray(fulfillmentRequestLines.requestId, ids));
    for (const l of lines) counts.set(l.requestId, (counts.get(l.requestId) ?? 0) + 1);
  }
  return rows.map(({ r, scId }) => ({
    id: r.id,
    number: r.number,
    state: r.state,
    orderId: r.orderId,
    sellercloudOrderId: scId,
    lineCount: counts.get(r.id) ?? 0,
    createdAt: r.createdAt,
    lastError: r.lastError,
    deliveryFailed: r.deliveryFailedAt !== null,
  }));
}

/** A vendor's delivery log, newest first (at most 100 attempts). */
export async function listVendorDeliveries(db: Db, scope: { workspaceId: string; vendorId: string }) {
  return db
    .select({
      id: vendorDeliveries.id,
      at: vendorDeliveries.at,
      kind: vendorDeliveries.kind,
      method: vendorDeliveries.method,
      messageId: vendorDeliveries.messageId,
      attempt: vendorDeliveries.attempt,
      ok: vendorDeliveries.ok,
      responseStatus: vendorDeliveries.responseStatus,
      error: vendorDeliveries.error,
      durationMs: vendorDeliveries.durationMs,
      number: fulfillmentRequests.number,
    })
    .from(vendorDeliveries)
    .leftJoin(fulfillmentRequests, eq(fulfillmentRequests.id, vendorDeliveries.requestId))
    .where(and(eq(vendorDeliveries.workspaceId, scope.workspaceId), eq(vendorDeliveries.vendorId, scope.vendorId)))
    .orderBy(desc(vendorDeliveries.at))
    .limit(100);
}

/** The channel's 20 most recent imported orders (for the routing preview's picker). */
export async function recentOrdersForPreview(db: Db, scope: { workspaceId: string; channelId: string }) {
  return db
    .select({ id: orders.id, sellercloudOrderId: orders.sellercloudOrderId, shipCountry: orders.shippingCountryCode })
    .from(orders)
    .where(and(eq(orders.workspaceId, scope.workspaceId), eq(orders.channelId, scope.channelId)))
    .orderBy(desc(orders.createdAt))
    .limit(20);
}
