/**
 * Orders for the template editor's live preview, fetched through the channel's own connection in
 * SellerCloud's list shape (the shape Get Orders maps, so the preview maps exactly what a run
 * would). One list call per request; the browser re-evaluates the template locally as it changes.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { orderSettingsSchema } from "@/lib/channels/settings";
import { AppError, notFound } from "@/lib/errors";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { OrderSortBy, OrderStatus } from "@/lib/sellercloud/enums";
import { SellerCloudError } from "@/lib/sellercloud/errors";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";

export interface PreviewOrder {
  id: number;
  orderSourceOrderId: string | null;
  timeOfOrder: string | null;
  customer: string;
  grandTotal: number | null;
  itemCount: number;
  raw: Record<string, unknown>;
}

export const PREVIEW_LIST_SIZE = 20;
const DAY_MS = 86_400_000;

function toPreview(order: ScOrder): PreviewOrder {
  const name = [order.shippingAddress?.firstName ?? order.firstName, order.shippingAddress?.lastName ?? order.lastName]
    .filter(Boolean)
    .join(" ");
  return {
    id: order.id,
    orderSourceOrderId: order.orderSourceOrderId,
    timeOfOrder: order.timeOfOrder,
    customer: name,
    grandTotal: order.grandTotal,
    itemCount: order.items.length,
    raw: (order.raw ?? {}) as Record<string, unknown>,
  };
}

function upstream(error: unknown): never {
  if (error instanceof SellerCloudError)
    throw new AppError("UPSTREAM", `SellerCloud did not answer as expected: ${error.message}`, { cause: error });
  throw error;
}

/**
 * The channel's most recent orders that match its Get Orders filters (newest first), or the one
 * order `orderId` whatever its status, so any order can be tried.
 */
export async function fetchPreviewOrders(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  options: { orderId?: number; now: Date; createClient: () => Promise<SellerCloudClient> },
): Promise<PreviewOrder[]> {
  const [channel] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, scope.workspaceId), eq(channels.id, scope.channelId)));
  if (!channel) throw notFound("That channel");
  const client = await options.createClient();
  try {
    if (options.orderId !== undefined) {
      const { orders } = await client.getOrdersByIds([options.orderId]);
      if (orders.length === 0)
        throw new AppError("NOT_FOUND", `SellerCloud has no order ${options.orderId} that this connection can see.`);
      return orders.map(toPreview);
    }
    const settings = orderSettingsSchema.safeParse(channel.settings.orders ?? {});
    if (!settings.success)
      throw new AppError(
        "BAD_REQUEST",
        "Choose the channel's SellerCloud company in its Get Orders settings first, or enter an order ID.",
      );
    const page = await client.getOrdersPage(
      {
        companyId: settings.data.companyId,
        orderStatus: settings.data.orderStatus ?? OrderStatus.InProcess,
        dropshipStatus: settings.data.dropshipStatus ?? undefined,
        createdFrom: new Date(options.now.getTime() - (settings.data.ageDays + 1) * DAY_MS),
        sortBy: OrderSortBy.OrderID,
        ascending: false,
        pageSize: PREVIEW_LIST_SIZE,
      },
      1,
    );
    return page.items.map(toPreview);
  } catch (error) {
    return upstream(error);
  }
}
