/**
 * What the match step reads from Conduit's database: the variants the channel manages (its
 * listing management scope) with their identifiers, and the channel's current links.
 */

import { and, eq, inArray, like, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { copyOutRows } from "@/db/copy-out";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import type { LinkPair, ListingManagement } from "@/lib/channels/settings";
import type { VariantIds } from "@/lib/linking/match";

export interface MatchInputs {
  variants: VariantIds[];
  links: Array<{ variantId: string; productId: string; matchedBy: LinkPair }>;
}

/**
 * The channel's scoped variants and its links, read in parallel, each with COPY (db/copy-out.ts):
 * a run reads every variant of the workspace and every link of the channel, 200k rows each, which
 * as a SELECT's rows cost PGlite ~1 s more on the app's one thread.
 */
export async function loadMatchInputs(
  db: Db,
  workspaceId: string,
  channelId: string,
  scope: ListingManagement,
): Promise<MatchInputs> {
  const [scoped, links] = await Promise.all([
    loadScopedVariants(db, workspaceId, scope),
    loadLinks(db, workspaceId, channelId),
  ]);
  return { variants: scoped, links };
}

async function loadLinks(db: Db, workspaceId: string, channelId: string): Promise<MatchInputs["links"]> {
  const rows = await copyOutRows(
    db,
    sql`select ${listingLinks.variantId}, ${listingLinks.sellercloudProductId}, ${listingLinks.matchedBy}::text
      from ${listingLinks}
      where ${and(eq(listingLinks.workspaceId, workspaceId), eq(listingLinks.channelId, channelId))}`,
  );
  // A channel's links share a handful of linking pairs: each pair's JSON is parsed once.
  const pairs = new Map<string, LinkPair>();
  return rows.map(([variantId, productId, pairText]) => {
    let matchedBy = pairs.get(pairText!);
    if (!matchedBy) {
      matchedBy = JSON.parse(pairText!) as LinkPair;
      pairs.set(pairText!, matchedBy);
    }
    return { variantId: variantId!, productId: productId!, matchedBy };
  });
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
  const join =
    scope.scope === "all" || scope.scope === "sku_prefix"
      ? sql``
      : sql` inner join ${listings} on ${listings.id} = ${variants.listingId}`;
  const rows = await copyOutRows(
    db,
    sql`select ${variants.id}, ${variants.sku}, ${variants.upc}, ${variants.ean}, ${variants.gtin}, ${variants.asin}, ${variants.mpn}
      from ${variants}${join} where ${and(...filters)}`,
  );
  return rows.map(([id, sku, upc, ean, gtin, asin, mpn]) => ({ id: id!, sku: sku!, upc, ean, gtin, asin, mpn }));
}
