import { Readable } from "node:stream";
import { and, asc, eq, gt } from "drizzle-orm";
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
      const page = await db
        .select({ variant: variants, listing: listings, link: listingLinks })
        .from(variants)
        .innerJoin(listings, eq(listings.id, variants.listingId))
        .leftJoin(
          listingLinks,
          and(
            eq(listingLinks.workspaceId, variants.workspaceId),
            eq(listingLinks.channelId, options.channelId ?? "00000000-0000-0000-0000-000000000000"),
            eq(listingLinks.variantId, variants.id),
          ),
        )
        .where(and(eq(variants.workspaceId, workspaceId), gt(variants.skuKey, after)))
        .orderBy(asc(variants.skuKey))
        .limit(pageSize);
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
      if (page.length < pageSize) return;
      after = page.at(-1)!.variant.skuKey;
    }
  }

  return Readable.from(records()).pipe(csvWriter(columns));
}
