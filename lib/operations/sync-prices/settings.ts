/**
 * Saving Sync Prices & Quantities' channel settings (channels.settings.priceSync): validated with
 * the schema the operation reads with, the warehouse checked against SellerCloud's own list (so a
 * typo cannot be saved) and its name kept for display. Only the priceSync key is written
 * (jsonb_set), so a concurrent save of another step is not overwritten.
 */

import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { type PriceSyncSettings, priceSyncSettingsSchema } from "@/lib/channels/price-sync-settings";
import { AppError } from "@/lib/errors";
import type { ScWarehouse } from "@/lib/sellercloud/prices";

/**
 * Validates `input` and stores it as the channel's Sync Prices settings; returns what was stored.
 * Errors: AppError VALIDATION with fieldErrors (a value out of range, a warehouse SellerCloud does
 * not list); NOT_FOUND when the channel is not in the workspace; whatever `listWarehouses` throws.
 */
export async function savePriceSyncSettings(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  input: unknown,
  listWarehouses: () => Promise<ScWarehouse[]>,
  now: Date,
): Promise<PriceSyncSettings> {
  const parsed = priceSyncSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_form"] ??= issue.message;
    throw new AppError("VALIDATION", "Some fields need attention.", { fieldErrors });
  }
  const value = { ...parsed.data };
  if (value.warehouseId !== null) {
    const warehouse = (await listWarehouses()).find((w) => w.id === value.warehouseId);
    if (!warehouse)
      throw new AppError("VALIDATION", "Some fields need attention.", {
        fieldErrors: { warehouseId: `SellerCloud has no warehouse ${value.warehouseId}.` },
      });
    value.warehouseName = warehouse.name;
  } else value.warehouseName = null;
  const updated = await db
    .update(channels)
    .set({
      settings: sql`jsonb_set(${channels.settings}, '{priceSync}', ${JSON.stringify(value)}::jsonb)`,
      updatedAt: now,
    })
    .where(and(eq(channels.workspaceId, scope.workspaceId), eq(channels.id, scope.channelId)))
    .returning({ id: channels.id });
  if (!updated.length) throw new AppError("NOT_FOUND", "The channel was not found.");
  return value;
}
