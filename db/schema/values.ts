/**
 * The value types of the database's typed text and jsonb columns: what a row holds, as plain
 * TypeScript, so db/ depends on nothing in lib/. The domain validates these values with zod
 * (lib/channels/settings.ts, lib/mapping/template.ts, lib/operations/types.ts);
 * lib/stored-values.test.ts fails to typecheck if a schema and its type here drift apart.
 */

// --- channels ------------------------------------------------------------------------------------

export type Operation = "link_listings" | "get_orders" | "sync_orders" | "sync_prices" | "submit_to_vendors";

/** When an operation runs: by hand, hourly at a minute, daily at HH:MM (UTC), or a cron expression. */
export type Schedule =
  | { kind: "manual" }
  | { kind: "hourly"; minute: number }
  | { kind: "daily"; time: string }
  | { kind: "cron"; expression: string };

export type ListingField = "sku" | "upc" | "ean" | "gtin" | "asin" | "mpn";
export type SellerCloudProductField = "ID" | "UPC" | "EAN" | "GTIN" | "ASIN" | "ManufacturerSKU";

/** One linking pair: a listing field matched against a SellerCloud product field. */
export interface LinkPair {
  listingField: ListingField;
  sellercloudField: SellerCloudProductField;
}

export interface ListingManagement {
  scope: "all" | "brand" | "tag" | "sku_prefix";
  values: string[];
  autoLinkNew: boolean;
}

export interface PricingRules {
  price: {
    base: "price" | "cost_markup_percent" | "cost_markup_flat" | "msrp_discount_percent";
    amount: number;
    neverBelowCost: boolean;
    neverBelowMap: boolean;
    neverAboveMsrp: boolean;
    roundTo99: boolean;
    /** Dollars. */
    min: number | null;
    max: number | null;
  };
  quantity: { buffer: number; max: number | null; percentOfStock: number };
}

export interface LinkSettings {
  mode: "default" | "custom";
  companyId: number;
  priority: LinkPair[];
  /** Days between Link Listings' full re-checks (unset: weekly). */
  fullRecheckDays?: number;
}

export interface OrderSettings {
  /** SellerCloud order status code (lib/sellercloud/enums.ts OrderStatus). */
  orderStatus: number;
  dropshipStatus: number | null;
  companyId: number;
  ageDays: number;
  retention: "keep" | "30" | "60" | "90";
  partialShipments: "wait" | "send_now";
  /** IANA zone of SellerCloud's server clock; absent means UTC (lib/channels/settings.ts tenantTimeZone). */
  timeZone?: string | undefined;
}

export interface ShippingMapping {
  conduitCarrier: string;
  conduitService: string;
  sellercloudCarrier: string;
  sellercloudService: string;
}

/** channels.settings: one entry per wizard step that stores settings. */
export interface ChannelSettings {
  listingManagement?: ListingManagement;
  pricing?: PricingRules;
  link?: LinkSettings;
  orders?: OrderSettings;
  shippingMappings: ShippingMapping[];
  /** Sync Prices & Quantities (lib/channels/price-sync-settings.ts). */
  priceSync?: PriceSyncSettings;
}

export interface PriceSyncSettings {
  warehouseId: number | null;
  warehouseName: string | null;
  sendPrices: boolean;
  sendQuantities: boolean;
  refuseBelowCost: boolean;
  refuseBelowMap: boolean;
  holdPriceChangePercent: number | null;
  holdZeroingPercent: number | null;
  reviewFirstPush: boolean;
  bulkThreshold: number;
}

// --- runs ----------------------------------------------------------------------------------------

export type RunStatus = "queued" | "running" | "succeeded" | "partially_failed" | "failed" | "canceled";
export type RunTrigger = "manual" | "schedule" | "retry";

// --- mapping templates ---------------------------------------------------------------------------

export type ConditionOperator =
  | "equals"
  | "not_equals"
  | "contains"
  | "starts_with"
  | "ends_with"
  | "in_list"
  | "gt"
  | "lt"
  | "is_empty"
  | "is_not_empty";

export interface Condition {
  path: string;
  op: ConditionOperator;
  /** A list for in_list, a string for the other binary operators, absent for is_empty/is_not_empty. */
  value?: string | string[];
}

export type RuleOutput = { kind: "value"; value: string } | { kind: "field"; path: string };

export interface Rule {
  match: "all" | "any";
  conditions: Condition[];
  output: RuleOutput;
}

export type RuleDefault = RuleOutput | { kind: "empty" };
export type MappingFallback = { kind: "pass_through" } | { kind: "value"; value: string } | { kind: "empty" };

/** How one target field is filled. */
export type FieldMapping =
  | { mode: "none" }
  | { mode: "empty" }
  | { mode: "field"; path: string }
  | { mode: "value"; value: string }
  | { mode: "mapping_set"; setId: string; path: string; fallback: MappingFallback }
  | { mode: "rules"; rules: Rule[]; default: RuleDefault };

/** mapping_template_versions.body: for each target field one mapping (format 1). */
export interface TemplateBody {
  format: 1;
  fields: Record<string, FieldMapping>;
}
