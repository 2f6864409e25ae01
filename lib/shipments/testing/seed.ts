/**
 * Test and benchmark data: copies sandbox orders into Conduit's orders table the way Get Orders
 * would (only the columns Sync Orders reads), so shipments can be recorded on them.
 */

import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { eq } from "drizzle-orm";
import type { ShippingMapping } from "@/lib/channels/settings";
import type { SandboxState } from "@/lib/sellercloud/sandbox/state";

type Json = Record<string, unknown>;

export interface SeededOrder {
  id: string;
  scId: number;
  items: { id: string; scItemId: number; qty: number }[];
}

/** Ids of sandbox orders that are not shipped yet, lowest first. */
export function unshippedSandboxOrderIds(state: SandboxState, count: number): number[] {
  const out: number[] = [];
  const indexes = state.queryOrders({ shippingStatus: 1, orderBy: 0, ascending: true });
  for (const index of indexes) {
    if (out.length >= count) break;
    out.push(Number(state.orderDtoAt(index).ID));
  }
  return out;
}

export async function importSandboxOrders(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  state: SandboxState,
  ids: readonly number[],
): Promise<SeededOrder[]> {
  const out: SeededOrder[] = [];
  const batch = 500;
  for (let i = 0; i < ids.length; i += batch) {
    const dtos = ids.slice(i, i + batch).map((id) => {
      const order = state.getOrder(id);
      if (!order) throw new Error(`sandbox has no order ${id}`);
      return order.dto as Json;
    });
    const rows = await db
      .insert(orders)
      .values(
        dtos.map((dto) => ({
          workspaceId: scope.workspaceId,
          channelId: scope.channelId,
          sellercloudOrderId: Number(dto.ID),
          orderSourceOrderId: String(dto.OrderSourceOrderID ?? ""),
          scCreatedOn: String(dto.CreatedOn).replace("T", " "),
          scShippingStatus: Number(dto.ShippingStatus),
          raw: { ID: dto.ID },
          contentHash: "seed",
        })),
      )
      .returning({ id: orders.id, scId: orders.sellercloudOrderId });
    const itemValues = rows.flatMap((row, k) =>
      ((dtos[k]!.Items as Json[]) ?? []).map((item, line) => ({
        workspaceId: scope.workspaceId,
        orderId: row.id,
        lineNumber: line + 1,
        sellercloudItemId: Number(item.ID),
        productId: String(item.ProductID),
        displayName: String(item.DisplayName ?? ""),
        quantity: Number(item.Qty),
      })),
    );
    const items = itemValues.length
      ? await db.insert(orderItems).values(itemValues).returning({
          id: orderItems.id,
          orderId: orderItems.orderId,
          scItemId: orderItems.sellercloudItemId,
          qty: orderItems.quantity,
        })
      : [];
    for (const row of rows) {
      out.push({
        id: row.id,
        scId: row.scId,
        items: items
          .filter((it) => it.orderId === row.id)
          .map((it) => ({ id: it.id, scItemId: Number(it.scItemId), qty: it.qty ?? 0 })),
      });
    }
  }
  return out;
}

/** Shipping mappings for the sandbox's carriers: Conduit names "ups"/"fedex"/"usps" -> SellerCloud's. */
export const SANDBOX_MAPPINGS: ShippingMapping[] = [
  { conduitCarrier: "ups", conduitService: "ground", sellercloudCarrier: "UPS", sellercloudService: "UPS Ground" },
  { conduitCarrier: "ups", conduitService: "", sellercloudCarrier: "UPS", sellercloudService: "UPS 2nd Day Air" },
  { conduitCarrier: "fedex", conduitService: "", sellercloudCarrier: "FedEx", sellercloudService: "FedEx Ground" },
  {
    conduitCarrier: "usps",
    conduitService: "priority",
    sellercloudCarrier: "USPS",
    sellercloudService: "USPS Priority Mail",
  },
];

export async function setChannelShippingSettings(
  db: Db,
  channelId: string,
  settings: { mappings?: ShippingMapping[]; partialShipments?: "wait" | "send_now" },
): Promise<void> {
  const [channel] = await db.select({ settings: channels.settings }).from(channels).where(eq(channels.id, channelId));
  const current = channel?.settings ?? { shippingMappings: [] };
  await db
    .update(channels)
    .set({
      settings: {
        ...current,
        shippingMappings: settings.mappings ?? current.shippingMappings ?? [],
        orders: {
          ...(current.orders ?? { orderStatus: 2, dropshipStatus: null, companyId: 1, ageDays: 7, retention: "keep" }),
          partialShipments: settings.partialShipments ?? current.orders?.partialShipments ?? "wait",
        },
      },
    })
    .where(eq(channels.id, channelId));
}
