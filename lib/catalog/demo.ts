/**
 * A demo catalog derived from the sandbox's own seeded product generator, so Link Listings against
 * the sandbox links something, and shows every outcome. For the k-th product of the company:
 *   k%10 0-3  same SKU as SellerCloud (some lower-cased)          -> linked by SKU
 *   k%10 4-5  own SKU, the product's UPC (half as EAN-13 form)     -> linked by UPC
 *   k%10 6    own SKU, the product's EAN (inventory rows only)     -> linked by EAN
 *   k%10 7    own SKU, the product's MPN                           -> linked by MPN
 *   k%10 8    a new product SellerCloud does not have              -> unmatched
 *   k%10 9    the product's UPC with a wrong check digit           -> invalid code
 * plus, for products whose UPC the sandbox shares with the next product, a variant with that UPC
 * (ambiguous), and every 50th product a second variant with the same MPN (conflict).
 * A product without the identifier its bucket needs falls back to its SKU.
 */

import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { csvText, csvWriter } from "@/lib/csv/write";
import { decimalToCents, percentOfCents } from "@/lib/money/cents";
import { DEFAULT_SANDBOX_CONFIG } from "@/lib/sellercloud/sandbox/config";
import { type ProductFacts, productCompany, productFacts } from "@/lib/sellercloud/sandbox/data/products";
import { CATALOG_FIELDS, formatMoney, suggestMapping } from "./fields";
import { type ImportResult, importCatalogCsv } from "./import";

export interface DemoCatalogOptions {
  seed?: number;
  /** The sandbox's product count (its catalog is products 0..n-1). */
  products?: number;
  companyId?: number;
  /** Stop after this many rows. */
  limit?: number;
}

export type DemoRow = Record<(typeof CATALOG_FIELDS)[number], string>;

/** A fixture amount (a JSON-style number) in cents, through its decimal text (lib/money/cents.ts). */
const demoCents = (amount: number): number => {
  const result = decimalToCents(String(amount));
  return result.ok ? result.cents : 0;
};

function row(
  f: ProductFacts,
  sku: string,
  ids: Partial<Pick<DemoRow, "upc" | "ean" | "mpn">>,
  listing?: string,
): DemoRow {
  return {
    listing: listing ?? sku,
    sku,
    title: f.name,
    brand: f.mpn ? f.mpn.split("-")[0]! : "TRL",
    tags: "outdoor, demo",
    upc: ids.upc ?? "",
    ean: ids.ean ?? "",
    gtin: "",
    asin: "",
    mpn: ids.mpn ?? "",
    cost: formatMoney(demoCents(f.cost)),
    price: formatMoney(demoCents(f.price)),
    msrp: formatMoney(percentOfCents(demoCents(f.price), 120)),
    map: formatMoney(percentOfCents(demoCents(f.price), 90)),
    quantity: String(f.qty),
  };
}

function breakCheckDigit(code: string): string {
  const last = Number(code.at(-1));
  return `${code.slice(0, -1)}${(last + 1) % 10}`;
}

/** Demo rows in a stable order; pure, lazy (a 200k-row benchmark catalog never sits in memory). */
export function* demoCatalogRows(options: DemoCatalogOptions = {}): Generator<DemoRow> {
  const seed = options.seed ?? DEFAULT_SANDBOX_CONFIG.seed;
  const products = options.products ?? DEFAULT_SANDBOX_CONFIG.products;
  const companyId = options.companyId ?? 1;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let emitted = 0;
  let k = 0;
  for (let index = 0; index < products && emitted < limit; index++) {
    if (productCompany(index, seed) !== companyId) continue;
    // Identifiers do not depend on the sandbox's clock, only on (seed, index).
    const f = productFacts(index, seed, 0);
    const own = `CD-${String(k + 1).padStart(6, "0")}`;
    const bucket = k % 10;
    const rows: DemoRow[] = [];
    if (bucket <= 3) rows.push(row(f, k % 20 === 1 ? f.sku.toLowerCase() : f.sku, {}));
    else if (bucket <= 5 && f.upc) rows.push(row(f, own, { upc: k % 2 ? `0${f.upc}` : f.upc }));
    else if (bucket === 6 && f.ean) rows.push(row(f, own, { ean: f.ean }));
    else if (bucket === 7 && f.mpn) rows.push(row(f, own, { mpn: f.mpn }));
    else if (bucket === 8) rows.push(row(f, `CD-NEW-${String(k + 1).padStart(6, "0")}`, {}));
    else if (bucket === 9 && f.upc) rows.push(row(f, own, { upc: breakCheckDigit(f.upc) }));
    else rows.push(row(f, f.sku, {}));
    // Slot 16 of every 250 shares its UPC with slot 17 in the sandbox.
    if (index % 250 === 16 && f.upc && productCompany(index + 1, seed) === companyId && index + 1 < products) {
      rows.push(row(f, `CD-AMB-${String(k + 1).padStart(6, "0")}`, { upc: f.upc }));
    }
    if (k % 50 === 47 && f.mpn) rows.push(row(f, `CD-DUP-${String(k + 1).padStart(6, "0")}`, { mpn: f.mpn }));
    for (const r of rows) {
      if (emitted >= limit) break;
      emitted++;
      yield r;
    }
    k++;
  }
}

/** The demo catalog as a CSV stream (any size). */
export function demoCatalogCsvStream(options: DemoCatalogOptions = {}): Readable {
  return Readable.from(demoCatalogRows(options)).pipe(csvWriter(CATALOG_FIELDS));
}

/** Imports the demo catalog into a workspace (the "Load demo catalog" button, tests, benchmarks). */
export function importDemoCatalog(
  db: Db,
  workspaceId: string,
  options: DemoCatalogOptions & { batchSize?: number } = {},
): Promise<ImportResult> {
  return importCatalogCsv(db, workspaceId, demoCatalogCsvStream(options), {
    mapping: suggestMapping([...CATALOG_FIELDS]),
    batchSize: options.batchSize,
  });
}

/**
 * public/sample-catalog.csv: the first 50 demo rows plus the ambiguous and conflicting rows of the
 * first 300 sandbox products, so a small file against the default sandbox shows every outcome.
 */
export function sampleCatalogCsv(): string {
  const rows: DemoRow[] = [];
  for (const r of demoCatalogRows({ products: 300 })) {
    // A conflict needs both variants in the file: keep a CD-DUP row only next to its original.
    const isConflict = r.sku.startsWith("CD-DUP-") && rows.some((o) => o.sku === r.sku.replace("CD-DUP-", "CD-"));
    if (rows.length < 50 || r.sku.startsWith("CD-AMB-") || isConflict) rows.push(r);
  }
  return csvText(rows, CATALOG_FIELDS);
}
