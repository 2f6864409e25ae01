/**
 * A sandbox tenant's products: the generated catalog (facts are a pure function of seed and index)
 * plus products added, patched or removed by tests, their catalog and inventory rows, and the
 * Catalog/Inventory list filters (company, SKU, UPC, EAN, keyword, active status, modified window).
 */
import { catalogRow, inventoryRow, type ProductFacts, productCompany, productFacts } from "../data/products";
import { badRequest, SandboxError } from "../errors";
import { indexOfSku, skuFor } from "../identifiers";
import { type Json, parseFilterDate, scDateString } from "../wire-format";
import type { StoreContext } from "./store-context";

type Filter = (i: number) => boolean;

interface ProductEntry {
  facts: ProductFacts;
  /** Raw field overrides applied to both the catalog and the inventory row. */
  patch?: Json;
}

/** A product added by a test: the fields given override the generated ones (null = no such identifier). */
export interface NewProduct {
  ID?: string;
  CompanyID?: number;
  ProductName?: string;
  UPC?: string | null;
  EAN?: string | null;
  GTIN?: string | null;
  ASIN?: string | null;
  ManufacturerSKU?: string | null;
  SitePrice?: number;
}

/** Catalog/inventory list filters (`queryProducts`). */
export interface ProductQuery {
  companyIds?: number[];
  skus?: string[];
  upc?: string;
  ean?: string;
  keyword?: string;
  activeStatus?: number;
  updatedFrom?: number;
  updatedTo?: number;
}

export class ProductStore {
  private generatedProducts = 0;
  private readonly extraProducts: ProductEntry[] = [];
  private readonly productPatches = new Map<number, Json>();
  private readonly removedProducts = new Set<number>();
  /** LastModifiedDate (wall-clock ms) of generated products changed since they were generated. */
  private readonly productModified = new Map<number, number>();
  private readonly extraSkuIndex = new Map<string, number>();

  constructor(private readonly ctx: StoreContext) {
    this.load();
  }

  /** Back to the generated catalog of the current settings. */
  reset(): void {
    this.extraProducts.length = 0;
    this.productPatches.clear();
    this.productModified.clear();
    this.removedProducts.clear();
    this.extraSkuIndex.clear();
    this.load();
  }

  private load() {
    this.generatedProducts = this.ctx.config.products;
  }

  /** How many products were generated (orders draw their items from these). */
  get generatedCount(): number {
    return this.generatedProducts;
  }

  get productTotal(): number {
    return this.generatedProducts + this.extraProducts.length - this.removedProducts.size;
  }

  private productEntry(index: number): ProductEntry {
    if (index >= this.generatedProducts) return this.extraProducts[index - this.generatedProducts]!;
    return {
      facts: productFacts(index, this.ctx.config.seed, this.ctx.config.epochMs),
      patch: this.productPatches.get(index),
    };
  }

  /** Facts of a generated product by index (orders use this for their items). */
  productFactsAt = (index: number): ProductFacts => productFacts(index, this.ctx.config.seed, this.ctx.config.epochMs);

  /** The index of the product with this SKU (any case), or -1 when there is none. */
  productIndexOfSku(sku: string): number {
    const extra = this.extraSkuIndex.get(sku.toUpperCase());
    if (extra !== undefined) return this.removedProducts.has(extra) ? -1 : extra;
    const index = indexOfSku(sku);
    if (index < 0 || index >= this.generatedProducts || this.removedProducts.has(index)) return -1;
    // A generated SKU may have been renamed by a patch.
    const patched = this.productPatches.get(index)?.ID;
    if (patched !== undefined && String(patched).toUpperCase() !== sku.toUpperCase()) return -1;
    return index;
  }

  private productCompanyAt(index: number): number {
    if (index >= this.generatedProducts) return this.extraProducts[index - this.generatedProducts]!.facts.companyId;
    const patched = this.productPatches.get(index)?.CompanyID;
    return typeof patched === "number" ? patched : productCompany(index, this.ctx.config.seed);
  }

  catalogRowAt(index: number): Json {
    const entry = this.productEntry(index);
    const row = catalogRow(entry.facts);
    if (entry.patch) for (const [k, v] of Object.entries(entry.patch)) if (k !== "EAN") row[k] = v;
    return row;
  }

  inventoryRowAt(index: number): Json {
    const entry = this.productEntry(index);
    const row = inventoryRow(entry.facts);
    if (entry.patch) for (const [k, v] of Object.entries(entry.patch)) if (k in row || k === "EAN") row[k] = v;
    return row;
  }

  /** A product's LastModifiedDate in wall-clock ms (what model.lastUpdatedFrom/To filter on). */
  private productModifiedAt(index: number): number {
    if (index >= this.generatedProducts) return this.extraProducts[index - this.generatedProducts]!.facts.modifiedMs;
    return (
      this.productModified.get(index) ?? productFacts(index, this.ctx.config.seed, this.ctx.config.epochMs).modifiedMs
    );
  }

  /**
   * Product indexes matching catalog/inventory filters, in SKU order. `updatedFrom`/`updatedTo`
   * (wall-clock ms, inclusive) keep products whose LastModifiedDate is in the window.
   */
  queryProducts(q: ProductQuery): Int32Array {
    const key = `p:${JSON.stringify(q)}`;
    return this.ctx.cache.cached(key, () => {
      const total = this.generatedProducts + this.extraProducts.length;
      if (q.skus?.length) {
        const found = q.skus.map((s) => this.productIndexOfSku(s.trim())).filter((i) => i >= 0);
        return Int32Array.from([...new Set(found)].sort((a, b) => a - b));
      }
      const filters: Filter[] = [(i) => !this.removedProducts.has(i)];
      if (q.companyIds?.length) {
        const set = new Set(q.companyIds);
        filters.push((i) => set.has(this.productCompanyAt(i)));
      }
      const { updatedFrom, updatedTo } = q;
      if (updatedFrom !== undefined || updatedTo !== undefined) {
        filters.push((i) => {
          const at = this.productModifiedAt(i);
          return (updatedFrom === undefined || at >= updatedFrom) && (updatedTo === undefined || at <= updatedTo);
        });
      }
      const needsRow =
        q.upc !== undefined || q.ean !== undefined || q.keyword !== undefined || q.activeStatus !== undefined;
      const out: number[] = [];
      for (let i = 0; i < total; i++) {
        let ok = true;
        for (const f of filters)
          if (!f(i)) {
            ok = false;
            break;
          }
        if (!ok) continue;
        if (needsRow) {
          const row = q.ean !== undefined ? this.inventoryRowAt(i) : this.catalogRowAt(i);
          if (q.upc !== undefined && row.UPC !== q.upc) continue;
          if (q.ean !== undefined && row.EAN !== q.ean) continue;
          if (q.activeStatus !== undefined && q.activeStatus !== -1 && row.Status !== q.activeStatus) continue;
          if (q.keyword !== undefined) {
            const k = q.keyword.toLowerCase();
            const hay = `${row.ID} ${row.ProductName} ${row.ASIN ?? ""} ${row.UPC ?? ""}`.toLowerCase();
            if (!hay.includes(k)) continue;
          }
        }
        out.push(i);
      }
      return Int32Array.from(out);
    });
  }

  /** Adds a product (test data); returns its catalog row. */
  addProduct(input: NewProduct): Json {
    const index = this.generatedProducts + this.extraProducts.length;
    const sku = input.ID ?? skuFor(index);
    if (this.productIndexOfSku(sku) >= 0) throw badRequest(`Product ${sku} already exists.`);
    const base = productFacts(index, this.ctx.config.seed, this.ctx.config.epochMs);
    const facts: ProductFacts = {
      ...base,
      sku,
      companyId: input.CompanyID ?? 1,
      name: input.ProductName ?? base.name,
      upc: input.UPC === undefined ? base.upc : input.UPC,
      ean: input.EAN === undefined ? base.ean : input.EAN,
      gtin: input.GTIN === undefined ? base.gtin : input.GTIN,
      asin: input.ASIN === undefined ? base.asin : input.ASIN,
      mpn: input.ManufacturerSKU === undefined ? base.mpn : input.ManufacturerSKU,
      price: input.SitePrice ?? base.price,
      modifiedMs: this.ctx.now(),
    };
    this.extraProducts.push({ facts });
    this.extraSkuIndex.set(sku.toUpperCase(), index);
    this.ctx.cache.touch();
    return this.catalogRowAt(index);
  }

  /**
   * Overrides fields of a product (catalog and inventory rows). Like SellerCloud, a change moves
   * its LastModifiedDate: to `patch.LastModifiedDate` when given (a date the filters read, e.g.
   * "2026-05-01T10:00:00", on the tenant's clock), else to now.
   */
  updateProduct(sku: string, input: Json): Json {
    const index = this.productIndexOfSku(sku);
    if (index < 0) throw new SandboxError(404, { Message: `Product ${sku} was not found.` });
    const given = typeof input.LastModifiedDate === "string" ? parseFilterDate(input.LastModifiedDate) : undefined;
    const modifiedMs = given ?? this.ctx.now();
    const patch: Json = { ...input, LastModifiedDate: scDateString(modifiedMs) };
    if (index >= this.generatedProducts) {
      const entry = this.extraProducts[index - this.generatedProducts]!;
      entry.patch = { ...entry.patch, ...patch };
      entry.facts.modifiedMs = modifiedMs;
      if (typeof patch.CompanyID === "number") entry.facts.companyId = patch.CompanyID;
    } else {
      this.productPatches.set(index, { ...this.productPatches.get(index), ...patch });
      this.productModified.set(index, modifiedMs);
    }
    this.ctx.cache.touch();
    return this.catalogRowAt(index);
  }

  removeProduct(sku: string): boolean {
    const index = this.productIndexOfSku(sku);
    if (index < 0) return false;
    this.removedProducts.add(index);
    this.ctx.cache.touch();
    return true;
  }
}
