/**
 * SellerCloud's statuses of orders Get Orders no longer rewrites (shipped in Conduit): their
 * mapped fields stay as they were, but what SellerCloud says about them (order, shipping, payment
 * and dropship status, last update) is refreshed, so the order never shows a stale SellerCloud
 * status forever. Used by Get Orders' classify (which statuses differ) and its page commit.
 */

import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { ShippingStatus } from "@/lib/sellercloud/enums";

/** SellerCloud's statuses of one order, as its list record (GET /api/Orders) carries them. */
export interface SellerCloudStatuses {
  scId: number;
  statusCode: number | null;
  shippingStatus: number | null;
  paymentStatus: number | null;
  dropshipStatus: number | null;
  /** LastUpdated, SellerCloud's wall-clock text (`YYYY-MM-DDTHH:mm:ss`), or null. */
  lastUpdated: string | null;
}

const intOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) ? value : null;

/**
 * The statuses of a SellerCloud list record (StatusCode, ShippingStatus, PaymentStatus, Dropship,
 * LastUpdated: swagger 2022 MultipleOrderDataDto).
 */
export function statusesOfRecord(scId: number, raw: Record<string, unknown>): SellerCloudStatuses {
  // As Get Orders stores it (records.ts): SellerCloud's empty date 0001-01-01 is no date.
  const text = typeof raw.LastUpdated === "string" ? raw.LastUpdated : "";
  const last =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(text) && !text.startsWith("0001-01-01") ? text.slice(0, 19) : null;
  return {
    scId,
    statusCode: intOrNull(raw.StatusCode),
    shippingStatus: intOrNull(raw.ShippingStatus),
    paymentStatus: intOrNull(raw.PaymentStatus),
    dropshipStatus: intOrNull(raw.Dropship),
    lastUpdated: last,
  };
}

/** True when the stored statuses differ from the record's (the last-update time aside). */
export function statusesDiffer(
  stored: {
    statusCode: number | null;
    shippingStatus: number | null;
    paymentStatus: number | null;
    dropshipStatus: number | null;
  },
  fresh: SellerCloudStatuses,
): boolean {
  return (
    stored.statusCode !== fresh.statusCode ||
    stored.shippingStatus !== fresh.shippingStatus ||
    stored.paymentStatus !== fresh.paymentStatus ||
    stored.dropshipStatus !== fresh.dropshipStatus
  );
}

/**
 * Writes `rows` to the channel's orders (by SellerCloud order ID) in one statement: the four
 * statuses and sc_last_updated; sc_shipped_at becomes `now` when SellerCloud is first seen Fully
 * Shipped and is cleared when it no longer is.
 */
export async function refreshSellerCloudStatuses(
  tx: Db,
  scope: { workspaceId: string; channelId: string },
  rows: readonly SellerCloudStatuses[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(
    rows.map((r) => ({
      sc: r.scId,
      status: r.statusCode,
      shipping: r.shippingStatus,
      payment: r.paymentStatus,
      dropship: r.dropshipStatus,
      last: r.lastUpdated,
    })),
  );
  const at = now.toISOString();
  await tx.execute(sql`
    update ${orders} as o
    set sc_status_code = x.status,
        sc_shipping_status = x.shipping,
        sc_payment_status = x.payment,
        sc_dropship_status = x.dropship,
        sc_last_updated = coalesce(x.last::timestamp, o.sc_last_updated),
        sc_shipped_at = case when x.shipping = ${ShippingStatus.FullyShipped}
          then coalesce(o.sc_shipped_at, ${at}::timestamptz) else null end,
        updated_at = ${at}::timestamptz
    from jsonb_to_recordset(${payload}::jsonb)
      as x(sc bigint, status int, shipping int, payment int, dropship int, last text)
    where o.workspace_id = ${scope.workspaceId}::uuid and o.channel_id = ${scope.channelId}::uuid
      and o.sellercloud_order_id = x.sc`);
}
