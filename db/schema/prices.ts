/**
 * Sync Prices & Quantities: per linked variant of a channel, the last price and quantity SellerCloud
 * confirmed (what a run compares against, so only changes are sent), and the work planned for it:
 * pending (to send), held (waiting for review), approved, skipped, refused or failed, with the
 * reason in plain words. Price and quantity are separate SellerCloud calls, so each has its own state.
 *
 * No foreign keys, for the reasons given on listing_links (db/schema/catalog.ts): a run writes up
 * to tens of thousands of these in a page; rows whose link is gone are deleted by the next plan.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** pending: to be sent by plan_run_id; held: waiting for review; approved: send the planned value
 *  even past the rails; skipped: the reviewer said no to this value; refused: a rail refused it
 *  (never sendable); failed: SellerCloud refused or the call failed (tried again next run). */
export const PRICE_ITEM_STATES = ["pending", "held", "approved", "skipped", "refused", "failed"] as const;
export type PriceItemState = (typeof PRICE_ITEM_STATES)[number];

export const priceSyncItems = pgTable(
  "price_sync_items",
  {
    workspaceId: uuid("workspace_id").notNull(),
    channelId: uuid("channel_id").notNull(),
    variantId: uuid("variant_id").notNull(),
    /** The SellerCloud SKU the link points at. */
    sellercloudProductId: text("sellercloud_product_id").notNull(),

    /** Last price SellerCloud confirmed (cents) and when; null: never sent. */
    confirmedPriceCents: integer("confirmed_price_cents"),
    priceConfirmedAt: timestamp("price_confirmed_at", { withTimezone: true }),
    /** Last physical quantity SellerCloud confirmed, the warehouse it was set in, and when. */
    confirmedQty: integer("confirmed_qty"),
    confirmedWarehouseId: integer("confirmed_warehouse_id"),
    qtyConfirmedAt: timestamp("qty_confirmed_at", { withTimezone: true }),

    /** SellerCloud's value read when the item was held (the review screen's "in SellerCloud now"). */
    scPriceCents: integer("sc_price_cents"),
    scQty: integer("sc_qty"),
    scReadAt: timestamp("sc_read_at", { withTimezone: true }),

    /** The value the last plan computed, its state, why (the rule) and the reason for its state. */
    plannedPriceCents: integer("planned_price_cents"),
    priceState: text("price_state").$type<PriceItemState>(),
    priceWhy: text("price_why"),
    priceReason: text("price_reason"),
    plannedQty: integer("planned_qty"),
    qtyState: text("qty_state").$type<PriceItemState>(),
    qtyWhy: text("qty_why"),
    qtyReason: text("qty_reason"),
    /** The run whose plan set the states (pending items are sent by it). */
    planRunId: uuid("plan_run_id"),
    /** SellerCloud queued job (bulk inventory import) the planned quantity went out in. */
    bulkJobId: bigint("bulk_job_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.channelId, t.variantId] }),
    // The send phases and the review screen read one run's / one channel's open items.
    index("price_sync_items_open")
      .on(t.channelId, t.planRunId, t.variantId)
      .where(sql`${t.priceState} is not null or ${t.qtyState} is not null`),
  ],
);

export type PriceSyncItem = typeof priceSyncItems.$inferSelect;
