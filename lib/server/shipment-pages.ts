/**
 * loadOrderShipmentsSection: the order page's shipments section (order lines with what is left to
 * ship, and its shipments) as plain props.
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/index";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { notFound } from "@/lib/errors";
import { listOrderShipments } from "@/lib/shipments/queries";
import { coveredQuantities } from "@/lib/shipments/record";

/** Everything the order page's shipments section shows, as plain props for client components. */
export async function loadOrderShipmentsSection(workspaceId: string, orderId: string) {
  const db = await getDb();
  const [order] = await db
    .select({ id: orders.id, channelId: orders.channelId, settings: channels.settings })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)));
  if (!order) throw notFound("That order");
  const lines = await db
    .select({
      id: orderItems.id,
      sku: orderItems.productId,
      name: orderItems.displayName,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(and(eq(orderItems.workspaceId, workspaceId), eq(orderItems.orderId, orderId)))
    .orderBy(asc(orderItems.lineNumber));
  const covered = await coveredQuantities(db, workspaceId, orderId);
  const shipments = await listOrderShipments(db, workspaceId, orderId);
  return {
    orderId: order.id,
    channelId: order.channelId,
    partialShipments: order.settings.orders?.partialShipments ?? "wait",
    items: lines.map((l) => ({
      id: l.id,
      sku: l.sku,
      name: l.name,
      ordered: l.quantity ?? 0,
      left: covered.whole ? 0 : Math.max(0, (l.quantity ?? 0) - (covered.byItem.get(l.id) ?? 0)),
    })),
    shipments: shipments.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      service: s.service,
      shipDate: s.shipDate.toISOString(),
      source: s.source,
      syncState: s.syncState,
      syncedAt: s.syncedAt?.toISOString() ?? null,
      failureReason: s.failureReason,
      failureCode: s.failureCode,
      retryable: s.retryable,
      attempts: s.attempts,
      callsUsed: s.callsUsed,
      sentCarrier: s.sentCarrier,
      sentService: s.sentService,
      trackingNumbers: s.trackingNumbers.map((t) => t.trackingNumber),
      items: s.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
      coversWholeOrder: s.coversWholeOrder,
    })),
  };
}

export type OrderShipmentsSectionProps = Awaited<ReturnType<typeof loadOrderShipmentsSection>>;
