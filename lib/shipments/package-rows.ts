/**
 * Reading shipment packages (one tracking number each) for several orders or several shipments at
 * once: the order page's shipment list and Sync Orders' page loader both read them this way.
 */

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type ShipmentPackage, shipmentPackages } from "@/db/schema/shipments";

/**
 * The workspace's packages of the given orders (`orderIds`) or shipments (`shipmentIds`), by
 * position ascending (the order a shipment's tracking numbers were given in).
 */
export async function listShipmentPackages(
  db: Db,
  workspaceId: string,
  of: { orderIds: string[] } | { shipmentIds: string[] },
): Promise<ShipmentPackage[]> {
  const owner =
    "orderIds" in of
      ? inArray(shipmentPackages.orderId, of.orderIds)
      : inArray(shipmentPackages.shipmentId, of.shipmentIds);
  return db
    .select()
    .from(shipmentPackages)
    .where(and(eq(shipmentPackages.workspaceId, workspaceId), owner))
    .orderBy(asc(shipmentPackages.position));
}
