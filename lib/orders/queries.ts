/** Read side of imported orders: the orders page and the order detail. Always workspace-scoped. */
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { mappingTemplates, mappingTemplateVersions } from "@/db/schema/mapping";
import { type Order, type OrderItem, orderItems, orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { shipments } from "@/db/schema/shipments";
import { notFound } from "@/lib/errors";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import { type ConduitShipmentState, describeOrderStatus, type OrderStatusFacts } from "./status";

/**
 * The SQL twin of conduitShipmentState (./status.ts) for the order row in scope ("orders"):
 * none, failed, pending (pending or sending) or synced. One index probe per order (shipments_order).
 */
const CONDUIT_STATE_SQL = sql<ConduitShipmentState>`(select case
    when count(*) = 0 then 'none'
    when bool_or(s.sync_state = 'failed') then 'failed'
    when bool_or(s.sync_state in ('pending', 'sending')) then 'pending'
    else 'synced' end
  from ${shipments} s where s.workspace_id = "orders"."workspace_id" and s.order_id = "orders"."id")`;

export interface ListOrdersFilter {
  /** SellerCloud order ID, order source order ID, customer name or email, SKU on a line. */
  search?: string;
  channelId?: string;
  /** SellerCloud order status code (StatusCode). */
  status?: number;
  /** SellerCloud's shipping status is Fully Shipped (true) or anything else (false). */
  shipped?: boolean;
  /** Where the order's shipments recorded in Conduit stand (./status.ts). */
  conduit?: ConduitShipmentState;
  /** Orders a Get Orders run imported or last updated (the run page links here). */
  runId?: string;
  /** Time of order, inclusive from, exclusive to, as SellerCloud's wall-clock `YYYY-MM-DD[THH:mm:ss]`. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  sort?: "time_of_order_desc" | "time_of_order_asc" | "imported_desc";
}

export type OrderListRow = Pick<
  Order,
  | "id"
  | "channelId"
  | "sellercloudOrderId"
  | "orderSourceOrderId"
  | "timeOfOrder"
  | "grandTotal"
  | "currencyCode"
  | "shippingFirstName"
  | "shippingLastName"
  | "shippingCity"
  | "shippingCountryCode"
  | "scStatusCode"
  | "scShippingStatus"
  | "shippedAt"
  | "scShippedAt"
  | "personalDataClearedAt"
  | "createdAt"
> & { channelName: string; itemCount: number; conduitState: ConduitShipmentState };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listOrders(
  db: Db,
  workspaceId: string,
  filter: ListOrdersFilter = {},
): Promise<{ rows: OrderListRow[]; total: number }> {
  const conditions: SQL[] = [eq(orders.workspaceId, workspaceId)];
  if (filter.channelId) conditions.push(eq(orders.channelId, filter.channelId));
  if (filter.status !== undefined) conditions.push(eq(orders.scStatusCode, filter.status));
  if (filter.shipped === true) conditions.push(eq(orders.scShippingStatus, ShippingStatus.FullyShipped));
  if (filter.shipped === false)
    conditions.push(sql`${orders.scShippingStatus} is distinct from ${ShippingStatus.FullyShipped}`);
  if (filter.conduit) conditions.push(sql`${CONDUIT_STATE_SQL} = ${filter.conduit}`);
  if (filter.runId)
    conditions.push(or(eq(orders.importedByRunId, filter.runId), eq(orders.lastUpdatedByRunId, filter.runId))!);
  if (filter.from) conditions.push(gte(orders.timeOfOrder, filter.from));
  if (filter.to) conditions.push(lt(orders.timeOfOrder, filter.to));
  const search = filter.search?.trim();
  if (search) {
    const like = `%${escapeLike(search)}%`;
    const matches: SQL[] = [
      ilike(orders.orderSourceOrderId, like),
      ilike(orders.shippingFirstName, like),
      ilike(orders.shippingLastName, like),
      ilike(sql`${orders.shippingFirstName} || ' ' || ${orders.shippingLastName}`, like),
      ilike(orders.customerEmail, like),
      sql`exists (select 1 from ${orderItems} oi where oi.order_id = "orders"."id" and oi.product_id ilike ${like})`,
    ];
    if (/^\d{1,15}$/.test(search)) matches.push(eq(orders.sellercloudOrderId, Number(search)));
    conditions.push(or(...matches)!);
  }
  const where = and(...conditions);
  const order =
    filter.sort === "time_of_order_asc"
      ? [asc(orders.timeOfOrder), asc(orders.id)]
      : filter.sort === "imported_desc"
        ? [desc(orders.createdAt), desc(orders.id)]
        : [sql`${orders.timeOfOrder} desc nulls last`, desc(orders.id)];

  const rows = await db
    .select({
      id: orders.id,
      channelId: orders.channelId,
      channelName: channels.name,
      sellercloudOrderId: orders.sellercloudOrderId,
      orderSourceOrderId: orders.orderSourceOrderId,
      timeOfOrder: orders.timeOfOrder,
      grandTotal: orders.grandTotal,
      currencyCode: orders.currencyCode,
      shippingFirstName: orders.shippingFirstName,
      shippingLastName: orders.shippingLastName,
      shippingCity: orders.shippingCity,
      shippingCountryCode: orders.shippingCountryCode,
      scStatusCode: orders.scStatusCode,
      scShippingStatus: orders.scShippingStatus,
      shippedAt: orders.shippedAt,
      scShippedAt: orders.scShippedAt,
      personalDataClearedAt: orders.personalDataClearedAt,
      createdAt: orders.createdAt,
      conduitState: CONDUIT_STATE_SQL,
      itemCount: sql<number>`(select count(*) from ${orderItems} oi where oi.order_id = "orders"."id")::int`,
    })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(where)
    .orderBy(...order)
    .limit(Math.min(filter.limit ?? 50, 500))
    .offset(filter.offset ?? 0);
  const [totalRow] = await db.select({ n: count() }).from(orders).where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export type OrderItemDetail = OrderItem & {
  variant: { id: string; sku: string; listingId: string; listingTitle: string } | null;
};

export interface OrderDetail {
  order: Order;
  channel: { id: string; name: string };
  items: OrderItemDetail[];
  /** The run that first imported the order, and the one that last updated it. */
  importedBy: { id: string; status: string; startedAt: Date | null; dryRun: boolean } | null;
  lastUpdatedBy: { id: string; status: string; startedAt: Date | null } | null;
  template: { id: string; name: string; version: number } | null;
  /** What Conduit knows locally and what SellerCloud confirmed (./status.ts). */
  status: OrderStatusFacts;
}

export async function getOrder(db: Db, workspaceId: string, orderId: string): Promise<OrderDetail> {
  const [row] = await db
    .select({ order: orders, channel: { id: channels.id, name: channels.name } })
    .from(orders)
    .innerJoin(channels, eq(channels.id, orders.channelId))
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)));
  if (!row) throw notFound("That order");
  const { order } = row;

  const lines = await db
    .select({
      item: orderItems,
      variantId: variants.id,
      sku: variants.sku,
      listingId: listings.id,
      listingTitle: listings.title,
    })
    .from(orderItems)
    .leftJoin(variants, eq(variants.id, orderItems.variantId))
    .leftJoin(listings, eq(listings.id, variants.listingId))
    .where(and(eq(orderItems.workspaceId, workspaceId), eq(orderItems.orderId, orderId)))
    .orderBy(asc(orderItems.lineNumber));

  const runIds = [order.importedByRunId, order.lastUpdatedByRunId].filter((id): id is string => Boolean(id));
  const runRows = runIds.length
    ? await db
        .select({ id: runs.id, status: runs.status, startedAt: runs.startedAt, dryRun: runs.dryRun })
        .from(runs)
        .where(and(eq(runs.workspaceId, workspaceId), inArray(runs.id, runIds)))
    : [];
  const runById = new Map(runRows.map((r) => [r.id, r]));

  const [template] = order.templateVersionId
    ? await db
        .select({ id: mappingTemplates.id, name: mappingTemplates.name, version: mappingTemplateVersions.version })
        .from(mappingTemplateVersions)
        .innerJoin(mappingTemplates, eq(mappingTemplates.id, mappingTemplateVersions.templateId))
        .where(
          and(
            eq(mappingTemplateVersions.workspaceId, workspaceId),
            eq(mappingTemplateVersions.id, order.templateVersionId),
          ),
        )
    : [];

  const shipmentStates = await db
    .select({ state: shipments.syncState })
    .from(shipments)
    .where(and(eq(shipments.workspaceId, workspaceId), eq(shipments.orderId, orderId)));

  const imported = order.importedByRunId ? runById.get(order.importedByRunId) : undefined;
  const updated = order.lastUpdatedByRunId ? runById.get(order.lastUpdatedByRunId) : undefined;
  return {
    order,
    channel: row.channel,
    items: lines.map((l) => ({
      ...l.item,
      variant:
        l.variantId && l.sku && l.listingId
          ? { id: l.variantId, sku: l.sku, listingId: l.listingId, listingTitle: l.listingTitle ?? "" }
          : null,
    })),
    importedBy: imported ?? null,
    lastUpdatedBy: updated ? { id: updated.id, status: updated.status, startedAt: updated.startedAt } : null,
    template: template ?? null,
    status: describeOrderStatus({
      shipmentStates: shipmentStates.map((r) => r.state),
      shippedAt: order.shippedAt,
      scShippingStatus: order.scShippingStatus,
      scShippedAt: order.scShippedAt,
    }),
  };
}

/** Marks an order shipped in Conduit (Sync Orders / fulfilment). Imports stop changing it after this. */
export async function markOrderShipped(db: Db, workspaceId: string, orderId: string, at: Date): Promise<void> {
  const updated = await db
    .update(orders)
    .set({ shippedAt: at, updatedAt: at })
    .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId), isNull(orders.shippedAt)))
    .returning({ id: orders.id });
  if (updated.length === 0) {
    const [exists] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.id, orderId)));
    if (!exists) throw notFound("That order");
  }
}
