/**
 * listPreviewItems: a few of the workspace's own variants for the wizard's pricing preview, within
 * the channel's listings.
 */
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import type { PricedItem } from "./pricing";
import type { ListingManagement } from "./settings";

const dollars = (cents: number | null) => (cents === null ? null : cents / 100);

/**
 * A few of the workspace's own variants for the pricing preview, limited to the listings the
 * channel covers. Null when the catalog is empty, so the page can say it shows samples instead.
 */
export async function listPreviewItems(
  db: Db,
  workspaceId: string,
  scope: ListingManagement | undefined,
  limit = 6,
): Promise<PricedItem[] | null> {
  const filters: SQL[] = [eq(variants.workspaceId, workspaceId)];
  const values = scope?.values ?? [];
  if (scope && scope.scope !== "all" && values.length) {
    if (scope.scope === "brand") filters.push(inArray(listings.brand, values));
    if (scope.scope === "tag") filters.push(sql`${listings.tags} && ${sql.param(values)}::text[]`);
    if (scope.scope === "sku_prefix") {
      const prefixes = values.map((v) => ilike(variants.sku, `${v.replace(/[\\%_]/g, "\\$&")}%`));
      const any = or(...prefixes);
      if (any) filters.push(any);
    }
  }
  const rows = await db
    .select({
      sku: variants.sku,
      title: listings.title,
      cost: variants.costCents,
      price: variants.priceCents,
      msrp: variants.msrpCents,
      map: variants.mapCents,
      quantity: variants.quantity,
    })
    .from(variants)
    .innerJoin(listings, and(eq(listings.id, variants.listingId), eq(listings.workspaceId, workspaceId)))
    .where(and(...filters))
    .orderBy(asc(variants.sku))
    .limit(limit);
  if (rows.length === 0) {
    const [any] = await db
      .select({ id: variants.id })
      .from(variants)
      .where(eq(variants.workspaceId, workspaceId))
      .limit(1);
    if (!any) return null;
    return [];
  }
  return rows.map((r) => ({
    sku: r.sku,
    title: r.title,
    cost: dollars(r.cost),
    price: dollars(r.price),
    msrp: dollars(r.msrp),
    map: dollars(r.map),
    quantity: r.quantity,
  }));
}
