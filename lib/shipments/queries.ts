/** An order's shipments for the order page (packages, items, sync state) and putting a failed shipment back in the Sync Orders queue. */

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderItems } from "@/db/schema/orders";
import { type SyncState, shipmentItems, shipments } from "@/db/schema/shipments";
import { notFound } from "@/lib/errors";
import { listShipmentPackages } from "./package-rows";

export interface ShipmentView {
  id: string;
  carrier: string;
  service: string;
  shipDate: Date;
  source: string;
  syncState: SyncState;
  syncedAt: Date | null;
  failureReason: string | null;
  failureCode: string | null;
  retryable: boolean;
  attempts: number;
  callsUsed: number;
  sentCarrier: string | null;
  sentService: string | null;
  coversWholeOrder: boolean;
  createdAt: Date;
  trackingNumbers: { trackingNumber: string; sentAt: Date | null }[];
  items: { orderItemId: string; quantity: number; sku: string | null; name: string | null }[];
}

/** The shipments of one order, newest first, with their tracking numbers and items. */
export async function listOrderShipments(db: Db, workspaceId: string, orderId: string): Promise<ShipmentView[]> {
  const rows = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.workspaceId, workspaceId), eq(shipments.orderId, orderId)))
    .orderBy(desc(shipments.createdAt), desc(shipments.id));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const packages = await listShipmentPackages(db, workspaceId, { shipmentIds: ids });
  const items = await db
    .select({
      shipmentId: shipmentItems.shipmentId,
      orderItemId: shipmentItems.orderItemId,
      quantity: shipmentItems.quantity,
      sku: orderItems.productId,
      name: orderItems.displayName,
    })
    .from(shipmentItems)
    .innerJoin(orderItems, eq(orderItems.id, shipmentItems.orderItemId))
    .where(and(eq(shipmentItems.workspaceId, workspaceId), inArray(shipmentItems.shipmentId, ids)))
    .orderBy(asc(orderItems.lineNumber));
  return rows.map((s) => ({
    id: s.id,
    carrier: s.carrier,
    service: s.service,
    shipDate: s.shipDate,
    source: s.source,
    syncState: s.syncState,
    syncedAt: s.syncedAt,
    failureReason: s.failureReason,
    failureCode: s.failureCode,
    retryable: s.retryable,
    attempts: s.attempts,
    callsUsed: s.callsUsed,
    sentCarrier: s.sentCarrier,
    sentService: s.sentService,
    coversWholeOrder: s.coversWholeOrder,
    createdAt: s.createdAt,
    trackingNumbers: packages
      .filter((p) => p.shipmentId === s.id)
      .map((p) => ({ trackingNumber: p.trackingNumber, sentAt: p.scAppliedAt })),
    items: items.filter((i) => i.shipmentId === s.id).map(({ shipmentId: _, ...rest }) => rest),
  }));
}

/**
 * Puts a failed shipment back in the queue; the next Sync Orders run sends it (reading the order
 * back first, as for any unclear earlier attempt). Returns the channel, so the caller can start a run.
 */
export async function retryShipment(
  db: Db,
  scope: { workspaceId: string; shipmentId: string },
  now = new Date(),
): Promise<{ channelId: string; orderId: string }> {
  const [row] = await db
    .update(shipments)
    .set({ syncState: "pending", failureReason: null, failureCode: null, retryable: false, updatedAt: now })
    .where(
      and(
        eq(shipments.id, scope.shipmentId),
        eq(shipments.workspaceId, scope.workspaceId),
        inArray(shipments.syncState, ["failed", "pending"]),
      ),
    )
    .returning({ channelId: shipments.channelId, orderId: shipments.orderId });
  if (row) return row;
  const [existing] = await db
    .select({ channelId: shipments.channelId, orderId: shipments.orderId })
    .from(shipments)
    .where(and(eq(shipments.id, scope.shipmentId), eq(shipments.workspaceId, scope.workspaceId)));
  if (!existing) throw notFound("That shipment");
  return existing;
}
