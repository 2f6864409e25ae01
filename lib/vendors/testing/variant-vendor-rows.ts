/** Test helper: each variant of a workspace with its vendor fields as stored (variant_vendors), by SKU. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { variants } from "@/db/schema/catalog";
import { variantVendors } from "@/db/schema/vendors";

/** Rows { sku, vendorId, vendorSku, cost (cents) }, ordered by SKU; null fields when a variant has no vendor row. */
export function variantVendorRows(db: Db, workspaceId: string) {
  return db
    .select({
      sku: variants.sku,
      vendorId: variantVendors.vendorId,
      vendorSku: variantVendors.vendorSku,
      cost: variantVendors.vendorCostCents,
    })
    .from(variants)
    .leftJoin(variantVendors, eq(variantVendors.variantId, variants.id))
    .where(eq(variants.workspaceId, workspaceId))
    .orderBy(variants.sku);
}
