/**
 * The catalog's CSV fields: their labels, the header names that suggest them, and how a cell is
 * parsed. Shared by import, export, preview and the mapping UI (no server-only imports).
 */

import { columnsOf } from "@/lib/csv/columns";
import { centsToDecimal, decimalToCents } from "@/lib/money/cents";

export const CATALOG_FIELDS = [
  "listing",
  "sku",
  "title",
  "brand",
  "tags",
  "upc",
  "ean",
  "gtin",
  "asin",
  "mpn",
  "cost",
  "price",
  "msrp",
  "map",
  "quantity",
] as const;

/**
 * The variant's vendor (its code or name on the Vendors page), the vendor's SKU and unit cost (issue
 * 18): read by the import (stored in variant_vendors); the export writes them after CATALOG_FIELDS
 * (the vendor by its code, the cost like the other money columns), so an export re-imports with them.
 */
export const VENDOR_FIELDS = ["vendor", "vendor_sku", "vendor_cost"] as const;

/** Every field a catalog import can map a column to: the catalog's and the vendor's. */
export const IMPORT_FIELDS = [...CATALOG_FIELDS, ...VENDOR_FIELDS] as const;
export type CatalogField = (typeof IMPORT_FIELDS)[number];

export const CATALOG_FIELD_LABELS: Record<CatalogField, string> = {
  listing: "Listing (parent) key",
  sku: "SKU",
  title: "Title",
  brand: "Brand",
  tags: "Tags",
  upc: "UPC",
  ean: "EAN",
  gtin: "GTIN",
  asin: "ASIN",
  mpn: "MPN",
  cost: "Cost",
  price: "Price",
  msrp: "MSRP",
  map: "MAP",
  quantity: "Quantity",
  vendor: "Vendor",
  vendor_sku: "Vendor SKU",
  vendor_cost: "Vendor cost",
};

/** Header names (lower-case, letters and digits only) that suggest each field. */
const SYNONYMS: Record<CatalogField, string[]> = {
  listing: [
    "listing",
    "listingkey",
    "listingid",
    "parent",
    "parentsku",
    "parentid",
    "handle",
    "groupid",
    "productgroup",
  ],
  sku: ["sku", "variantsku", "sellersku", "itemsku", "merchantsku", "productsku"],
  title: ["title", "name", "productname", "producttitle", "itemname", "listingtitle"],
  brand: ["brand", "brandname", "manufacturer"],
  tags: ["tags", "tag", "labels", "keywords", "collections"],
  upc: ["upc", "upca", "upccode", "barcode"],
  ean: ["ean", "ean13", "eancode"],
  gtin: ["gtin", "gtin14", "gtin13", "gtin12"],
  asin: ["asin", "amazonasin"],
  mpn: ["mpn", "manufacturersku", "manufacturerpartnumber", "partnumber", "mfrpartnumber", "mfgpartnumber"],
  cost: ["cost", "unitcost", "costprice", "wholesale", "wholesaleprice"],
  price: ["price", "saleprice", "sellingprice", "siteprice", "unitprice"],
  msrp: ["msrp", "listprice", "retailprice", "rrp"],
  map: ["map", "mapprice", "minimumadvertisedprice"],
  quantity: ["quantity", "qty", "stock", "inventory", "onhand", "available", "availableqty"],
  vendor: ["vendor", "vendorcode", "supplier", "suppliercode", "dropshipper"],
  vendor_sku: ["vendorsku", "suppliersku", "vendoritemnumber", "supplieritemnumber"],
  vendor_cost: ["vendorcost", "suppliercost", "dropshipcost"],
};

/**
 * A mapping from catalog field to the CSV column it is read from; unmapped fields are absent. A
 * column is named by its key (lib/csv/columns.ts): its header, or "UPC (column 4)" when the header
 * name is used by more than one column.
 */
export type ColumnMapping = Partial<Record<CatalogField, string>>;

function simplify(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Suggests a mapping from the header row; returns column keys. Each column is used at most once,
 * first field wins. When a header name that suggests a field is repeated, the column with the most
 * filled cells in `sample` (the preview's rows) is suggested, else the first.
 */
export function suggestMapping(headers: readonly string[], sample: readonly (readonly string[])[] = []): ColumnMapping {
  const { columns } = columnsOf(headers);
  const filled = (index: number) => sample.filter((cells) => (cells[index] ?? "").trim() !== "").length;
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const synonyms = SYNONYMS[field];
    const candidates = columns.filter((c) => !used.has(c.index) && synonyms.includes(simplify(c.header)));
    const best = candidates.reduce<(typeof candidates)[number] | undefined>(
      (top, c) => (top === undefined || filled(c.index) > filled(top.index) ? c : top),
      undefined,
    );
    if (best !== undefined) {
      mapping[field] = best.key;
      used.add(best.index);
    }
  }
  return mapping;
}

/**
 * Checks a mapping against the file's column keys (lib/csv/columns.ts); returns a message per
 * field that is wrong (no SKU, a column the file lacks, one column used twice).
 */
export function checkColumnMapping(mapping: ColumnMapping, columns: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!mapping.sku) problems.sku = "Choose the column that holds the SKU";
  const seen = new Map<string, CatalogField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (!columns.includes(column)) problems[field] = `The file has no column "${column}"`;
    const other = seen.get(column);
    if (other) problems[field] = `Column "${column}" is already used for ${CATALOG_FIELD_LABELS[other]}`;
    seen.set(column, field);
  }
  return problems;
}

export type MoneyField = "cost" | "price" | "msrp" | "map";
export const MONEY_FIELDS: readonly MoneyField[] = ["cost", "price", "msrp", "map"];

/** The catalog stores money in a Postgres integer column. */
const MAX_CENTS = 2_147_483_647;

/**
 * A typed amount -> integer cents, exactly (lib/money/cents.ts): "12.5", "$1,234.99", and "12,99"
 * when `decimalComma` (a semicolon-separated file). More than two decimals are rounded half up at
 * the cent and `rounded` says so, for a warning on the row. Not negative; at most 21,474,836.47.
 * Returns null cents for an empty cell and an error message for a bad one.
 */
export function parseMoney(
  raw: string,
  options: { decimalComma?: boolean } = {},
): { cents: number | null; rounded?: boolean } | { error: string } {
  const text = raw.trim();
  if (text === "") return { cents: null };
  const result = decimalToCents(text, options);
  const example = options.decimalComma ? "12,99" : "12.99";
  if (!result.ok) {
    return /too large/.test(result.reason)
      ? { error: `is too large (got "${text}")` }
      : { error: `must be an amount like ${example} (got "${text}")` };
  }
  if (result.cents < 0) return { error: `cannot be negative (got "${text}")` };
  if (result.cents > MAX_CENTS) return { error: `is too large (got "${text}")` };
  return { cents: result.cents, rounded: result.rounded };
}

/** Integer cents as "12.99" (export, demo); blank for none. */
export function formatMoney(cents: number | null): string {
  return cents == null ? "" : centsToDecimal(cents);
}

export function parseQuantity(raw: string): { quantity: number | null } | { error: string } {
  const text = raw.trim().replace(/^(\d{1,3}(,\d{3})+)$/, (m) => m.replace(/,/g, ""));
  if (text === "") return { quantity: null };
  if (!/^-?\d+$/.test(text)) return { error: `must be a whole number (got "${raw.trim()}")` };
  const quantity = Number(text);
  if (quantity < 0) return { error: `cannot be negative (got "${raw.trim()}")` };
  if (quantity > 2_147_483_647) return { error: `is too large (got "${raw.trim()}")` };
  return { quantity };
}

/** Tags split on commas, semicolons or pipes; trimmed, blanks and repeats dropped, order kept. */
export function parseTags(raw: string): string[] {
  const tags: string[] = [];
  for (const part of raw.split(/[,;|]/)) {
    const tag = part.trim();
    if (tag !== "" && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
