/**
 * The SellerCloud side of matching: one hash index per (SellerCloud field, comparison kind) used
 * by the priority, built in one pass over the products. Lookups are O(1), so a run is linear in
 * products + variants.
 */

import type { LinkPair, SellerCloudProductField } from "@/lib/channels/settings";
import { type CompareKind, compareKey, compareKindOf, normalizeAs } from "./normalize";

/** A SellerCloud product's identifiers. EAN comes from inventory rows: catalog rows have none. */
export interface SellerCloudProductIds {
  /** The SellerCloud SKU (catalog `ID`). */
  id: string;
  upc?: string | null;
  ean?: string | null;
  gtin?: string | null;
  asin?: string | null;
  /** SellerCloud's ManufacturerSKU. */
  mpn?: string | null;
}

export function productFieldValue(
  product: SellerCloudProductIds,
  field: SellerCloudProductField,
): string | null | undefined {
  switch (field) {
    case "ID":
      return product.id;
    case "UPC":
      return product.upc;
    case "EAN":
      return product.ean;
    case "GTIN":
      return product.gtin;
    case "ASIN":
      return product.asin;
    case "ManufacturerSKU":
      return product.mpn;
  }
}

/** A key maps to one product's position in `products`, or to several when the value is shared. */
export type IndexEntry = number | number[];

export interface InvalidProductCode {
  productId: string;
  field: SellerCloudProductField;
  value: string;
  reason: string;
}

export interface ProductIndex {
  products: readonly SellerCloudProductIds[];
  /** Position of each product by its normalised ID (SellerCloud SKUs are case-insensitive). */
  byId: Map<string, number>;
  /** Keyed by `${field}:${kind}`. */
  fields: Map<string, Map<string, IndexEntry>>;
  /** Product-side codes that failed validation: left out of the index and reported. */
  invalidCodes: InvalidProductCode[];
  /** Products dropped because another product already had the same ID. */
  duplicateIds: string[];
}

export function indexKey(field: SellerCloudProductField, kind: CompareKind): string {
  return `${field}:${kind}`;
}

export function buildProductIndex(
  products: readonly SellerCloudProductIds[],
  priority: readonly LinkPair[],
): ProductIndex {
  const wanted = new Map<string, { field: SellerCloudProductField; kind: CompareKind }>();
  for (const pair of priority) {
    const kind = compareKindOf(pair);
    wanted.set(indexKey(pair.sellercloudField, kind), { field: pair.sellercloudField, kind });
  }
  const byId = new Map<string, number>();
  const fields = new Map<string, Map<string, IndexEntry>>();
  // The ID compared as text has byId's keys and positions (trimmed, upper case, first copy only):
  // it is byId itself rather than a second map of 200k entries.
  const idAsText = indexKey("ID", "text");
  const built: Array<{ field: SellerCloudProductField; kind: CompareKind; map: Map<string, IndexEntry> }> = [];
  for (const [key, { field, kind }] of wanted) {
    if (key === idAsText) {
      fields.set(key, byId);
      continue;
    }
    const map = new Map<string, IndexEntry>();
    fields.set(key, map);
    built.push({ field, kind, map });
  }

  const kept: SellerCloudProductIds[] = [];
  const invalidCodes: InvalidProductCode[] = [];
  const duplicateIds: string[] = [];
  // An invalid code is reported once per product and field, even if two pairs read that field.
  const reported = new Set<string>();

  for (const product of products) {
    const idKey = product.id.trim().toUpperCase();
    if (idKey === "") continue;
    if (byId.has(idKey)) {
      // The same product on two pages (catalog shifted while paging): keep the first copy.
      duplicateIds.push(product.id);
      continue;
    }
    const position = kept.length;
    kept.push(product);
    byId.set(idKey, position);
    for (const { field, kind, map } of built) {
      const value = productFieldValue(product, field);
      const key = compareKey(kind, value);
      if (key === null) continue;
      if (key === undefined) {
        const tag = `${position}:${field}`;
        const normalized = normalizeAs(kind, value);
        if (!reported.has(tag) && normalized.kind === "invalid") {
          reported.add(tag);
          invalidCodes.push({ productId: product.id, field, value: normalized.value, reason: normalized.reason });
        }
        continue;
      }
      const existing = map.get(key);
      if (existing === undefined) map.set(key, position);
      else if (typeof existing === "number") map.set(key, [existing, position]);
      else existing.push(position);
    }
  }
  return { products: kept, byId, fields, invalidCodes, duplicateIds };
}
