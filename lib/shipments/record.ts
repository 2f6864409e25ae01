/**
 * Recording a shipment: one transaction that checks the order's items and quantities, keeps a
 * tracking number to one entry per order (so a re-uploaded CSV or a retried API call never makes a
 * second shipment), and leaves the shipment pending for Sync Orders. Tracking numbers are stored
 * normalised (./tracking.ts) and compared normalised with those already on the order.
 */
import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { type ShipmentSource, shipmentItems, shipmentPackages, shipments } from "@/db/schema/shipments";
import { AppError, notFound } from "@/lib/errors";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import { normalizeTrackingNumber } from "./tracking";

/** Ship dates further ahead than this are refused; anything in the future is clamped when sent. */
const FUTURE_TOLERANCE_MS = 36 * 3_600_000;

export interface ShipmentDetails {
  carrier: string;
  service: string;
  trackingNumbers: string[];
  /** Optional items per tracking number (same order as trackingNumbers). */
  packageItems?: { orderItemId: string; quantity: number }[][];
  shipDate?: Date;
  items: { orderItemId: string; quantity: number }[];
}

export interface RecordContext {
  workspaceId: string;
  source: ShipmentSource;
  userId?: string | null;
  apiKeyId?: string | null;
  now?: Date;
}

export interface RecordedShipment {
  id: string;
  orderId: string;
  channelId: string;
  sellercloudOrderId: number;
  trackingNumbers: string[];
  /** Set when SellerCloud already has the order Fully Shipped: what Sync Orders will do (alreadyShippedWarning). */
  warning?: string;
}

/**
 * The warning for a shipment recorded on an order SellerCloud already has Fully Shipped (as last
 * read by Get Orders or confirmed by Sync Orders). SellerCloud cannot add packages to a shipped
 * order (reference/sellercloud-api.md §5.3), so Sync Orders can only use its empty packages.
 */
export function alreadyShippedWarning(sellercloudOrderId: number): string {
  return `SellerCloud already has order #${sellercloudOrderId} Fully Shipped. Sync Orders will put these tracking numbers on the order's empty packages in SellerCloud, if it has any; SellerCloud cannot add packages to a shipped order, so a number with no empty package left fails and must be added in SellerCloud by hand.`;
}

export interface OrderRef {
  id: string;
  channelId: string;
  sellercloudOrderId: number;
}

/**
 * An order of the workspace by Conduit id, SellerCloud order ID or marketplace order number.
 * An order that is not the workspace's is NOT_FOUND, whether it exists in another workspace or
 * nowhere (the same answer, so an API key cannot probe other tenants' order numbers), and a number
 * shared by orders of two channels needs the channel.
 */
export async function findOrderForShipment(
  db: Db,
  workspaceId: string,
  ref: { orderId?: string; orderNumber?: string | number; channelId?: string },
): Promise<OrderRef> {
  const columns = {
    id: orders.id,
    workspaceId: orders.workspaceId,
    channelId: orders.channelId,
    sellercloudOrderId: orders.sellercloudOrderId,
  };
  let found: { id: string; workspaceId: string; channelId: string; sellercloudOrderId: number }[];
  if (ref.orderId) {
    found = await db.select(columns).from(orders).where(eq(orders.id, ref.orderId));
  } else {
    const number = String(ref.orderNumber ?? "").trim();
    if (!number)
      throw new AppError("VALIDATION", "Give the order number.", { fieldErrors: { orderNumber: "Required" } });
    const byScId = /^\d{1,15}$/.test(number) ? eq(orders.sellercloudOrderId, Number(number)) : undefined;
    const bySource = eq(orders.orderSourceOrderId, number);
    found = await db
      .select(columns)
      .from(orders)
      .where(byScId ? or(byScId, bySource) : bySource)
      .limit(20);
  }
  const mine = found.filter((o) => o.workspaceId === workspaceId && (!ref.channelId || o.channelId === ref.channelId));
  if (mine.length === 0) {
    throw notFound(ref.orderId ? "That order" : `Order "${String(ref.orderNumber)}"`);
  }
  // A SellerCloud ID match wins over a marketplace number that happens to look the same.
  const exact =
    ref.orderNumber !== undefined
      ? mine.filter((o) => String(o.sellercloudOrderId) === String(ref.orderNumber).trim())
      : [];
  const candidates = exact.length ? exact : mine;
  if (candidates.length > 1) {
    throw new AppError(
      "VALIDATION",
      `Order "${String(ref.orderNumber)}" exists in more than one channel; say which channel.`,
      {
        fieldErrors: { channelId: "Several channels have this order number" },
      },
    );
  }
  const order = candidates[0]!;
  const [channel] = await db
    .select({ deletedAt: channels.deletedAt })
    .from(channels)
    .where(eq(channels.id, order.channelId));
  if (channel?.deletedAt) {
    throw new AppError(
      "CONFLICT",
      `Order "${order.sellercloudOrderId}" belongs to a deleted channel, so shipments can no longer be sent to SellerCloud from Conduit.`,
    );
  }
  return { id: order.id, channelId: order.channelId, sellercloudOrderId: order.sellercloudOrderId };
}

/** Records a shipment on an order of the workspace (pending until Sync Orders sends it). */
export async function recordShipment(
  db: Db,
  ctx: RecordContext,
  order: OrderRef,
  details: ShipmentDetails,
): Promise<RecordedShipment> {
  const now = ctx.now ?? new Date();
  const fieldErrors: Record<string, string> = {};
  const shipDate = details.shipDate ?? now;
  if (shipDate.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    fieldErrors.shipDate = "The ship date cannot be in the future";
  if (shipDate.getTime() < Date.UTC(2000, 0, 1)) fieldErrors.shipDate = "The ship date is too far in the past";
  const tracking = details.trackingNumbers.map(normalizeTrackingNumber);
  const seen = new Set<string>();
  tracking.forEach((t, i) => {
    if (t === "") fieldErrors[`trackingNumbers.${i}`] = "Enter a tracking number";
    else if (seen.has(t)) fieldErrors[`trackingNumbers.${i}`] = "Each tracking number once";
    seen.add(t);
  });

  return db.transaction(async (tx) => {
    // Lock the order so two uploads cannot both take the last units of an item.
    const [locked] = await tx
      .select({ scShippingStatus: orders.scShippingStatus })
      .from(orders)
      .where(eq(orders.id, order.id))
      .for("update");

    const lines = await tx
      .select({
        id: orderItems.id,
        quantity: orderItems.quantity,
        name: orderItems.displayName,
        sku: orderItems.productId,
      })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, order.id), eq(orderItems.workspaceId, ctx.workspaceId)));
    const lineById = new Map(lines.map((l) => [l.id, l]));

    if (details.items.length) {
      const already = await coveredQuantities(tx, ctx.workspaceId, order.id);
      const asked = new Map<string, number>();
      details.items.forEach((item, i) => {
        const line = lineById.get(item.orderItemId);
        if (!line) {
          fieldErrors[`items.${i}.orderItemId`] = "This item is not on the order";
          return;
        }
        const total = (asked.get(item.orderItemId) ?? 0) + item.quantity;
        asked.set(item.orderItemId, total);
        const left = Math.max(0, (line.quantity ?? 0) - (already.byItem.get(item.orderItemId) ?? 0));
        if (already.whole) fieldErrors[`items.${i}.quantity`] = "A shipment already covers the whole order";
        else if (total > left) {
          fieldErrors[`items.${i}.quantity`] =
            left === 0 ? `${line.sku ?? "This item"} is already fully shipped` : `At most ${left} left to ship`;
        }
      });
    }

    details.packageItems?.forEach((list, p) => {
      list.forEach((item, i) => {
        if (!lineById.has(item.orderItemId))
          fieldErrors[`packages.${p}.items.${i}.orderItemId`] = "This item is not on the order";
      });
    });

    if (tracking.length) {
      // All of the order's numbers, compared normalised: ones recorded before normalisation
      // ("1z 999 …") still count as taken.
      const takenSet = await recordedTrackingNumbers(tx, ctx.workspaceId, order.id);
      tracking.forEach((t, i) => {
        if (takenSet.has(t))
          fieldErrors[`trackingNumbers.${i}`] = `Tracking number ${t} is already recorded on this order`;
      });
    }

    if (Object.keys(fieldErrors).length) {
      throw new AppError("VALIDATION", firstMessage(fieldErrors), { fieldErrors });
    }

    const [shipment] = await tx
      .insert(shipments)
      .values({
        workspaceId: ctx.workspaceId,
        orderId: order.id,
        channelId: order.channelId,
        carrier: details.carrier.trim(),
        service: details.service.trim(),
        shipDate,
        coversWholeOrder: details.items.length === 0,
        source: ctx.source,
        createdByUserId: ctx.userId ?? null,
        apiKeyId: ctx.apiKeyId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: shipments.id });
    const shipmentId = shipment!.id;
    await tx.insert(shipmentPackages).values(
      tracking.map((trackingNumber, position) => ({
        workspaceId: ctx.workspaceId,
        shipmentId,
        orderId: order.id,
        position,
        trackingNumber,
        items: details.packageItems?.[position]?.length ? details.packageItems[position] : null,
      })),
    );
    if (details.items.length) {
      const merged = new Map<string, number>();
      for (const item of details.items)
        merged.set(item.orderItemId, (merged.get(item.orderItemId) ?? 0) + item.quantity);
      await tx.insert(shipmentItems).values(
        [...merged].map(([orderItemId, quantity]) => ({
          workspaceId: ctx.workspaceId,
          shipmentId,
          orderItemId,
          quantity,
        })),
      );
    }

    // The order counts as shipped in Conduit once its shipments cover every item.
    const coverage = await coveredQuantities(tx, ctx.workspaceId, order.id);
    const complete = coverage.whole || lines.every((l) => (coverage.byItem.get(l.id) ?? 0) >= (l.quantity ?? 0));
    if (complete) {
      await tx
        .update(orders)
        .set({ shippedAt: now })
        .where(and(eq(orders.id, order.id), isNull(orders.shippedAt)));
    }

    return {
      id: shipmentId,
      orderId: order.id,
      channelId: order.channelId,
      sellercloudOrderId: order.sellercloudOrderId,
      trackingNumbers: tracking,
      ...(locked?.scShippingStatus === ShippingStatus.FullyShipped
        ? { warning: alreadyShippedWarning(order.sellercloudOrderId) }
        : {}),
    };
  });
}

/**
 * The tracking numbers already recorded on an order, normalised (./tracking.ts). Stored numbers
 * are left as they were recorded; only the comparison normalises them.
 */
export async function recordedTrackingNumbers(db: Db, workspaceId: string, orderId: string): Promise<Set<string>> {
  const rows = await db
    .select({ trackingNumber: shipmentPackages.trackingNumber })
    .from(shipmentPackages)
    .where(and(eq(shipmentPackages.workspaceId, workspaceId), eq(shipmentPackages.orderId, orderId)));
  return new Set(rows.map((r) => normalizeTrackingNumber(r.trackingNumber)));
}

/** Units already covered per order line by the order's shipments; `whole` when one covers it all. */
export async function coveredQuantities(db: Db, workspaceId: string, orderId: string) {
  const whole = await db
    .select({ id: shipments.id })
    .from(shipments)
    .where(
      and(eq(shipments.workspaceId, workspaceId), eq(shipments.orderId, orderId), eq(shipments.coversWholeOrder, true)),
    )
    .limit(1);
  const rows = await db
    .select({ orderItemId: shipmentItems.orderItemId, quantity: sql<number>`sum(${shipmentItems.quantity})::int` })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(and(eq(shipments.workspaceId, workspaceId), eq(shipments.orderId, orderId)))
    .groupBy(shipmentItems.orderItemId);
  return { whole: whole.length > 0, byItem: new Map(rows.map((r) => [r.orderItemId, Number(r.quantity)])) };
}

function firstMessage(fieldErrors: Record<string, string>): string {
  const first = Object.values(fieldErrors)[0];
  return first ? `${first}.` : "Some fields need attention.";
}
