/**
 * A vendor posting a shipment through the shipments API (POST /api/shipments with its `cdv_` key):
 * the shipment must be for lines of the vendor's own live requests on that order (403 otherwise),
 * becomes an ordinary Conduit shipment (pending for Sync Orders, which waits for every vendor's
 * lines under the channel's default "wait until complete" policy), and moves those lines and
 * requests to shipped. One transaction: the shipment, the link to the request and the states.
 */

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fulfillmentRequestLines, fulfillmentRequests, vendorShipments } from "@/db/schema/vendors";
import { AppError } from "@/lib/errors";
import { coveredQuantities, findOrderForShipment, type RecordedShipment, recordShipment } from "@/lib/shipments/record";
import { apiShipmentSchema } from "@/lib/shipments/schemas";
import { verifyVendorApiKey } from "./api-keys";
import { OPEN_REQUEST_STATES, settleShippedLines } from "./requests";

/**
 * Records a vendor's shipment. Items left out mean "every line of mine on this order still to
 * ship" (never the whole order: other vendors' lines are theirs). Errors: UNAUTHENTICATED (key),
 * VALIDATION (body, quantities), NOT_FOUND (an order not in the key's workspace), FORBIDDEN (an
 * order with no live request of this vendor, or an item that is another vendor's line).
 */
export async function createVendorShipment(
  db: Db,
  request: { authorization: string | null; body: unknown; now?: Date },
): Promise<RecordedShipment> {
  const key = await verifyVendorApiKey(db, request.authorization, request.now);
  const parsed = apiShipmentSchema.safeParse(request.body);
  if (!parsed.success)
    throw new AppError("VALIDATION", "The shipment has fields that need attention.", {
      fieldErrors: Object.fromEntries(
        parsed.error.issues.map((issue) => [issue.path.join(".") || "_body", issue.message]).reverse(),
      ),
    });
  const input = parsed.data;
  const order = await findOrderForShipment(db, key.workspaceId, {
    orderId: input.orderId,
    orderNumber: input.orderNumber,
    channelId: input.channelId,
  });
  const mine = await db
    .select({ line: fulfillmentRequestLines, requestId: fulfillmentRequests.id })
    .from(fulfillmentRequestLines)
    .innerJoin(fulfillmentRequests, eq(fulfillmentRequests.id, fulfillmentRequestLines.requestId))
    .where(
      and(
        eq(fulfillmentRequests.workspaceId, key.workspaceId),
        eq(fulfillmentRequests.orderId, order.id),
        eq(fulfillmentRequests.vendorId, key.vendorId),
        inArray(fulfillmentRequests.state, [...OPEN_REQUEST_STATES]),
        inArray(fulfillmentRequestLines.state, ["open", "acknowledged"]),
      ),
    );
  if (mine.length === 0)
    throw new AppError(
      "FORBIDDEN",
      `Order ${order.sellercloudOrderId} has no open lines of ${key.vendorName}; a vendor key posts shipments only for its own requests.`,
    );
  const lineByItem = new Map(mine.map((m) => [m.line.orderItemId, m]));
  const packages =
    input.packages ?? (input.trackingNumbers ?? []).map((trackingNumber) => ({ trackingNumber, items: [] }));
  const asked = input.items.length ? input.items : packages.flatMap((p) => p.items);
  asked.forEach((item) => {
    if (!lineByItem.has(item.orderItemId))
      throw new AppError(
        "FORBIDDEN",
        `Item ${item.orderItemId} is not one of ${key.vendorName}'s open lines on this order.`,
      );
  });
  let items = asked;
  if (items.length === 0) {
    // Everything of mine still to ship on the order.
    const covered = await coveredQuantities(db, key.workspaceId, order.id);
    items = mine
      .map((m) => ({
        orderItemId: m.line.orderItemId,
        quantity: m.line.quantity - (covered.byItem.get(m.line.orderItemId) ?? 0),
      }))
      .filter((i) => i.quantity > 0);
    if (items.length === 0) throw new AppError("CONFLICT", "Every one of your lines on this order is already shipped.");
  }
  const now = request.now ?? new Date();
  return db.transaction(async (tx) => {
    const shipment = await recordShipment(tx, { workspaceId: key.workspaceId, source: "api", now }, order, {
      carrier: input.carrier,
      service: input.service,
      trackingNumbers: packages.map((p) => p.trackingNumber),
      packageItems: packages.map((p) => p.items),
      shipDate: input.shipDate,
      items,
    });
    await tx.insert(vendorShipments).values({
      shipmentId: shipment.id,
      workspaceId: key.workspaceId,
      requestId: lineByItem.get(items[0]!.orderItemId)!.requestId,
      vendorApiKeyId: key.keyId,
    });
    await settleShippedLines(
      tx,
      { workspaceId: key.workspaceId, orderId: order.id },
      "vendor",
      `The vendor posted a shipment (${input.carrier}, ${shipment.trackingNumbers.join(", ")}).`,
      now,
    );
    return shipment;
  });
}
