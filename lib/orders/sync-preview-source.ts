/**
 * Shipments for the Sync Orders template editor's live preview: the channel's most recent
 * shipments recorded in Conduit, each as the per-package sources Sync Orders maps (the order's
 * IDs, the carrier and service through the channel's shipping mappings, the tracking numbers and
 * ship date), so the preview shows what a run would send. Reads only; workspace-scoped.
 */

import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import { type ShippingMapping, shippingMappingSchema } from "@/lib/channels/settings";
import { notFound } from "@/lib/errors";
import type { SyncSource } from "@/lib/mapping/sync-evaluate";
import { findShippingMapping } from "@/lib/operations/sync-orders/load";

export interface SyncPreviewShipment {
  shipmentId: string;
  /** Conduit order id (for a link) and SellerCloud's. */
  orderId: string;
  sellercloudOrderId: number;
  /** "#5000123 · UPS ground · 2 tracking numbers · synced" */
  label: string;
  /** False when the channel has no shipping mapping for its carrier (Sync Orders fails it). */
  carrierMapped: boolean;
  /** One source per tracking number (package), as Sync Orders maps them. */
  packages: SyncSource[];
}

export const SYNC_PREVIEW_LIST_SIZE = 20;

/**
 * The channel's `limit` most recent shipments with their packages. NOT_FOUND for a channel that
 * is not the workspace's. An empty list when nothing was recorded yet.
 */
export async function listSyncPreviewShipments(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  limit = SYNC_PREVIEW_LIST_SIZE,
): Promise<SyncPreviewShipment[]> {
  const [channel] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, scope.workspaceId), eq(channels.id, scope.channelId)));
  if (!channel) throw notFound("That channel");
  const mappings: ShippingMapping[] = [];
  for (const raw of channel.settings.shippingMappings ?? []) {
    const parsed = shippingMappingSchema.safeParse(raw);
    if (parsed.success) mappings.push(parsed.data);
  }

  const rows = await db
    .select({
      shipment: shipments,
      sellercloudOrderId: orders.sellercloudOrderId,
      orderSourceOrderId: orders.orderSourceOrderId,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(eq(shipments.workspaceId, scope.workspaceId), eq(shipments.channelId, scope.channelId)))
    .orderBy(desc(shipments.createdAt), desc(shipments.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const packages = await db
    .select({ shipmentId: shipmentPackages.shipmentId, trackingNumber: shipmentPackages.trackingNumber })
    .from(shipmentPackages)
    .where(
      and(
        eq(shipmentPackages.workspaceId, scope.workspaceId),
        inArray(
          shipmentPackages.shipmentId,
          rows.map((r) => r.shipment.id),
        ),
      ),
    )
    .orderBy(asc(shipmentPackages.position));
  const numbersOf = new Map<string, string[]>();
  for (const p of packages) numbersOf.set(p.shipmentId, [...(numbersOf.get(p.shipmentId) ?? []), p.trackingNumber]);

  return rows.map(({ shipment, sellercloudOrderId, orderSourceOrderId }) => {
    const mapping = findShippingMapping(mappings, shipment.carrier, shipment.service);
    const numbers = numbersOf.get(shipment.id) ?? [];
    // Whole seconds up, as Sync Orders maps it (plan.ts).
    const shipDate = new Date(Math.ceil(shipment.shipDate.getTime() / 1000) * 1000).toISOString();
    return {
      shipmentId: shipment.id,
      orderId: shipment.orderId,
      sellercloudOrderId,
      label: [
        `#${sellercloudOrderId}`,
        [shipment.carrier, shipment.service].filter(Boolean).join(" "),
        `${numbers.length} tracking number${numbers.length === 1 ? "" : "s"}`,
        shipment.syncState,
      ].join(" · "),
      carrierMapped: mapping !== null,
      packages: numbers.map((trackingNumber) => ({
        order: { sellercloudOrderId, orderSourceOrderId },
        shipment: {
          carrier: mapping?.sellercloudCarrier ?? "",
          service: mapping?.sellercloudService ?? "",
          conduitCarrier: shipment.carrier,
          conduitService: shipment.service,
          trackingNumber,
          trackingNumbers: numbers,
          shipDate,
        },
      })),
    };
  });
}
