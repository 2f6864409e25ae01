/**
 * What the match step reads from Conduit's database: the variants the channel manages (its
 * listing management scope) with their identifiers, and the channel's current links.
 */

import { and, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import type { LinkPair, ListingManagement } from "@/lib/channels/settings";
import type { VariantIds } from "@/lib/linking/match";

export interface MatchInputs {
  variants: VariantIds[];
  links: Array<{ variantId: string; productId: string; matchedBy: LinkPair }>;
}

/** The channel's scoped variants and its links, read in parallel. */
export async function loadMatchInputs(
  db: Db,
  workspaceId: string,
  channelId: string,
  scope: ListingManagement,
): Promise<MatchInputs> {
  const [scoped, links] = await Promise.all([
    loadScopedVariants(db, workspaceId, scope),
    db
      .select({
        variantId: listingLinks.variantId,
        productId: listingLinks.sellercloudProductId,
        matchedBy: listingLinks.matchedBy,
      })
      .from(listingLinks)
      .where(and(eq(listingLinks.workspaceId, workspaceId), eq(listingLinks.channelId, channelId))),
  ]);
  return { variants: scoped, links };
}

/**
 * The variants the channel manages (listing management scope: all, brand, tag or SKU prefix,
 * compared case-insensitively), with their identifiers. A scope with no values manages nothing.
 */
async function loadScopedVariants(db: Db, workspaceId: string, scope: ListingManagement): Promise<VariantIds[]> {
  const filters: SQL[] = [eq(variants.workspaceId, workspaceId)];
  const values = scope.values.map((v) => v.trim().toLowerCase()).filter((v) => v !== "");
  if (scope.scope !== "all") {
    // A scope with no values manages nothing: safer than silently managing everything.
    if (values.length === 0) return [];
    if (scope.scope === "brand") filters.push(inArray(sql`lower(${listings.brand})`, values));
    if (scope.scope === "tag") {
      const list = sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      );
      filters.push(sql`exists (select 1 from unnest(${listings.tags}) as t(tag) where lower(t.tag) in (${list}))`);
    }
    if (scope.scope === "sku_prefix") {
      filters.push(or(...values.map((v) => like(variants.skuKey, `${v.toUpperCase().replace(/[\\%_]/g, "\\$&")}%`)))!);
    }
  }
  // Raw rows (one object per variant, as the driver returns them) rather than the query builder's
  // mapped copy: at 200k variants the second copy was a visible share of the match step's memory.
  const join =
    scope.scope === "all" || scope.scope === "sku_prefix"
      ? sql``
      : sql` inner join ${listings} on ${listings.id} = ${variants.listingId}`;
  const result = await db.execute(sql`
    select ${variants.id} as id, ${variants.sku} as sku, ${variants.upc} as upc, ${variants.ean} as ean,
      ${variants.gtin} as gtin, ${variants.asin} as asin, ${variants.mpn} as mpn
    from ${variants}${join} where ${and(...filters)}`);
  return rowsOf<VariantIds>(result);
}
