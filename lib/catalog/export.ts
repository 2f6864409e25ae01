/** The catalog's CSV export: variants streamed in keyset pages by SKU, with the import's field names as the header. */
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import type { LinkPair } from "@/db/schema/values";
import { csvCell, csvLine } from "@/lib/csv/write";
import { CATALOG_FIELDS, formatMoney, VENDOR_FIELDS } from "./fields";

/** A CSV row's columns as the driver returns them (no mapped copy, no dates). */
interface PageRow {
  sku_key: string;
  sku: string;
  upc: string | null;
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  mpn: string | null;
  cost_cents: number | null;
  price_cents: number | null;
  msrp_cents: number | null;
  map_cents: number | null;
  quantity: number | null;
  /** The listing's columns; null when the variant's listing is not in the workspace. */
  key: string | null;
  title: string;
  brand: string | null;
  tags: string[];
  /** The variant's vendor (variant_vendors): its code, SKU and cost; null when it has none. */
  vendor_code: string | null;
  vendor_sku: string | null;
  vendor_cost_cents: number | null;
  sellercloud_product_id: string | null;
  /** Null when the variant has no link on the channel (or no channel was asked for). */
  matched_by: LinkPair | null;
}

/**
 * Streams the catalog as CSV, in pages by SKU (keyset, not OFFSET), so memory stays flat however
 * large the catalog is. The header uses the import's field names, so an export re-imports as is
 * (except that a cell a spreadsheet would run as a formula gets a leading apostrophe: lib/csv/write.ts).
 * `pageSize`: variants per page (default 5,000); each page becomes one chunk of CSV text.
 */
export function exportCatalogCsv(
  db: Db,
  workspaceId: string,
  options: { channelId?: string; pageSize?: number } = {},
): Readable {
  const pageSize = options.pageSize ?? 5000;
  const channelId = options.channelId;
  // The vendor columns as the import reads them (lib/vendors/variant-vendors-import.ts): the
  // vendor by its code (unique in the workspace and what the import matches first; a name may be
  // shared or look like a formula), its SKU, and its cost as an amount like the other money columns.
  const columns: string[] = [...CATALOG_FIELDS, ...VENDOR_FIELDS];
  if (channelId) columns.push("sellercloud_product_id", "linked_by");

  async function* chunks(): AsyncGenerator<string> {
    yield csvLine(columns);
    let after = "";
    for (;;) {
      // One statement per page, every step an index lookup: the variants of the page by the
      // keyset index, then each one's listing, vendor row (variant_vendors, keyed by variant id),
      // vendor and link by primary key (LATERAL ... LIMIT 1 keeps those lookups per row). Looking
      // listings and links up by an array of the page's ids let the planner scan both tables whole
      // on every page (5,000 ids looked costlier than a scan), so the export grew with the square of
      // the catalog; a plain join hash-joined whole tables too.
      // Only the columns written, as raw rows: no mapped copy, no dates.
      const link = channelId
        ? sql`left join lateral (
            select sellercloud_product_id, matched_by from listing_links
            where workspace_id = ${workspaceId} and channel_id = ${channelId} and variant_id = v.id
            limit 1) k on true`
        : sql`left join lateral (select null::text as sellercloud_product_id, null::jsonb as matched_by) k on true`;
      const page = rowsOf<PageRow>(
        await db.execute(sql`
          select v.sku_key, v.sku, v.upc, v.ean, v.gtin, v.asin, v.mpn,
            v.cost_cents, v.price_cents, v.msrp_cents, v.map_cents, v.quantity,
            l.key, l.title, l.brand, l.tags, vd.code as vendor_code, vv.vendor_sku, vv.vendor_cost_cents,
            k.sellercloud_product_id, k.matched_by
          from (
            select * from variants
            where workspace_id = ${workspaceId} and sku_key > ${after}
            order by sku_key
            limit ${pageSize}) v
          left join lateral (
            select key, title, brand, tags from listings
            where id = v.listing_id and workspace_id = ${workspaceId}
            limit 1) l on true
          left join lateral (
            select vendor_id, vendor_sku, vendor_cost_cents from variant_vendors
            where variant_id = v.id and workspace_id = ${workspaceId}
            limit 1) vv on true
          left join lateral (
            select code from vendors
            where id = vv.vendor_id and workspace_id = ${workspaceId}
            limit 1) vd on true
          ${link}
          order by v.sku_key`),
      );
      // The page's CSV text in one string, cell by cell (lib/csv/write.ts csvCell: the bytes the
      // library writes, without a record array and a stream hop per row).
      let text = "";
      for (const v of page) {
        if (v.key === null) continue; // no listing in this workspace: not exported, as ever
        text +=
          `${csvCell(v.key)},${csvCell(v.sku)},${csvCell(v.title)},${csvCell(v.brand ?? "")},` +
          `${csvCell(v.tags.join(", "))},${csvCell(v.upc ?? "")},${csvCell(v.ean ?? "")},` +
          `${csvCell(v.gtin ?? "")},${csvCell(v.asin ?? "")},${csvCell(v.mpn ?? "")},` +
          `${csvCell(formatMoney(v.cost_cents))},${csvCell(formatMoney(v.price_cents))},` +
          `${csvCell(formatMoney(v.msrp_cents))},${csvCell(formatMoney(v.map_cents))},` +
          `${csvCell(v.quantity == null ? "" : String(v.quantity))},` +
          `${csvCell(v.vendor_code ?? "")},${csvCell(v.vendor_sku ?? "")},${csvCell(formatMoney(v.vendor_cost_cents))}`;
        if (channelId) {
          const pair = v.matched_by;
          text += `,${csvCell(v.sellercloud_product_id ?? "")},${csvCell(pair ? `${pair.listingField}:${pair.sellercloudField}` : "")}`;
        }
        text += "\n";
      }
      if (text !== "") yield text;
      if (page.length < pageSize) return;
      after = page.at(-1)!.sku_key;
    }
  }

  // Bytes, not strings: the route hands this stream to Readable.toWeb as the response body.
  return Readable.from(chunks(), { objectMode: false });
}
