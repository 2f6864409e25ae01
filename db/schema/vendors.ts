/**
 * Vendors (suppliers, 3PLs, the merchant's own warehouse) and the fulfillment requests Submit to
 * Vendors sends them (lib/vendors/, lib/operations/submit-to-vendors/). One request per vendor per
 * order; each order line is placed in at most one request (unique order_item_id), which is what
 * makes submitting exactly once per line and vendor. Secrets are AES-256-GCM ciphertexts (lib/crypto).
 */
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { variants } from "./catalog";
import { channels } from "./channels";
import { orderItems, orders } from "./orders";
import { runs } from "./runs";
import { shipments } from "./shipments";

export const DELIVERY_METHODS = ["webhook", "email", "pull"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * pending: created, not yet received by the vendor. delivered: the webhook answered 2xx, the email
 * was handed to the mail server, or the vendor pulled it. acknowledged / rejected: the vendor's
 * answer. shipped: shipments cover every line. canceled: the order was canceled in SellerCloud.
 */
export const REQUEST_STATES = ["pending", "delivered", "acknowledged", "rejected", "shipped", "canceled"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const LINE_STATES = ["open", "acknowledged", "rejected", "shipped", "canceled"] as const;
export type LineState = (typeof LINE_STATES)[number];

export const ROUTING_RULE_KINDS = ["variant_vendor", "brand", "tag", "sku_prefix", "ship_country", "default"] as const;
export type RoutingRuleKind = (typeof ROUTING_RULE_KINDS)[number];

export const vendors = pgTable(
  "vendors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Short code used in CSV imports and request numbers; unique per workspace, compared upper-case. */
    code: text("code").notNull(),
    contactEmail: text("contact_email"),
    deliveryMethod: text("delivery_method").$type<DeliveryMethod>().notNull(),
    webhookUrl: text("webhook_url"),
    /** The webhook signing secret ("whsec_…"), encrypted; shown once when created or rotated. */
    webhookSecretCiphertext: text("webhook_secret_ciphertext"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("vendors_workspace_code").on(t.workspaceId, t.code)],
);

/** A vendor's API keys (`cdv_<8>_<secret>`), stored as sha256; scoped to that vendor's requests. */
export const vendorApiKeys = pgTable(
  "vendor_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [unique("vendor_api_keys_prefix").on(t.prefix), index("vendor_api_keys_vendor").on(t.vendorId)],
);

/** A catalog variant's vendor, the vendor's SKU and cost (catalog CSV columns vendor, vendor_sku, vendor_cost). */
export const variantVendors = pgTable(
  "variant_vendors",
  {
    variantId: uuid("variant_id")
      .primaryKey()
      .references(() => variants.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id").references(() => vendors.id, { onDelete: "set null" }),
    vendorSku: text("vendor_sku"),
    vendorCostCents: integer("vendor_cost_cents"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("variant_vendors_vendor").on(t.vendorId)],
);

/** A channel's routing rules, tried in `position` order; the first match places the line. */
export const routingRules = pgTable(
  "vendor_routing_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<RoutingRuleKind>().notNull(),
    /** Brands, tags, SKU prefixes or country codes (empty for variant_vendor and default). */
    values: text("values").array().notNull().default([]),
    /** The vendor the rule sends to; null for variant_vendor (the variant's own vendor). */
    vendorId: uuid("vendor_id").references(() => vendors.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("vendor_routing_rules_position").on(t.channelId, t.position)],
);

export const fulfillmentRequests = pgTable(
  "fulfillment_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "restrict" }),
    /** "<SellerCloud order id>-<n>": the order's n-th request, shown to people and vendors. */
    number: text("number").notNull(),
    state: text("state").$type<RequestState>().notNull().default("pending"),
    /** Standard Webhooks `webhook-id` of the request message: the receiver's idempotency key. */
    messageId: text("message_id").notNull(),
    /** Set when the order was canceled after the vendor had the request: a cancel notice is due. */
    cancelMessageId: text("cancel_message_id"),
    cancelNotifiedAt: timestamp("cancel_notified_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastError: text("last_error"),
    /** Delivery gave up after the last retry; a person retries from the vendor page. */
    deliveryFailedAt: timestamp("delivery_failed_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    rejectReason: text("reject_reason"),
    createdByRunId: uuid("created_by_run_id").references(() => runs.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("fulfillment_requests_number").on(t.workspaceId, t.number),
    unique("fulfillment_requests_message").on(t.messageId),
    index("fulfillment_requests_order").on(t.orderId),
    index("fulfillment_requests_vendor").on(t.vendorId, t.state),
    // Submit to Vendors' delivery pass: the channel's requests and cancel notices still to send.
    index("fulfillment_requests_due")
      .on(t.channelId, t.nextAttemptAt)
      .where(
        sql`${t.deliveryFailedAt} is null and (${t.state} = 'pending' or (${t.cancelMessageId} is not null and ${t.cancelNotifiedAt} is null))`,
      ),
  ],
);

export const fulfillmentRequestLines = pgTable(
  "fulfillment_request_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => fulfillmentRequests.id, { onDelete: "cascade" }),
    orderItemId: uuid("order_item_id")
      .notNull()
      .references(() => orderItems.id, { onDelete: "cascade" }),
    sku: text("sku"),
    vendorSku: text("vendor_sku"),
    vendorCostCents: integer("vendor_cost_cents"),
    quantity: integer("quantity").notNull(),
    state: text("state").$type<LineState>().notNull().default("open"),
    rejectReason: text("reject_reason"),
    /** Which routing rule placed the line (its position and kind, as words). */
    routedBy: text("routed_by"),
  },
  (t) => [
    unique("fulfillment_request_lines_item").on(t.orderItemId),
    index("fulfillment_request_lines_request").on(t.requestId),
  ],
);

/** Order lines no rule placed, with the plain reason; removed once a later run places the line. */
export const fulfillmentHolds = pgTable(
  "fulfillment_holds",
  {
    orderItemId: uuid("order_item_id")
      .primaryKey()
      .references(() => orderItems.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    heldAt: timestamp("held_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("fulfillment_holds_order").on(t.orderId)],
);

/** A request's history: every state change and delivery, who or what made it, and when. */
export const fulfillmentRequestEvents = pgTable(
  "fulfillment_request_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => fulfillmentRequests.id, { onDelete: "cascade" }),
    fromState: text("from_state").$type<RequestState>(),
    toState: text("to_state").$type<RequestState>().notNull(),
    /** "run", "vendor", "user" or "system". */
    actor: text("actor").notNull(),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    message: text("message").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("fulfillment_request_events_request").on(t.requestId, t.at)],
);

/** The delivery log: one row per attempt to send a request or a cancel notice to a vendor. */
export const vendorDeliveries = pgTable(
  "vendor_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull(),
    vendorId: uuid("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").references(() => fulfillmentRequests.id, { onDelete: "cascade" }),
    /** "request" or "cancel". */
    kind: text("kind").notNull(),
    method: text("method").$type<DeliveryMethod>().notNull(),
    messageId: text("message_id").notNull(),
    attempt: integer("attempt").notNull(),
    ok: boolean("ok").notNull(),
    /** HTTP status of the webhook's answer (null for email, or no answer). */
    responseStatus: integer("response_status"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("vendor_deliveries_vendor").on(t.vendorId, t.at)],
);

/** Shipments a vendor posted with its key, tying them to its request. */
export const vendorShipments = pgTable(
  "vendor_shipments",
  {
    shipmentId: uuid("shipment_id")
      .primaryKey()
      .references(() => shipments.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => fulfillmentRequests.id, { onDelete: "cascade" }),
    vendorApiKeyId: uuid("vendor_api_key_id").references(() => vendorApiKeys.id, { onDelete: "set null" }),
  },
  (t) => [index("vendor_shipments_request").on(t.requestId)],
);

export type Vendor = typeof vendors.$inferSelect;
export type VendorApiKey = typeof vendorApiKeys.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type FulfillmentRequest = typeof fulfillmentRequests.$inferSelect;
export type FulfillmentRequestLine = typeof fulfillmentRequestLines.$inferSelect;
export type VendorDelivery = typeof vendorDeliveries.$inferSelect;
