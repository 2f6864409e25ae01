/**
 * One batch of the catalog import written in one transaction: finds the rows' stored variants and
 * listings, creates or updates listings (the first row of a listing in the file sets its title,
 * brand and tags), then upserts only new and changed variants. Only mapped fields are written, so a
 * file without a column never blanks that field; counts go into the import's result.
 */

import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { chunkForParameters } from "@/db/bulk";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import type { ColumnMapping } from "./fields";
import type { ParsedRow } from "./import-row";

/** What a batch adds to the import's counts (lib/catalog/import.ts ImportResult has the same fields). */
export interface BatchCounts {
  created: number;
  updated: number;
  unchanged: number;
  listingsCreated: number;
  listingsUpdated: number;
}

interface ListingFields {
  title?: string;
  brand?: string | null;
  tags?: string[];
}

const VARIANT_FIELDS = ["upc", "ean", "gtin", "asin", "mpn"] as const;
const VARIANT_NUMBER_FIELDS = ["cost", "price", "msrp", "map", "quantity"] as const;
const COLUMN_OF = {
  cost: "costCents",
  price: "priceCents",
  msrp: "msrpCents",
  map: "mapCents",
  quantity: "quantity",
} as const;

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** Writes one batch of valid, first-of-their-SKU rows; `listingsSeen` spans the whole file. */
export async function upsertBatch(
  tx: Db,
  workspaceId: string,
  rows: ParsedRow[],
  mapping: ColumnMapping,
  listingsSeen: Set<string>,
  result: BatchCounts,
): Promise<void> {
  const existingVariants = new Map(
    (
      await tx
        .select()
        .from(variants)
        .where(
          and(
            eq(variants.workspaceId, workspaceId),
            inArray(
              variants.skuKey,
              rows.map((r) => r.skuKey),
            ),
          ),
        )
    ).map((v) => [v.skuKey, v]),
  );

  // Which listing each row belongs to: its listing key; else the listing it already has; else its own.
  const listingKeyOf = (row: ParsedRow): string | undefined =>
    row.listing ?? (existingVariants.has(row.skuKey) ? undefined : row.skuKey);
  const keys = [...new Set(rows.map(listingKeyOf).filter((k): k is string => k !== undefined))];
  const keptIds = [
    ...new Set(rows.filter((r) => listingKeyOf(r) === undefined).map((r) => existingVariants.get(r.skuKey)!.listingId)),
  ];
  const existingListings = await tx
    .select()
    .from(listings)
    .where(
      and(
        eq(listings.workspaceId, workspaceId),
        or(
          keys.length > 0 ? inArray(listings.key, keys) : sql`false`,
          keptIds.length > 0 ? inArray(listings.id, keptIds) : sql`false`,
        ),
      ),
    );
  const listingByKey = new Map(existingListings.map((l) => [l.key, l]));
  const listingKeyById = new Map(existingListings.map((l) => [l.id, l.key]));

  // The first row of a listing in the file sets its title, brand and tags.
  const listingWrites = new Map<string, ListingFields & { key: string; isNew: boolean }>();
  for (const row of rows) {
    const key = listingKeyOf(row) ?? listingKeyById.get(existingVariants.get(row.skuKey)!.listingId)!;
    if (listingsSeen.has(key)) continue;
    listingsSeen.add(key);
    const fields: ListingFields = {};
    if (mapping.title !== undefined) fields.title = row.title ?? "";
    if (mapping.brand !== undefined) fields.brand = row.brand ?? null;
    if (mapping.tags !== undefined) fields.tags = row.tags ?? [];
    const current = listingByKey.get(key);
    if (!current) {
      listingWrites.set(key, { key, isNew: true, ...fields });
      continue;
    }
    const changed =
      (fields.title !== undefined && fields.title !== current.title) ||
      (fields.brand !== undefined && fields.brand !== current.brand) ||
      (fields.tags !== undefined && !sameTags(fields.tags, current.tags));
    if (changed) listingWrites.set(key, { key, isNew: false, ...fields });
  }
  // Keys referenced by rows but first seen in an earlier batch may still be new to this batch's map.
  for (const key of keys) {
    if (!listingByKey.has(key) && !listingWrites.has(key)) listingWrites.set(key, { key, isNew: true });
  }

  const listingIdByKey = new Map(existingListings.map((l) => [l.key, l.id]));
  const writes = [...listingWrites.values()];
  // Only mapped fields change; the others keep their stored value.
  const listingSet: Record<string, SQL> = { updatedAt: sql`now()` };
  if (mapping.title !== undefined) listingSet.title = sql`excluded.title`;
  if (mapping.brand !== undefined) listingSet.brand = sql`excluded.brand`;
  if (mapping.tags !== undefined) listingSet.tags = sql`excluded.tags`;
  for (const chunk of chunkForParameters(writes, 5)) {
    const returned = await tx
      .insert(listings)
      .values(
        chunk.map((w) => ({
          workspaceId,
          key: w.key,
          title: w.title ?? "",
          brand: w.brand ?? null,
          tags: w.tags ?? [],
        })),
      )
      .onConflictDoUpdate({
        target: [listings.workspaceId, listings.key],
        set: listingSet,
      })
      .returning({ id: listings.id, key: listings.key });
    for (const r of returned) listingIdByKey.set(r.key, r.id);
  }
  for (const w of writes) {
    if (w.isNew) result.listingsCreated++;
    else result.listingsUpdated++;
  }

  // Variants: compare mapped fields with what is stored; write only new and changed rows.
  type VariantInsert = typeof variants.$inferInsert;
  const variantWrites: VariantInsert[] = [];
  for (const row of rows) {
    const current = existingVariants.get(row.skuKey);
    const key = listingKeyOf(row);
    const listingId = key === undefined ? current!.listingId : listingIdByKey.get(key)!;
    const next: VariantInsert = { workspaceId, listingId, sku: row.sku, skuKey: row.skuKey };
    for (const field of VARIANT_FIELDS) if (mapping[field] !== undefined) next[field] = row[field] ?? null;
    for (const field of VARIANT_NUMBER_FIELDS) {
      if (mapping[field] !== undefined) next[COLUMN_OF[field]] = row[field] ?? null;
    }
    if (!current) {
      result.created++;
      variantWrites.push(next);
      continue;
    }
    const changed =
      current.listingId !== listingId ||
      current.sku !== row.sku ||
      VARIANT_FIELDS.some((f) => next[f] !== undefined && next[f] !== current[f]) ||
      VARIANT_NUMBER_FIELDS.some(
        (f) => next[COLUMN_OF[f]] !== undefined && next[COLUMN_OF[f]] !== current[COLUMN_OF[f]],
      );
    if (changed) {
      result.updated++;
      variantWrites.push(next);
    } else {
      result.unchanged++;
    }
  }
  if (variantWrites.length === 0) return;

  // Only mapped fields change on conflict; the others keep their stored value.
  const set: Record<string, SQL> = {
    listingId: sql`excluded.listing_id`,
    sku: sql`excluded.sku`,
    updatedAt: sql`now()`,
  };
  for (const field of VARIANT_FIELDS) if (mapping[field] !== undefined) set[field] = sql.raw(`excluded.${field}`);
  for (const field of VARIANT_NUMBER_FIELDS) {
    if (mapping[field] !== undefined) set[COLUMN_OF[field]] = sql.raw(`excluded.${variants[COLUMN_OF[field]].name}`);
  }
  for (const chunk of chunkForParameters(variantWrites, 16)) {
    await tx
      .insert(variants)
      .values(chunk)
      .onConflictDoUpdate({ target: [variants.workspaceId, variants.skuKey], set });
  }
}
