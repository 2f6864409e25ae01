/**
 * Reading a Sync Orders page's orders from the database: each order with its candidate
 * shipments (and their packages and carrier mapping), every package of the order, the
 * SellerCloud item ids, and whether its shipments cover every item (for "wait until complete").
 */

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderItems, orders } from "@/db/schema/orders";
import { type Shipment, type ShipmentPackage, shipmentItems, shipments } from "@/db/schema/shipments";
import type { ShippingMapping } from "@/lib/channels/settings";
import { listShipmentPackages } from "@/lib/shipments/package-rows";
import type { SyncValues } from "@/lib/mapping/sync-evaluate";
import type { OrderGroup } from "./model";

/**
 * The channel's mapping for a Conduit carrier/service: an exact service match first, then a
 * carrier-wide mapping (empty Conduit service). Names compare case-insensitively; null when none.
 */
export function findShippingMapping(
  mappings: readonly ShippingMapping[],
  carrier: string,
  service: string,
): ShippingMapping | null {
  const c = carrier.trim().toLowerCase();
  const s = service.trim().toLowerCase();
  const forCarrier = mappings.filter((m) => m.conduitCarrier.trim().toLowerCase() === c);
  return (
    forCarrier.find((m) => m.conduitService.trim().toLowerCase() === s) ??
    forCarrier.find((m) => m.conduitService.trim() === "") ??
    null
  );
}

export interface LoadedPage {
  /** The page's orders, by Conduit order id ascending. */
  groups: OrderGroup[];
  /** Conduit order id -> its shipments cover every unit of every item (or one covers the whole order). */
  complete: Map<string, boolean>;
}

/**
 * Loads the orders `orderIds` of the workspace (five queries whatever the page size). Candidates
 * are the shipments `isCandidate` accepts, oldest first, each with its packages by position and
 * the channel's mapping for its carrier (null: unmapped).
 */
export async function loadGroups(
  db: Db,
  workspaceId: string,
  orderIds: string[],
  isCandidate: (s: Shipment) => boolean,
  mappings: ShippingMapping[],
): Promise<LoadedPage> {
  const orderRows = await db
    .select({
      id: orders.id,
      scId: orders.sellercloudOrderId,
      createdOn: orders.scCreatedOn,
      orderSourceOrderId: orders.orderSourceOrderId,
    })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), inArray(orders.id, orderIds)));
  const shipmentRows = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.workspaceId, workspaceId), inArray(shipments.orderId, orderIds)))
    .orderBy(asc(shipments.createdAt), asc(shipments.id));
  const packageRows = await listShipmentPackages(db, workspaceId, { orderIds });
  const lines = await db
    .select({
      id: orderItems.id,
      orderId: orderItems.orderId,
      quantity: orderItems.quantity,
      scItemId: orderItems.sellercloudItemId,
    })
    .from(orderItems)
    .where(and(eq(orderItems.workspaceId, workspaceId), inArray(orderItems.orderId, orderIds)));
  const covered = await db
    .select({ orderItemId: shipmentItems.orderItemId, quantity: sql<number>`sum(${shipmentItems.quantity})::int` })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(and(eq(shipments.workspaceId, workspaceId), inArray(shipments.orderId, orderIds)))
    .groupBy(shipmentItems.orderItemId);
  const coveredBy = new Map(covered.map((c) => [c.orderItemId, Number(c.quantity)]));

  const packagesByShipment = new Map<string, ShipmentPackage[]>();
  const packagesByOrder = new Map<string, ShipmentPackage[]>();
  for (const p of packageRows) {
    packagesByShipment.set(p.shipmentId, [...(packagesByShipment.get(p.shipmentId) ?? []), p]);
    packagesByOrder.set(p.orderId, [...(packagesByOrder.get(p.orderId) ?? []), p]);
  }
  const complete = new Map<string, boolean>();
  for (const order of orderRows) {
    const own = shipmentRows.filter((s) => s.orderId === order.id);
    const whole = own.some((s) => s.coversWholeOrder);
    const orderLines = lines.filter((l) => l.orderId === order.id);
    complete.set(order.id, whole || orderLines.every((l) => (coveredBy.get(l.id) ?? 0) >= (l.quantity ?? 0)));
  }
  const groups: OrderGroup[] = orderRows
    .map((order) => ({
      orderId: order.id,
      scOrderId: order.scId,
      scItemIds: new Map(
        lines.filter((l) => l.orderId === order.id && l.scItemId !== null).map((l) => [l.id, Number(l.scItemId)]),
      ),
      createdOn: order.createdOn,
      orderSourceOrderId: order.orderSourceOrderId,
      allPackages: packagesByOrder.get(order.id) ?? [],
      candidates: shipmentRows
        .filter((s) => s.orderId === order.id && isCandidate(s))
        .map((shipment) => ({
          shipment,
          packages: packagesByShipment.get(shipment.id) ?? [],
          mapping: findShippingMapping(mappings, shipment.carrier, shipment.service),
          values: new Map<string, SyncValues>(),
        })),
    }))
    .sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  return { groups, complete };
}
