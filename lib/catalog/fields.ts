/**
 * The catalog's CSV fields: their labels, the header names that suggest them, and how a cell is
 * parsed. Shared by import, export, preview and the mapping UI (no server-only imports).
 */

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
export type CatalogField = (typeof CATALOG_FIELDS)[number];

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
  brand: ["brand", "brandname", "manufacturer", "vendor"],
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
};

/** A mapping from catalog field to the CSV header it is read from; unmapped fields are absent. */
export type ColumnMapping = Partial<Record<CatalogField, string>>;

function simplify(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Suggests a mapping from header names; each header is used at most once, first field wins. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of CATALOG_FIELDS) {
    const synonyms = SYNONYMS[field];
    const header = headers.find((h) => !used.has(h) && synonyms.includes(simplify(h)));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/** Checks a mapping against the file's headers; returns a message per field that is wrong. */
export function checkMapping(mapping: ColumnMapping, headers: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!mapping.sku) problems.sku = "Choose the column that holds the SKU";
  const seen = new Map<string, CatalogField>();
  for (const field of CATALOG_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    if (!headers.includes(header)) problems[field] = `The file has no column "${header}"`;
    const other = seen.get(header);
    if (other) problems[field] = `Column "${header}" is already used for ${CATALOG_FIELD_LABELS[other]}`;
    seen.set(header, field);
  }
  return problems;
}

export type MoneyField = "cost" | "price" | "msrp" | "map";
export const MONEY_FIELDS: readonly MoneyField[] = ["cost", "price", "msrp", "map"];

/**
 * "12.5", "$1,234.99" -> cents. Exact (no floating point), at most two decimals, not negative.
 * Returns null for an empty cell and a message for a bad one.
 */
export function parseMoney(raw: string): { cents: number | null } | { error: string } {
  let text = raw.trim();
  if (text === "") return { cents: null };
  if (text.startsWith("$")) text = text.slice(1).trim();
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return { error: `must be an amount like 12.99 (got "${raw.trim()}")` };
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents) || cents > 2_147_483_647) return { error: `is too large (got "${raw.trim()}")` };
  return { cents };
}

export function formatMoney(cents: number | null): string {
  if (cents == null) return "";
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
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
