/**
 * Loading a channel's saved settings at the start of an operation's page: one read of the
 * channel row, then the part each operation needs, validated (lib/channels/settings.ts holds the
 * schemas the wizard saves with). A missing channel or unusable required settings stop the run
 * with an AppError whose message tells the user what to fix.
 */

import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import {
  type ChannelSettings,
  type LinkSettings,
  type ListingManagement,
  linkSettingsSchema,
  listingManagementSchema,
  type Operation,
  type OrderSettings,
  orderSettingsSchema,
  type PricingRules,
  pricingRulesSchema,
  type ShippingMapping,
  shippingMappingSchema,
  tenantTimeZone,
} from "@/lib/channels/settings";
import { readPriceSyncSettings, type PriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { DEFAULT_PRICING_RULES } from "@/lib/channels/pricing";
import { AppError } from "@/lib/errors";

/** What Get Orders reads: the Orders step, whole (Company ID is required). */
export interface GetOrdersSettings {
  orders: OrderSettings;
}

/** What Sync Orders reads: the shipping mappings that parse, and the partial-shipments choice. */
export interface SyncOrdersSettings {
  /** Rows that do not parse are left out (the carrier then counts as unmapped), never fatal. */
  mappings: ShippingMapping[];
  /** "wait" (the default) sends an order's tracking only once all its items are shipped. */
  partialShipments: OrderSettings["partialShipments"];
  /** The zone SellerCloud's clock runs in (the Orders step's time zone; UTC when unset). */
  timeZone: string;
}

/** What Link Listings reads: the Link Settings step (required) and the listing scope. */
export interface LinkListingsSettings {
  link: LinkSettings;
  scope: ListingManagement;
  /** The zone SellerCloud's clock runs in (the Orders step's time zone; UTC when unset). */
  timeZone: string;
}

/** What Sync Prices & Quantities reads: the Pricing & Quantity rules (defaults when unsaved) and its own settings. */
export interface SyncPricesSettings {
  pricing: PricingRules;
  priceSync: PriceSyncSettings;
}

/** The settings each operation receives from loadOperationSettings. */
export interface OperationSettingsMap {
  get_orders: GetOrdersSettings;
  sync_orders: SyncOrdersSettings;
  link_listings: LinkListingsSettings;
  sync_prices: SyncPricesSettings;
  /** Submit to Vendors reads its routing rules from their own table (lib/vendors/routing-rules.ts). */
  submit_to_vendors: Record<never, never>;
}

type Reader<Op extends Operation> = (settings: Partial<ChannelSettings>) => OperationSettingsMap[Op];

const readers: { [Op in Operation]: Reader<Op> } = {
  get_orders(settings) {
    const parsed = orderSettingsSchema.safeParse(settings.orders ?? {});
    if (!parsed.success)
      throw new AppError(
        "VALIDATION",
        "Set up the channel's Get Orders settings (Company ID) before importing orders.",
      );
    return { orders: parsed.data };
  },
  sync_orders(settings) {
    const mappings: ShippingMapping[] = [];
    for (const raw of settings.shippingMappings ?? []) {
      const parsed = shippingMappingSchema.safeParse(raw);
      if (parsed.success) mappings.push(parsed.data);
    }
    const partial = orderSettingsSchema.shape.partialShipments.safeParse(settings.orders?.partialShipments);
    return {
      mappings,
      partialShipments: partial.success ? partial.data : "wait",
      timeZone: tenantTimeZone(settings.orders),
    };
  },
  sync_prices(settings) {
    const pricing = pricingRulesSchema.safeParse(settings.pricing ?? DEFAULT_PRICING_RULES);
    if (!pricing.success)
      throw new AppError("VALIDATION", "Save the channel's Pricing & quantity rules step again: its rules do not validate.");
    return { pricing: pricing.data, priceSync: readPriceSyncSettings(settings.priceSync) };
  },
  submit_to_vendors() {
    return {};
  },
  link_listings(settings) {
    const link = linkSettingsSchema.safeParse(settings.link);
    if (!link.success)
      throw new AppError("VALIDATION", "Save the channel's Link Settings (company ID and linking priority) first.");
    return {
      link: link.data,
      scope: listingManagementSchema.parse(settings.listingManagement ?? {}),
      timeZone: tenantTimeZone(settings.orders),
    };
  },
};

/**
 * Reads the channel's settings row (one query, scoped to the workspace) and returns the part
 * `operation` needs, validated: see OperationSettingsMap for each shape.
 *
 * Errors: AppError NOT_FOUND when the channel is not in the workspace; AppError VALIDATION (with a
 * sentence naming the wizard step to save) when the operation's required settings are missing or
 * invalid (Get Orders: the Orders step; Link Listings: Link Settings; Sync Orders never fails here).
 */
export async function loadOperationSettings<Op extends Operation>(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  operation: Op,
): Promise<OperationSettingsMap[Op]> {
  const [channel] = await db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, scope.workspaceId), eq(channels.id, scope.channelId)));
  if (!channel) throw new AppError("NOT_FOUND", "The channel was not found.");
  return (readers[operation] as Reader<Op>)(channel.settings ?? {});
}
