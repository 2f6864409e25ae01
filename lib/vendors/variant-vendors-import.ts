/**
 * The catalog import's vendor columns (issue 18): `vendor` (a vendor's code, or its name, without
 * case), `vendor_sku` and `vendor_cost`, written to variant_vendors in the import batch's own
 * transaction. Only mapped columns change; an empty `vendor` cell clears the variant's vendor. A
 * vendor the workspace does not have leaves the variant's vendor as it was, with a warning naming
 * the row (the rest of the row is imported). A row whose three vendor columns are all mapped and all
 * empty (an export of a variant without a vendor) removes the variant's vendor row instead of
 * writing one of nulls, so re-importing an export adds no row per variant.
 */

import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { variants } from "@/db/schema/catalog";
import { variantVendors, vendors } from "@/db/schema/vendors";
import type { ColumnMapping } from "@/lib/catalog/fields";
import type { CatalogRowError, ParsedRow } from "@/lib/catalog/import-row";

/** Upserts the batch's vendor fields; returns a warning per row whose vendor is unknown. */
export async function upsertVariantVendors(
  tx: Db,
  workspaceId: string,
  rows: readonly ParsedRow[],
  mapping: ColumnMapping,
): Promise<CatalogRowError[]> {
  const mapped = mapping.vendor !== undefined || mapping.vendor_sku !== undefined || mapping.vendor_cost !== undefined;
  if (!mapped || rows.length === 0) return [];
  const all = await tx
    .select({ id: vendors.id, code: vendors.code, name: vendors.name })
    .from(vendors)
    .where(eq(vendors.workspaceId, workspaceId));
  const byKey = new Map<string, string>();
  for (const v of all) byKey.set(v.name.trim().toLowerCase(), v.id);
  for (const v of all) byKey.set(v.code.toLowerCase(), v.id); // a code wins over another vendor's name
  const ids = await tx
    .select({ id: variants.id, skuKey: variants.skuKey })
    .from(variants)
    .where(
      and(
        eq(variants.workspaceId, workspaceId),
        inArray(
          variants.skuKey,
          rows.map((r) => r.skuKey),
        ),
      ),
    );
  const idOf = new Map(ids.map((v) => [v.skuKey, v.id]));
  const warnings: CatalogRowError[] = [];
  const values: (typeof variantVendors.$inferInsert)[] = [];
  const allMapped =
    mapping.vendor !== undefined && mapping.vendor_sku !== undefined && mapping.vendor_cost !== undefined;
  const none: string[] = [];
  for (const row of rows) {
    const variantId = idOf.get(row.skuKey);
    if (!variantId) continue;
    if (allMapped && !row.vendor && row.vendor_sku == null && row.vendor_cost == null) {
      none.push(variantId);
      continue;
    }
    const value: typeof variantVendors.$inferInsert = { variantId, workspaceId };
    if (mapping.vendor !== undefined) {
      if (!row.vendor) value.vendorId = null;
      else {
        const id = byKey.get(row.vendor.trim().toLowerCase());
        if (id) value.vendorId = id;
        else
          warnings.push({
            row: row.row,
            column: mapping.vendor,
            field: "vendor",
            message: `Vendor "${row.vendor}" is not one of your vendors (by code or name); the variant's vendor was left as it was. Add the vendor on the Vendors page and import again.`,
          });
      }
    }
    if (mapping.vendor_sku !== undefined) value.vendorSku = row.vendor_sku ?? null;
    if (mapping.vendor_cost !== undefined) value.vendorCostCents = row.vendor_cost ?? null;
    values.push(value);
  }
  for (let i = 0; i < none.length; i += 1000) {
    await tx
      .delete(variantVendors)
      .where(
        and(eq(variantVendors.workspaceId, workspaceId), inArray(variantVendors.variantId, none.slice(i, i + 1000))),
      );
  }
  // Two groups: rows that set the vendor, and rows that keep it (vendor column unmapped, or unknown).
  const withVendor = values.filter((v) => "vendorId" in v);
  const keepVendor = values.filter((v) => !("vendorId" in v));
  const base: Record<string, unknown> = { updatedAt: sql`now()` };
  if (mapping.vendor_sku !== undefined) base.vendorSku = sql`excluded.vendor_sku`;
  if (mapping.vendor_cost !== undefined) base.vendorCostCents = sql`excluded.vendor_cost_cents`;
  for (const [group, set] of [
    [withVendor, { ...base, vendorId: sql`excluded.vendor_id` }],
    [keepVendor, base],
  ] as const) {
    for (let i = 0; i < group.length; i += 1000) {
      await tx
        .insert(variantVendors)
        .values(group.slice(i, i + 1000))
        .onConflictDoUpdate({ target: variantVendors.variantId, set });
    }
  }
  return warnings;
}
