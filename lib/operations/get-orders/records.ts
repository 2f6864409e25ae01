/**
 * Planned orders as database records keyed by column name (snake case, as in db/schema/orders.ts):
 * the template's written targets plus the columns every import writes. write.ts sends them as
 * JSON (jsonb_to_recordset) or COPY rows.
 */
import { getTableColumns } from "drizzle-orm";
import { orderItems, orders } from "@/db/schema/orders";
import type { CompiledTemplate } from "@/lib/mapping/evaluate";
import { currencyFromSellerCloud } from "@/lib/money/currency";
import type { PlannedOrder } from "./plan-order";

const ORDER_COLUMNS = new Map(Object.values(getTableColumns(orders)).map((col) => [col.name, col.getSQLType()]));
const ITEM_COLUMNS = new Map(Object.values(getTableColumns(orderItems)).map((col) => [col.name, col.getSQLType()]));

/** The SQL type of an `orders` column (e.g. "numeric(12, 2)"); throws if the schema has no such column. */
export function orderColumnType(column: string): string {
  return sqlType(ORDER_COLUMNS, column);
}

/** The SQL type of an `order_items` column; throws if the schema has no such column. */
export function itemColumnType(column: string): string {
  return sqlType(ITEM_COLUMNS, column);
}

function sqlType(columns: Map<string, string>, column: string): string {
  const type = columns.get(column);
  if (!type) throw new Error(`No column ${column}: lib/mapping/targets.ts and db/schema/orders.ts disagree`);
  return type;
}

/** A double-quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Columns every import writes besides the template's targets. */
export const SYSTEM_ORDER_COLUMNS = [
  "customer_email",
  "sc_status_code",
  "sc_shipping_status",
  "sc_payment_status",
  "sc_dropship_status",
  "sc_company_id",
  "sc_created_on",
  "sc_last_updated",
  "currency_code",
  "raw",
  "content_hash",
  "template_version_id",
] as const;

function intOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

/** SellerCloud's wall-clock date, or null for the unset sentinel / garbage. */
function scTimestamp(value: unknown): string | null {
  if (typeof value !== "string" || value.startsWith("0001-01-01")) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value) ? value.slice(0, 19) : null;
}

/**
 * One record per order: sellercloud_order_id, the system columns read from the raw DTO (all but
 * `raw`, which the writers add in their own form), and each written template target (null when
 * the mapping left it out).
 */
export function orderRecords(
  writes: PlannedOrder[],
  compiled: CompiledTemplate,
  versionId: string | null,
): Array<Record<string, unknown>> {
  return writes.map((plan) => {
    const raw = plan.raw;
    const record: Record<string, unknown> = {
      sellercloud_order_id: plan.scId,
      customer_email:
        typeof raw.CustomerEmail === "string" && raw.CustomerEmail.trim() ? raw.CustomerEmail.trim() : null,
      sc_status_code: intOrNull(raw.StatusCode),
      sc_shipping_status: intOrNull(raw.ShippingStatus),
      sc_payment_status: intOrNull(raw.PaymentStatus),
      sc_dropship_status: intOrNull(raw.Dropship),
      sc_company_id: intOrNull(raw.CompanyID),
      sc_created_on: scTimestamp(raw.CreatedOn),
      sc_last_updated: scTimestamp(raw.LastUpdated),
      currency_code: currencyFromSellerCloud(raw.OrderCurrencyCode),
      content_hash: plan.hash,
      template_version_id: versionId,
    };
    for (const target of compiled.writtenOrderTargets) record[target.column] = plan.mapped.values[target.key] ?? null;
    return record;
  });
}

function textAt(record: unknown, key: string): string | null {
  const value = record && typeof record === "object" ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" && value.trim() ? value : null;
}

/**
 * One record per order line: sellercloud_order_id (to join its order), line_number,
 * sellercloud_item_id, each written item target, and the two keys of the catalog variant match
 * (sc_product_id, match_sku), which are not columns of order_items.
 */
export function itemRecords(writes: PlannedOrder[], compiled: CompiledTemplate): Array<Record<string, unknown>> {
  return writes.flatMap((plan) =>
    plan.mapped.items.map((item) => {
      const record: Record<string, unknown> = {
        sellercloud_order_id: plan.scId,
        line_number: item.lineNumber,
        sellercloud_item_id: item.sellercloudItemId === null ? null : Number(item.sellercloudItemId),
        // For the variant match: the SellerCloud SKU (Link Listings links) and the mapped Product
        // ID (a template may translate SellerCloud SKUs into the merchant's own).
        sc_product_id: textAt((plan.raw.Items as unknown[] | undefined)?.[item.lineNumber - 1], "ProductID"),
        match_sku: typeof item.values["item.productId"] === "string" ? item.values["item.productId"] : null,
      };
      for (const target of compiled.writtenItemTargets) record[target.column] = item.values[target.key] ?? null;
      return record;
    }),
  );
}
