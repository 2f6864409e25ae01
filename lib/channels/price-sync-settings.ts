/**
 * The settings of Sync Prices & Quantities (channels.settings.priceSync): the SellerCloud warehouse
 * quantities go to, what is sent, the safety rails and the bulk threshold. Every field has a default,
 * so a channel that never saved them runs with the defaults (PRICE_SYNC_DEFAULTS). Shared by client
 * and server (no server-only imports).
 */

import { z } from "zod";

const percent = (message: string) => z.number({ error: message }).min(0, message).max(1000, message);

export const PRICE_SYNC_MESSAGES = {
  warehouse: "Choose the SellerCloud warehouse that quantities are set in",
  holdPriceChangePercent: "Enter a percentage from 0 to 1000, or leave it empty to never hold",
  holdZeroingPercent: "Enter a percentage from 0 to 100, or leave it empty to never hold",
  bulkThreshold: "Enter a whole number from 1 to 100000",
} as const;

export const priceSyncSettingsSchema = z.object({
  /** SellerCloud warehouse id (GET /api/Warehouses) whose physical quantity is set. Null: quantities are not sent. */
  warehouseId: z.number().int().positive(PRICE_SYNC_MESSAGES.warehouse).nullable().default(null),
  /** The warehouse's name as SellerCloud listed it when chosen, for display only. */
  warehouseName: z.string().max(200).nullable().default(null),
  sendPrices: z.boolean().default(true),
  sendQuantities: z.boolean().default(true),
  /** Rail: a price below the variant's cost is refused (never sent). */
  refuseBelowCost: z.boolean().default(true),
  /** Rail: a price below the variant's MAP is refused (never sent). */
  refuseBelowMap: z.boolean().default(true),
  /** Rail: a price moving more than this percent from the last value SellerCloud confirmed is held for review. Null: never. */
  holdPriceChangePercent: percent(PRICE_SYNC_MESSAGES.holdPriceChangePercent).nullable().default(30),
  /** Rail: a run that would set more than this percent of quantities to 0 is held whole for review. Null: never. */
  holdZeroingPercent: z
    .number({ error: PRICE_SYNC_MESSAGES.holdZeroingPercent })
    .min(0, PRICE_SYNC_MESSAGES.holdZeroingPercent)
    .max(100, PRICE_SYNC_MESSAGES.holdZeroingPercent)
    .nullable()
    .default(20),
  /** A variant Conduit never sent a value for waits for review before its first push. */
  reviewFirstPush: z.boolean().default(true),
  /** More quantity changes than this in one run go through SellerCloud's bulk import (a queued job). */
  bulkThreshold: z
    .number({ error: PRICE_SYNC_MESSAGES.bulkThreshold })
    .int(PRICE_SYNC_MESSAGES.bulkThreshold)
    .min(1, PRICE_SYNC_MESSAGES.bulkThreshold)
    .max(100_000, PRICE_SYNC_MESSAGES.bulkThreshold)
    .default(200),
});
export type PriceSyncSettings = z.infer<typeof priceSyncSettingsSchema>;

/** The settings a channel runs with before it saves any. */
export const PRICE_SYNC_DEFAULTS: PriceSyncSettings = priceSyncSettingsSchema.parse({});

/** The saved settings when they parse, else the defaults (a run never fails on them). */
export function readPriceSyncSettings(raw: unknown): PriceSyncSettings {
  const parsed = priceSyncSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : PRICE_SYNC_DEFAULTS;
}
