/**
 * Orders imported from SellerCloud by Get Orders. The mapped columns are named by
 * lib/mapping/targets.ts (`column`); money is numeric(12,2), dates are SellerCloud's own wall-clock
 * time (its zone is undocumented, so no zone is invented: `timestamp without time zone`).
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { variants } from "./catalog";
import { channels } from "./channels";

const money = (name: string) => numeric(name, { precision: 12, scale: 2 });
const scTime = (name: string) => timestamp(name, { mode: "string" });

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    sellercloudOrderId: bigint("sellercloud_order_id", { mode: "number" }).notNull(),

    billingCity: text("billing_city"),
    billingCompanyName: text("billing_company_name"),
    billingCountryCode: text("billing_country_code"),
    billingCountryName: text("billing_country_name"),
    billingFirstName: text("billing_first_name"),
    billingLastName: text("billing_last_name"),
    billingPhone: text("billing_phone"),
    billingPostalCode: text("billing_postal_code"),
    billingStateCode: text("billing_state_code"),
    billingStateName: text("billing_state_name"),
    billingStreet1: text("billing_street1"),
    billingStreet2: text("billing_street2"),
    shippingCity: text("shipping_city"),
    shippingCompanyName: text("shipping_company_name"),
    shippingCountryCode: text("shipping_country_code"),
    shippingCountryName: text("shipping_country_name"),
    shippingFirstName: text("shipping_first_name"),
    shippingLastName: text("shipping_last_name"),
    shippingPhone: text("shipping_phone"),
    shippingPostalCode: text("shipping_postal_code"),
    shippingStateCode: text("shipping_state_code"),
    shippingStateName: text("shipping_state_name"),
    shippingStreet1: text("shipping_street1"),
    shippingStreet2: text("shipping_street2"),
    grandTotal: money("grand_total"),
    orderSourceOrderId: text("order_source_order_id"),
    shippingService: text("shipping_service"),
    shippingTotal: money("shipping_total"),
    taxTotal: money("tax_total"),
    /**
     * ISO 4217 code of the order's amounts, from SellerCloud's OrderCurrencyCode (an int enum:
     * 0 USD, 1 GBP, 2 JPY, 3 EUR, 4 CAD, 5 AUD; reference/sellercloud-api.md §7.7). Null when the
     * record did not carry it or the code is not one Conduit knows.
     */
    currencyCode: text("currency_code"),
    timeOfOrder: scTime("time_of_order"),

    /** Personal data outside the template, cleared by retention like the addresses. */
    customerEmail: text("customer_email"),
    // SellerCloud's statuses as of the last import, refreshed by Get Orders even once the order is
    // shipped in Conduit and by Sync Orders when it reads the order back or confirms its tracking
    // (integers, lib/sellercloud/enums.ts labels).
    scStatusCode: integer("sc_status_code"),
    scShippingStatus: integer("sc_shipping_status"),
    scPaymentStatus: integer("sc_payment_status"),
    scDropshipStatus: integer("sc_dropship_status"),
    scCompanyId: integer("sc_company_id"),
    scCreatedOn: scTime("sc_created_on"),
    scLastUpdated: scTime("sc_last_updated"),
    /** The SellerCloud list record as received (personal keys removed once retention clears it). */
    raw: jsonb("raw").$type<Record<string, unknown>>().notNull(),
    /** Hash of the raw record and its mapped values: equal means an import has nothing to update. */
    contentHash: text("content_hash").notNull(),
    // Audit references without foreign keys (like runs.template_version_id): they point at history
    // rows, and skipping three FK checks per order keeps the page insert close to COPY speed.
    // Readers left-join them, so a deleted run or template shows as gone, never as an error.
    importedByRunId: uuid("imported_by_run_id"),
    lastUpdatedByRunId: uuid("last_updated_by_run_id"),
    templateVersionId: uuid("template_version_id"),
    /**
     * Set when the shipments recorded in Conduit cover every item (local fact, not SellerCloud's);
     * from then on imports no longer change the order's mapped fields (only SellerCloud's statuses).
     */
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    /**
     * When Conduit saw SellerCloud have the order Fully Shipped: the Sync Orders run that confirmed
     * its tracking (or read it back so), or the Get Orders run that refreshed the status of an order
     * shipped in Conduit. Null while SellerCloud's status (sc_shipping_status) is anything else.
     */
    scShippedAt: timestamp("sc_shipped_at", { withTimezone: true }),
    personalDataClearedAt: timestamp("personal_data_cleared_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("orders_channel_sellercloud_order").on(t.workspaceId, t.channelId, t.sellercloudOrderId),
    index("orders_workspace_time_of_order").on(t.workspaceId, t.timeOfOrder),
    index("orders_workspace_created_at").on(t.workspaceId, t.createdAt),
    // The retention job scans only shipped orders whose personal data is still there.
    index("orders_retention_due")
      .on(t.channelId, t.shippedAt)
      .where(sql`${t.shippedAt} is not null and ${t.personalDataClearedAt} is null`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Tenancy is enforced through the order (cascade); no second FK check per line.
    workspaceId: uuid("workspace_id").notNull(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    /** 1-based position in SellerCloud's Items array. */
    lineNumber: integer("line_number").notNull(),
    sellercloudItemId: bigint("sellercloud_item_id", { mode: "number" }),
    adjustedSitePrice: money("adjusted_site_price"),
    displayName: text("display_name"),
    originalBasePrice: money("original_base_price"),
    productId: text("product_id"),
    quantity: integer("quantity"),
    sitePrice: money("site_price"),
    weight: doublePrecision("weight"),
    /** The catalog variant this line sells, when one matches (channel link first, then SKU). */
    variantId: uuid("variant_id").references(() => variants.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("order_items_order_line").on(t.workspaceId, t.orderId, t.lineNumber),
    index("order_items_order").on(t.orderId),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
