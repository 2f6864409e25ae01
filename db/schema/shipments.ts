/**
 * Shipments recorded in Conduit (by hand, CSV or the JSON API) and their journey to SellerCloud.
 * SellerCloud has no partial shipments: the first tracking update marks the whole order Fully
 * Shipped, so a shipment is sent once and each tracking number carries its own send-once marker.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts";
import { channels } from "./channels";
import { orderItems, orders } from "./orders";
import { runs } from "./runs";

export const SHIPMENT_SOURCES = ["ui", "csv", "api"] as const;
export type ShipmentSource = (typeof SHIPMENT_SOURCES)[number];

/**
 * pending: waiting for Sync Orders. sending: a run marked it before calling SellerCloud and has
 * not recorded the answer yet; whoever finds it there reads the order back before sending again.
 */
export const SYNC_STATES = ["pending", "sending", "synced", "failed"] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The non-secret start of the key ("cdt_" + 8 characters), shown in lists and used to find the row. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole key, hex. The key itself is shown once and never stored. */
    hash: text("hash").notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [unique("api_keys_prefix").on(t.prefix), index("api_keys_workspace").on(t.workspaceId, t.createdAt)],
);

export const shipments = pgTable(
  "shipments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    /** Conduit's carrier and service names; the channel's shipping mappings translate them. */
    carrier: text("carrier").notNull(),
    service: text("service").notNull().default(""),
    shipDate: timestamp("ship_date", { withTimezone: true }).notNull(),
    /** No items listed means the shipment covers the whole order. */
    coversWholeOrder: boolean("covers_whole_order").notNull().default(false),
    syncState: text("sync_state").$type<SyncState>().notNull().default("pending"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    /** Why the last attempt failed, in plain words, and a stable code for it. */
    failureReason: text("failure_reason"),
    failureCode: text("failure_code"),
    /** Failed but worth trying again on the next run (SellerCloud errors, unmapped carrier). */
    retryable: boolean("retryable").notNull().default(false),
    attempts: integer("attempts").notNull().default(0),
    /** The run that marked it "sending" and when; a later run reads the order back first. */
    sendingRunId: uuid("sending_run_id").references(() => runs.id, { onDelete: "set null" }),
    sendingAt: timestamp("sending_at", { withTimezone: true }),
    /** What was sent: SellerCloud's names and the clamped ship date. */
    sentCarrier: text("sent_carrier"),
    sentService: text("sent_service"),
    sentShipDate: text("sent_ship_date"),
    /** SellerCloud calls spent on this shipment, across attempts. */
    callsUsed: integer("calls_used").notNull().default(0),
    source: text("source").$type<ShipmentSource>().notNull(),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("shipments_order").on(t.workspaceId, t.orderId),
    // Sync Orders pages through the unsent shipments of one channel.
    index("shipments_to_sync")
      .on(t.channelId, t.createdAt, t.id)
      .where(sql`${t.syncState} in ('pending', 'sending', 'failed')`),
  ],
);

/** One tracking number (one SellerCloud package) of a shipment. */
export const shipmentPackages = pgTable(
  "shipment_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shipmentId: uuid("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    /** Denormalised so a tracking number is recorded once per order, whichever shipment holds it. */
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    trackingNumber: text("tracking_number").notNull(),
    /** Optional split of the shipment's items across its packages (used when packages are created). */
    items: jsonb("items").$type<{ orderItemId: string; quantity: number }[]>(),
    /** SellerCloud's package the number went on, and when SellerCloud was seen to have it: sent once. */
    scPackageId: bigint("sc_package_id", { mode: "number" }),
    scAppliedAt: timestamp("sc_applied_at", { withTimezone: true }),
  },
  (t) => [
    unique("shipment_packages_position").on(t.workspaceId, t.shipmentId, t.position),
    unique("shipment_packages_order_tracking").on(t.workspaceId, t.orderId, t.trackingNumber),
  ],
);

/** Items and quantities a shipment covers (what "partly fulfilled" is measured against). */
export const shipmentItems = pgTable(
  "shipment_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    shipmentId: uuid("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    orderItemId: uuid("order_item_id")
      .notNull()
      .references(() => orderItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
  },
  (t) => [unique("shipment_items_line").on(t.workspaceId, t.shipmentId, t.orderItemId)],
);

export type Shipment = typeof shipments.$inferSelect;
export type ShipmentPackage = typeof shipmentPackages.$inferSelect;
export type ShipmentItem = typeof shipmentItems.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
