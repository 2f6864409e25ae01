import { Readable } from "node:stream";
import { and, asc, eq, gt } from "drizzle-orm";
import { anyOf } from "@/db/any-of";
import type { Db } from "@/db/client";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import { csvWriter } from "@/lib/csv/write";
import { CATALOG_FIELDS, formatMoney } from "./fields";

/**
 * Streams the catalog as CSV, in pages by SKU (keyset, not OFFSET), so memory stays flat however
 * large the catalog is. The header uses the import's field names, so an export re-imports as is
 * (except that a cell a spreadsheet would run as a formula gets a leading apostrophe: lib/csv/write.ts).
 */
export function exportCatalogCsv(
  db: Db,
  workspaceId: string,
  options: { channelId?: string; pageSize?: number } = {},
): Readable {
  const pageSize = options.pageSize ?? 5000;
  const columns: string[] = [...CATALOG_FIELDS];
  if (options.channelId) columns.push("sellercloud_product_id", "linked_by");

  async function* records(): AsyncGenerator<string[]> {
    let after = "";
    for (;;) {
      // Three index-driven reads per page (variants by the keyset, then their listings and links
      // by id): a single join let the planner hash-join whole tables on every page, so the export
      // grew with the square of the catalog (22 s for 100k variants).
      const pageVariants = await db
        .select()
        .from(variants)
        .where(and(eq(variants.workspaceId, workspaceId), gt(variants.skuKey, after)))
        .orderBy(asc(variants.skuKey))
        .limit(pageSize);
      if (pageVariants.length === 0) return;
      const listingIds = [...new Set(pageVariants.map((v) => v.listingId))];
      const listingById = new Map(
        (
          await db
            .select()
            .from(listings)
            .where(and(eq(listings.workspaceId, workspaceId), anyOf(listings.id, listingIds)))
        ).map((l) => [l.id, l]),
      );
      const linkByVariant = new Map(
        options.channelId
          ? (
              await db
                .select()
                .from(listingLinks)
                .where(
                  and(
                    eq(listingLinks.workspaceId, workspaceId),
                    eq(listingLinks.channelId, options.channelId),
                    anyOf(
                      listingLinks.variantId,
                      pageVariants.map((v) => v.id),
                    ),
                  ),
                )
            ).map((k) => [k.variantId, k])
          : [],
      );
      const page = pageVariants.flatMap((variant) => {
        const listing = listingById.get(variant.listingId);
        return listing ? [{ variant, listing, link: linkByVariant.get(variant.id) }] : [];
      });
      for (const { variant: v, listing: l, link } of page) {
        const record = [
          l.key,
          v.sku,
          l.title,
          l.brand ?? "",
          l.tags.join(", "),
          v.upc ?? "",
          v.ean ?? "",
          v.gtin ?? "",
          v.asin ?? "",
          v.mpn ?? "",
          formatMoney(v.costCents),
          formatMoney(v.priceCents),
          formatMoney(v.msrpCents),
          formatMoney(v.mapCents),
          v.quantity == null ? "" : String(v.quantity),
        ];
        if (options.channelId) {
          record.push(
            link?.sellercloudProductId ?? "",
            link ? `${link.matchedBy.listingField}:${link.matchedBy.sellercloudField}` : "",
          );
        }
        yield record;
      }
      if (pageVariants.length < pageSize) return;
      after = pageVariants.at(-1)!.skuKey;
    }
  }

  return Readable.from(records()).pipe(csvWriter(columns));
}
