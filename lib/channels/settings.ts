/**
 * The saved configuration of a channel, one zod schema per wizard step. The wizard writes
 * these; the operations read them. Shared by client and server (no server-only imports).
 */

import { z } from "zod";
import { priceSyncSettingsSchema } from "./price-sync-settings";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { DEFAULT_TENANT_TIME_ZONE, isTimeZone } from "@/lib/sellercloud/tenant-clock";

/**
 * A number whose every message (not a number, not whole, below or above the range) says what is
 * allowed, e.g. "Enter a percentage from 0 to 100": a message that only said "Enter a number" for
 * -5 sent the user looking for a typo (issue 14 §9).
 */
function rangedNumber(options: { min: number; max?: number; whole?: boolean; message: string }) {
  const { message } = options;
  let schema = z.number({ error: message });
  if (options.whole) schema = schema.int(message);
  schema = schema.min(options.min, message);
  if (options.max !== undefined) schema = schema.max(options.max, message);
  return schema;
}

/** The messages of the wizard's number fields, each naming the range allowed. */
export const NUMBER_MESSAGES = {
  amount: "Enter 0 or more (a percentage, or an amount like 12.99)",
  price: "Enter an amount of 0 or more, like 12.99, or leave it empty",
  buffer: "Enter a whole number, 0 or more",
  maxQuantity: "Enter a whole number, 0 or more, or leave it empty",
  percentOfStock: "Enter a percentage from 0 to 100",
  ageDays: "Enter a whole number of days from 1 to 365",
  minute: "Enter a minute from 0 to 59",
} as const;

export const OPERATIONS = ["link_listings", "get_orders", "sync_orders", "sync_prices", "submit_to_vendors"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const OPERATION_LABELS: Record<Operation, string> = {
  link_listings: "Link Listings",
  get_orders: "Get Orders",
  sync_orders: "Sync Orders",
  sync_prices: "Sync Prices & Quantities",
  submit_to_vendors: "Submit to Vendors",
};

export const LISTING_FIELDS = ["sku", "upc", "ean", "gtin", "asin", "mpn"] as const;
export type ListingField = (typeof LISTING_FIELDS)[number];
export const SELLERCLOUD_PRODUCT_FIELDS = ["ID", "UPC", "EAN", "GTIN", "ASIN", "ManufacturerSKU"] as const;
export type SellerCloudProductField = (typeof SELLERCLOUD_PRODUCT_FIELDS)[number];

export const linkPairSchema = z.object({
  listingField: z.enum(LISTING_FIELDS),
  sellercloudField: z.enum(SELLERCLOUD_PRODUCT_FIELDS),
});
export type LinkPair = z.infer<typeof linkPairSchema>;

export const DEFAULT_LINK_PRIORITY: LinkPair[] = [
  { listingField: "sku", sellercloudField: "ID" },
  { listingField: "upc", sellercloudField: "UPC" },
  { listingField: "ean", sellercloudField: "EAN" },
  { listingField: "mpn", sellercloudField: "ManufacturerSKU" },
];

export const linkSettingsSchema = z.object({
  mode: z.enum(["default", "custom"]).default("default"),
  companyId: z.number().int().positive({ message: "Choose the SellerCloud company" }),
  priority: z
    .array(linkPairSchema)
    .min(1, "Keep at least one linking pair")
    .refine(
      (pairs) => new Set(pairs.map((p) => `${p.listingField}:${p.sellercloudField}`)).size === pairs.length,
      "Each linking pair may appear only once",
    ),
  /**
   * Days between Link Listings' full re-checks (a full read of SellerCloud that also finds deleted
   * products); runs in between read only what changed. Unset: DEFAULT_FULL_RECHECK_DAYS.
   */
  fullRecheckDays: z
    .number({ message: "Enter a number of days from 1 to 90" })
    .int("Enter a whole number of days from 1 to 90")
    .min(1, "Enter a number of days from 1 to 90")
    .max(90, "Enter a number of days from 1 to 90")
    .optional(),
});
export type LinkSettings = z.infer<typeof linkSettingsSchema>;

/** Link Listings' full re-check interval when the channel has not set one: weekly. */
export const DEFAULT_FULL_RECHECK_DAYS = 7;

export const listingManagementSchema = z.object({
  scope: z.enum(["all", "brand", "tag", "sku_prefix"]).default("all"),
  values: z.array(z.string().trim().min(1)).default([]),
  autoLinkNew: z.boolean().default(true),
});
export type ListingManagement = z.infer<typeof listingManagementSchema>;

export const pricingRulesSchema = z.object({
  price: z.object({
    base: z.enum(["price", "cost_markup_percent", "cost_markup_flat", "msrp_discount_percent"]).default("price"),
    amount: rangedNumber({ min: 0, message: NUMBER_MESSAGES.amount }).default(0),
    neverBelowCost: z.boolean().default(true),
    neverBelowMap: z.boolean().default(true),
    neverAboveMsrp: z.boolean().default(false),
    roundTo99: z.boolean().default(false),
    min: rangedNumber({ min: 0, message: NUMBER_MESSAGES.price }).nullable().default(null),
    max: rangedNumber({ min: 0, message: NUMBER_MESSAGES.price }).nullable().default(null),
  }),
  quantity: z.object({
    buffer: rangedNumber({ min: 0, whole: true, message: NUMBER_MESSAGES.buffer }).default(0),
    max: rangedNumber({ min: 0, whole: true, message: NUMBER_MESSAGES.maxQuantity }).nullable().default(null),
    percentOfStock: rangedNumber({ min: 0, max: 100, message: NUMBER_MESSAGES.percentOfStock }).default(100),
  }),
});
export type PricingRules = z.infer<typeof pricingRulesSchema>;

export const orderSettingsSchema = z.object({
  orderStatus: z.number().int().default(OrderStatus.InProcess),
  dropshipStatus: z.number().int().nullable().default(null),
  companyId: z.number().int().positive({ message: "Choose the SellerCloud company" }),
  ageDays: rangedNumber({ min: 1, max: 365, whole: true, message: NUMBER_MESSAGES.ageDays }).default(7),
  retention: z.enum(["keep", "30", "60", "90"]).default("keep"),
  // Sync Orders: what to do with an order that is only partly fulfilled.
  partialShipments: z.enum(["wait", "send_now"]).default("wait"),
  // The zone SellerCloud's server keeps its clock in: Get Orders' created-on filters and Sync
  // Orders' ship dates are sent in it (lib/sellercloud/tenant-clock.ts). Absent (settings saved
  // before it existed, or left empty): DEFAULT_TENANT_TIME_ZONE, see tenantTimeZone().
  timeZone: z.string().trim().refine(isTimeZone, "Enter a time zone name such as America/New_York or UTC").optional(),
});
export type OrderSettings = z.infer<typeof orderSettingsSchema>;

/** The channel's SellerCloud time zone: the saved one when it is a known zone, else UTC. */
export function tenantTimeZone(orders: { timeZone?: unknown } | null | undefined): string {
  const zone = orders?.timeZone;
  return typeof zone === "string" && isTimeZone(zone) ? zone : DEFAULT_TENANT_TIME_ZONE;
}

export const shippingMappingSchema = z.object({
  conduitCarrier: z.string().trim().min(1, "Enter the carrier name used in Conduit"),
  conduitService: z.string().trim().default(""),
  sellercloudCarrier: z.string().trim().min(1, "Choose a SellerCloud carrier"),
  sellercloudService: z.string().trim().min(1, "Choose a SellerCloud service"),
});
export type ShippingMapping = z.infer<typeof shippingMappingSchema>;

export const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("manual") }),
  z.object({
    kind: z.literal("hourly"),
    minute: rangedNumber({ min: 0, max: 59, whole: true, message: NUMBER_MESSAGES.minute }).default(0),
  }),
  z.object({
    kind: z.literal("daily"),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM (24-hour, UTC)"),
  }),
  z.object({ kind: z.literal("cron"), expression: z.string().trim().min(1, "Enter a cron expression") }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const channelSettingsSchema = z.object({
  listingManagement: listingManagementSchema.optional(),
  pricing: pricingRulesSchema.optional(),
  link: linkSettingsSchema.optional(),
  orders: orderSettingsSchema.optional(),
  shippingMappings: z.array(shippingMappingSchema).default([]),
  priceSync: priceSyncSettingsSchema.optional(),
});
export type ChannelSettings = z.infer<typeof channelSettingsSchema>;
