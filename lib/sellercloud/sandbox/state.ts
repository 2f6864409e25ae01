import { randomBytes } from "node:crypto";
import { OrderStatus, ShippingStatus } from "../enums";
import { DEFAULT_TENANT_TIME_ZONE, toTenantWallClock } from "../tenant-clock";
import {
  applyShipped,
  buildOrder,
  catalogRow,
  companyName,
  type GeneratedOrder,
  generateOrder,
  inventoryRow,
  type Json,
  newOrderHeader,
  ORDER_ID_BASE,
  type OrderGenOptions,
  orderHeader,
  type ProductFacts,
  productCompany,
  productFacts,
  SANDBOX_CARRIERS,
  SANDBOX_COMPANIES,
  scDateString,
  UNSET_DATE,
} from "./data";
import { createRng, hash32, indexOfSku, skuFor } from "./identifiers";

/**
 * The sandbox's data and rules, independent of HTTP: a lazily generated catalog and order book
 * with typed-array indexes for filtering, mutations for tests, tokens, and SellerCloud's shipping
 * rules. Every query result is cached until the next mutation, so paging is a slice, not a scan.
 */

export interface SandboxConfig {
  seed: number;
  products: number;
  orders: number;
  username: string;
  password: string;
  tokenTtlSeconds: number;
  /** Orders are spread over the `orderSpanDays` before this instant (default: start time, to the minute). */
  epochMs: number;
  orderSpanDays: number;
  /** Fixed item count per order (benchmarks); default 1–4. */
  itemsPerOrder?: number;
  /** Share of In Process orders (default 0.7); the rest spread over every other status. */
  inProcessShare?: number;
  /** SellerCloud's behaviour for an unknown carrier/service is undocumented; the sandbox refuses by default. */
  acceptUnknownCarriers: boolean;
  /**
   * The zone of the tenant's server clock (IANA name, default "UTC"). Every date the sandbox
   * emits (CreatedOn, ShipDate…), every date filter it reads and the "Ship Date cannot be in the
   * future" check use this zone's wall-clock time without an offset, as SellerCloud does.
   */
  timeZone: string;
  /** The real clock (ms since the epoch, UTC); `SandboxState.now()` is its wall-clock reading. */
  now: () => number;
  /**
   * New orders keep arriving at the seeded rate (`orders` per `orderSpanDays`, about 50 a day)
   * once the clock passes the epoch, added when a request comes (`catchUp`). Off by default (a
   * test's order count stays fixed); the app's per-workspace tenants turn it on.
   */
  growOrders?: boolean;
}

export const DEFAULT_SANDBOX_CONFIG = {
  seed: 42,
  products: 2000,
  orders: 500,
  username: "sandbox@conduit.local",
  password: "sandbox",
  tokenTtlSeconds: 3600,
  orderSpanDays: 10,
  acceptUnknownCarriers: false,
  timeZone: DEFAULT_TENANT_TIME_ZONE,
} as const;

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === "object" && body && "Message" in body ? String((body as Json).Message) : `HTTP ${status}`);
  }
}

export const badRequest = (message: string, modelState?: Record<string, string[]>) =>
  new SandboxError(
    400,
    modelState ? { Message: "The request is invalid.", ModelState: modelState } : { Message: message },
  );

/**
 * Parses `mm/dd/yyyy hh:mm`, `mm/dd/yyyy` and ISO dates as wall-clock ms (the tenant's local time
 * read as if it were UTC, the sandbox's internal time scale); an explicit offset is honoured as is.
 */
export function parseFilterDate(value: string): number | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (us) {
    const [, m, d, y, h = "0", min = "0", s = "0"] = us;
    return Date.UTC(Number(y), Number(m) - 1, Number(d), Number(h), Number(min), Number(s));
  }
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone ? value : `${value}${value.includes("T") ? "Z" : ""}`);
  return Number.isFinite(ms) ? ms : undefined;
}

type Filter = (i: number) => boolean;

interface ProductEntry {
  facts: ProductFacts;
  /** Raw field overrides applied to both the catalog and the inventory row. */
  patch?: Json;
}

export class SandboxState {
  readonly config: SandboxConfig;
  /** Bumped on every mutation; cached query results carry the version they were built at. */
  version = 0;

  // --- products
  private generatedProducts = 0;
  private readonly extraProducts: ProductEntry[] = [];
  private readonly productPatches = new Map<number, Json>();
  private readonly removedProducts = new Set<number>();
  /** LastModifiedDate (wall-clock ms) of generated products changed since they were generated. */
  private readonly productModified = new Map<number, number>();
  private readonly extraSkuIndex = new Map<string, number>();

  // --- orders (index i has id ORDER_ID_BASE + i)
  private orderCount = 0;
  private cap = 0;
  private oCompany = new Int32Array(0);
  private oStatus = new Int16Array(0);
  private oDropship = new Int8Array(0);
  private oShipStatus = new Int8Array(0);
  private oCreated = new Float64Array(0);
  /** LastUpdated (ms), for model.lastUpdatedFrom/To. */
  private oUpdated = new Float64Array(0);
  private oTimeOfOrder = new Float64Array(0);
  private oShipDate = new Float64Array(0);
  private oRemoved = new Uint8Array(0);
  private readonly materialized = new Map<number, GeneratedOrder>();
  private nextPackageId = 900_000_001;

  // --- tokens
  private readonly tokens = new Map<string, { username: string; expiresAt: number }>();

  private readonly cache = new Map<string, { version: number; value: Int32Array }>();

  constructor(config: Partial<SandboxConfig> = {}) {
    const now = config.now ?? Date.now;
    const zone = config.timeZone ?? DEFAULT_SANDBOX_CONFIG.timeZone;
    this.config = {
      ...DEFAULT_SANDBOX_CONFIG,
      epochMs: Math.floor(toTenantWallClock(new Date(now()), zone).getTime() / 60_000) * 60_000,
      now,
      ...stripUndefined(config),
    };
    this.load();
  }

  /** Back to the seeded data (optionally with new sizes or seed); tokens survive unless `dropTokens`. */
  reset(
    changes: Partial<
      Pick<
        SandboxConfig,
        "seed" | "products" | "orders" | "itemsPerOrder" | "inProcessShare" | "orderSpanDays" | "epochMs"
      >
    > = {},
  ) {
    Object.assign(this.config, stripUndefined(changes));
    this.extraProducts.length = 0;
    this.productPatches.clear();
    this.productModified.clear();
    this.removedProducts.clear();
    this.extraSkuIndex.clear();
    this.materialized.clear();
    this.cache.clear();
    this.nextPackageId = 900_000_001;
    this.load();
  }

  private load() {
    this.generatedProducts = this.config.products;
    this.orderCount = 0;
    this.cap = 0;
    this.grow(Math.max(16, this.config.orders));
    const options = this.orderOptions();
    for (let i = 0; i < this.config.orders; i++) this.indexHeader(i, orderHeader(i, options));
    this.orderCount = this.config.orders;
    this.version++;
  }

  private indexHeader(i: number, h: ReturnType<typeof orderHeader>) {
    this.oCompany[i] = h.companyId;
    this.oStatus[i] = h.statusCode;
    this.oDropship[i] = h.dropship;
    this.oShipStatus[i] =
      h.statusCode === OrderStatus.Completed ? ShippingStatus.FullyShipped : ShippingStatus.Unshipped;
    this.oCreated[i] = h.createdMs;
    this.oUpdated[i] = h.createdMs + 60_000; // the generated LastUpdated (data.ts buildOrder)
    this.oTimeOfOrder[i] = h.timeOfOrderMs;
    this.oShipDate[i] = h.statusCode === OrderStatus.Completed ? h.createdMs + 86_400_000 : 0;
    this.oRemoved[i] = 0;
  }

  /**
   * With `growOrders`: adds the generated orders whose creation time (the seeded timeline, which
   * continues past the epoch) has come by the tenant's clock. Returns how many were added.
   */
  catchUp(): number {
    if (!this.config.growOrders) return 0;
    const now = this.now();
    const options = this.orderOptions();
    let added = 0;
    for (;;) {
      const i = this.orderCount;
      const header = orderHeader(i, options);
      if (header.createdMs > now) break;
      this.grow(i + 1);
      this.indexHeader(i, header);
      this.orderCount = i + 1;
      added++;
    }
    if (added) this.touch();
    return added;
  }

  private grow(min: number) {
    if (min <= this.cap) return;
    const cap = Math.max(min, this.cap * 2);
    const copy = <T extends Int32Array | Int16Array | Int8Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const next = make(cap);
      next.set(a);
      return next;
    };
    this.oCompany = copy(this.oCompany, (n) => new Int32Array(n));
    this.oStatus = copy(this.oStatus, (n) => new Int16Array(n));
    this.oDropship = copy(this.oDropship, (n) => new Int8Array(n));
    this.oShipStatus = copy(this.oShipStatus, (n) => new Int8Array(n));
    this.oCreated = copy(this.oCreated, (n) => new Float64Array(n));
    this.oUpdated = copy(this.oUpdated, (n) => new Float64Array(n));
    this.oTimeOfOrder = copy(this.oTimeOfOrder, (n) => new Float64Array(n));
    this.oShipDate = copy(this.oShipDate, (n) => new Float64Array(n));
    this.oRemoved = copy(this.oRemoved, (n) => new Uint8Array(n));
    this.cap = cap;
  }

  private orderOptions(): OrderGenOptions {
    return {
      seed: this.config.seed,
      epochMs: this.config.epochMs,
      spanMs: this.config.orderSpanDays * 86_400_000,
      orderCount: this.config.orders,
      productCount: this.generatedProducts,
      itemsPerOrder: this.config.itemsPerOrder,
      inProcessShare: this.config.inProcessShare,
    };
  }

  /** The tenant's wall-clock time (ms, its local fields read as UTC): what the server calls "now". */
  now(): number {
    const real = this.config.now();
    return this.config.timeZone === "UTC" ? real : toTenantWallClock(new Date(real), this.config.timeZone).getTime();
  }

  private cached(key: string, build: () => Int32Array): Int32Array {
    const hit = this.cache.get(key);
    if (hit && hit.version === this.version) return hit.value;
    const value = build();
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, { version: this.version, value });
    return value;
  }

  private touch() {
    this.version++;
  }

  // ===========================================================================================
  // Products

  get productTotal(): number {
    return this.generatedProducts + this.extraProducts.length - this.removedProducts.size;
  }

  private productEntry(index: number): ProductEntry {
    if (index >= this.generatedProducts) return this.extraProducts[index - this.generatedProducts]!;
    return { facts: productFacts(index, this.config.seed, this.config.epochMs), patch: this.productPatches.get(index) };
  }

  /** Facts of a generated product by index (orders use this for their items). */
  productFactsAt = (index: number): ProductFacts => productFacts(index, this.config.seed, this.config.epochMs);

  private productIndexOfSku(sku: string): number {
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
    return typeof patched === "number" ? patched : productCompany(index, this.config.seed);
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
    return this.productModified.get(index) ?? productFacts(index, this.config.seed, this.config.epochMs).modifiedMs;
  }

  /**
   * Product indexes matching catalog/inventory filters, in SKU order. `updatedFrom`/`updatedTo`
   * (wall-clock ms, inclusive) keep products whose LastModifiedDate is in the window.
   */
  queryProducts(q: {
    companyIds?: number[];
    skus?: string[];
    upc?: string;
    ean?: string;
    keyword?: string;
    activeStatus?: number;
    updatedFrom?: number;
    updatedTo?: number;
  }): Int32Array {
    const key = `p:${JSON.stringify(q)}`;
    return this.cached(key, () => {
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
  addProduct(input: {
    ID?: string;
    CompanyID?: number;
    ProductName?: string;
    UPC?: string | null;
    EAN?: string | null;
    GTIN?: string | null;
    ASIN?: string | null;
    ManufacturerSKU?: string | null;
    SitePrice?: number;
  }): Json {
    const index = this.generatedProducts + this.extraProducts.length;
    const sku = input.ID ?? skuFor(index);
    if (this.productIndexOfSku(sku) >= 0) throw badRequest(`Product ${sku} already exists.`);
    const base = productFacts(index, this.config.seed, this.config.epochMs);
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
      modifiedMs: this.now(),
    };
    this.extraProducts.push({ facts });
    this.extraSkuIndex.set(sku.toUpperCase(), index);
    this.touch();
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
    const modifiedMs = given ?? this.now();
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
    this.touch();
    return this.catalogRowAt(index);
  }

  removeProduct(sku: string): boolean {
    const index = this.productIndexOfSku(sku);
    if (index < 0) return false;
    this.removedProducts.add(index);
    this.touch();
    return true;
  }

  // ===========================================================================================
  // Orders

  get orderTotal(): number {
    let removed = 0;
    for (let i = 0; i < this.orderCount; i++) removed += this.oRemoved[i]!;
    return this.orderCount - removed;
  }

  private indexOfOrder(id: number): number {
    const index = id - ORDER_ID_BASE;
    if (!Number.isInteger(index) || index < 0 || index >= this.orderCount || this.oRemoved[index]) return -1;
    return index;
  }

  private orderAt(index: number): GeneratedOrder {
    return this.materialized.get(index) ?? generateOrder(index, this.orderOptions(), this.productFactsAt);
  }

  /** The stored order (generated on first touch) for mutation. */
  private materialize(index: number): GeneratedOrder {
    let order = this.materialized.get(index);
    if (!order) {
      order = generateOrder(index, this.orderOptions(), this.productFactsAt);
      this.materialized.set(index, order);
    }
    return order;
  }

  private syncOrderIndex(index: number, dto: Json) {
    this.oCompany[index] = Number(dto.CompanyID);
    this.oStatus[index] = Number(dto.StatusCode);
    this.oDropship[index] = Number(dto.Dropship);
    this.oShipStatus[index] = Number(dto.ShippingStatus);
    this.oCreated[index] = parseFilterDate(String(dto.CreatedOn)) ?? 0;
    this.oUpdated[index] = parseFilterDate(String(dto.LastUpdated)) ?? this.oCreated[index]!;
    this.oTimeOfOrder[index] = parseFilterDate(String(dto.TimeOfOrder)) ?? 0;
    this.oShipDate[index] = dto.ShipDate === UNSET_DATE ? 0 : (parseFilterDate(String(dto.ShipDate)) ?? 0);
    this.touch();
  }

  /** The order as the list DTO (`MultipleOrderDataDto`) plus its packages, or undefined. */
  getOrder(id: number): GeneratedOrder | undefined {
    const index = this.indexOfOrder(id);
    return index < 0 ? undefined : this.orderAt(index);
  }

  orderDtoAt(index: number): Json {
    return this.orderAt(index).dto;
  }

  /** Order indexes matching list filters, sorted as asked. */
  queryOrders(q: {
    orderIds?: number[];
    companyIds?: number[];
    statuses?: number[];
    dropship?: number[];
    shippingStatus?: number;
    createdFrom?: number;
    createdTo?: number;
    /** model.lastUpdatedFrom / model.lastUpdatedTo (ms, as parsed from the tenant's wall clock). */
    updatedFrom?: number;
    updatedTo?: number;
    orderFrom?: number;
    orderTo?: number;
    sourceOrderIds?: string[];
    orderBy: number;
    ascending: boolean;
  }): Int32Array {
    const key = `o:${JSON.stringify(q)}`;
    return this.cached(key, () => {
      const out: number[] = [];
      const companies = q.companyIds?.length ? new Set(q.companyIds) : null;
      const statuses = q.statuses?.length ? new Set(q.statuses) : null;
      const dropship = q.dropship?.length ? new Set(q.dropship) : null;
      const sourceIds = q.sourceOrderIds?.length ? new Set(q.sourceOrderIds) : null;
      const candidates = q.orderIds?.length
        ? [...new Set(q.orderIds.map((id) => this.indexOfOrder(id)).filter((i) => i >= 0))]
        : null;
      const test = (i: number) => {
        if (this.oRemoved[i]) return false;
        if (companies && !companies.has(this.oCompany[i]!)) return false;
        if (statuses && !statuses.has(this.oStatus[i]!)) return false;
        if (dropship && !dropship.has(this.oDropship[i]!)) return false;
        if (q.shippingStatus !== undefined && this.oShipStatus[i] !== q.shippingStatus) return false;
        if (q.createdFrom !== undefined && this.oCreated[i]! < q.createdFrom) return false;
        if (q.createdTo !== undefined && this.oCreated[i]! > q.createdTo) return false;
        if (q.updatedFrom !== undefined && this.oUpdated[i]! < q.updatedFrom) return false;
        if (q.updatedTo !== undefined && this.oUpdated[i]! > q.updatedTo) return false;
        if (q.orderFrom !== undefined && this.oTimeOfOrder[i]! < q.orderFrom) return false;
        if (q.orderTo !== undefined && this.oTimeOfOrder[i]! > q.orderTo) return false;
        if (sourceIds && !sourceIds.has(String(this.orderAt(i).dto.OrderSourceOrderID))) return false;
        return true;
      };
      if (candidates) {
        for (const i of candidates) if (test(i)) out.push(i);
      } else {
        for (let i = 0; i < this.orderCount; i++) if (test(i)) out.push(i);
      }
      const column =
        q.orderBy === 1
          ? this.oTimeOfOrder
          : q.orderBy === 2
            ? this.oStatus
            : q.orderBy === 3
              ? this.oShipDate
              : q.orderBy === 4
                ? this.oShipStatus
                : null;
      const dir = q.ascending ? 1 : -1;
      if (column) out.sort((a, b) => (column[a]! - column[b]! || a - b) * dir);
      else out.sort((a, b) => (a - b) * dir);
      return Int32Array.from(out);
    });
  }

  /** Adds an order created "now" (or at `CreatedOn`); fields in `input` override the generated ones. */
  addOrder(input: Json = {}): Json {
    const index = this.orderCount;
    this.grow(index + 1);
    const id = ORDER_ID_BASE + index;
    const createdMs =
      typeof input.CreatedOn === "string" ? (parseFilterDate(input.CreatedOn) ?? this.now()) : this.now();
    const rng = createRng(hash32(this.config.seed ^ 0x5eed, index, 9));
    const header = newOrderHeader(rng, createdMs, {
      statusCode: typeof input.StatusCode === "number" ? input.StatusCode : 2,
      companyId: typeof input.CompanyID === "number" ? input.CompanyID : 1,
      dropship: typeof input.Dropship === "number" ? input.Dropship : 0,
    });
    const order = buildOrder(id, rng, header, this.orderOptions(), this.productFactsAt);
    order.dto.CompanyName = companyName(header.companyId);
    const { Items, ...rest } = input;
    Object.assign(order.dto, rest, { ID: id });
    if (Array.isArray(Items)) this.replaceItems(order, Items as Json[]);
    this.materialized.set(index, order);
    this.orderCount = index + 1;
    this.syncOrderIndex(index, order.dto);
    return order.dto;
  }

  private replaceItems(order: GeneratedOrder, items: Json[]) {
    const id = order.dto.ID as number;
    const built = items.map((item, k): Json => {
      const qty = Number(item.Qty ?? 1);
      const price = Number(item.SitePrice ?? 10);
      return {
        ID: id * 10 + k,
        OrderID: id,
        ProductID: String(item.ProductID ?? skuFor(k)),
        ProductIDRequested: String(item.ProductID ?? skuFor(k)),
        DisplayName: String(item.DisplayName ?? item.ProductID ?? "Item"),
        Qty: qty,
        QtyShipped: 0,
        SitePrice: price,
        AdjustedSitePrice: Number(item.AdjustedSitePrice ?? price),
        OriginalBasePrice: Number(item.OriginalBasePrice ?? 0),
        LineTotal: Math.round(qty * price * 100) / 100,
        LineTaxTotal: 0,
        Weight: Number(item.Weight ?? 1),
        ShipFromWareHouseID: 1,
        BundleItems: [],
        ...item,
      };
    });
    for (const item of built) {
      const children = Array.isArray(item.BundleItems) ? (item.BundleItems as Json[]) : [];
      item.BundleItems = children.map((child, c) => kitChild(item, child, c));
      item.KitItemsCount = children.length;
    }
    order.dto.Items = built;
    const packageId = id * 10 + 1;
    order.packages = [
      {
        ID: packageId,
        TrackingNumber: "",
        Weight: 1,
        DeliveryStatus: 0,
        Items: built.flatMap((i): Json[] => {
          const children = i.BundleItems as Json[];
          if (!children.length)
            return [{ PackageID: packageId, OrderItemID: i.ID, ProductID: i.ProductID, Qty: i.Qty }];
          return children.map((child) => ({
            PackageID: packageId,
            OrderItemID: i.ID,
            OrderItemBundleItemID: child.ID,
            ProductID: child.ProductID,
            Qty: child.TotalQty,
          }));
        }),
      },
    ];
  }

  /**
   * Changes fields of an order's list DTO (test data). Like an edit in SellerCloud it moves
   * LastUpdated to now, unless the patch gives LastUpdated itself (a change "at" a chosen time).
   */
  updateOrder(id: number, patch: Json): Json {
    const index = this.indexOfOrder(id);
    if (index < 0) throw new SandboxError(404, { Message: `Order ${id} was not found.` });
    const order = this.materialize(index);
    const { Items, ...rest } = patch;
    Object.assign(order.dto, { LastUpdated: scDateString(this.now()) }, rest, { ID: id });
    if (Array.isArray(Items)) this.replaceItems(order, Items as Json[]);
    this.syncOrderIndex(index, order.dto);
    return order.dto;
  }

  removeOrder(id: number): boolean {
    const index = this.indexOfOrder(id);
    if (index < 0) return false;
    this.oRemoved[index] = 1;
    this.touch();
    return true;
  }

  // ===========================================================================================
  // Shipping (SellerCloud's rules)

  private checkCarrier(carrier: unknown, service: unknown, fields: [string, string]) {
    const errors: Record<string, string[]> = {};
    if (typeof carrier !== "string" || !carrier.trim())
      errors[`model.${fields[0]}`] = [`The ${fields[0]} field is required.`];
    if (typeof service !== "string" || !service.trim())
      errors[`model.${fields[1]}`] = [`The ${fields[1]} field is required.`];
    if (Object.keys(errors).length) throw badRequest("", errors);
    if (this.config.acceptUnknownCarriers) return;
    const key = Object.keys(SANDBOX_CARRIERS).find((c) => c.toLowerCase() === String(carrier).toLowerCase());
    if (!key) throw badRequest(`Shipping carrier '${carrier}' is not valid.`);
    const services = SANDBOX_CARRIERS[key]!;
    if (!services.some((s) => s.toLowerCase() === String(service).toLowerCase())) {
      throw badRequest(`Shipping service '${service}' is not valid for carrier '${key}'.`);
    }
  }

  /** ShipDate may be neither in the future nor before the order was created. */
  private checkShipDate(value: unknown, dto: Json): number {
    if (value === undefined || value === null || value === "") return this.now();
    const ms = typeof value === "string" ? parseFilterDate(value) : undefined;
    if (ms === undefined)
      throw badRequest("", { "model.ShipDate": [`The value '${String(value)}' is not valid for ShipDate.`] });
    if (ms > this.now() + 60_000) throw badRequest("Ship Date cannot be in the future.");
    const created = parseFilterDate(String(dto.CreatedOn)) ?? 0;
    if (Math.floor(ms / 1000) < Math.floor(created / 1000)) {
      throw badRequest("Ship Date cannot be earlier than the order creation date.");
    }
    return ms;
  }

  private orderForWrite(orderId: unknown): { index: number; order: GeneratedOrder } {
    if (typeof orderId !== "number" || !Number.isInteger(orderId)) {
      throw badRequest("", { "model.OrderID": ["The OrderID field is required."] });
    }
    const index = this.indexOfOrder(orderId);
    if (index < 0) throw badRequest(`Order #${orderId} does not exist.`);
    return { index, order: this.materialize(index) };
  }

  /** `PUT /api/Orders/ShippingStatus`: marks the order Fully Shipped; tracking on the first package. */
  updateShippingStatus(body: Json): void {
    const { index, order } = this.orderForWrite(body.OrderID);
    this.checkCarrier(body.ShippingCarrier, body.ShippingService, ["ShippingCarrier", "ShippingService"]);
    const wasShipped = order.dto.ShippingStatus === ShippingStatus.FullyShipped;
    // An already-shipped order keeps its ShipDate (changing it needs SetUnshipped).
    const shipMs = wasShipped ? null : this.checkShipDate(body.ShipDate, order.dto);
    const first = order.packages[0];
    if (first) {
      if (typeof body.TrackingNumber === "string") first.TrackingNumber = body.TrackingNumber;
      for (const k of ["Weight", "Length", "Width", "Height", "DeclaredValue"] as const)
        if (typeof body[k] === "number") first[k] = body[k];
      if (typeof body.ShippingCost === "number") first.FinalShippingFee = body.ShippingCost;
    }
    order.dto.ShippingCarrier = body.ShippingCarrier;
    order.dto.ShippingService = body.ShippingService;
    order.dto.LastUpdated = scDateString(this.now());
    applyShipped(order.dto, order.packages, shipMs);
    this.syncOrderIndex(index, order.dto);
  }

  /** `PUT /api/Orders/ShippingStatus/SinglePackage`: tracking on one package; the whole order ships. */
  updateSinglePackage(body: Json): void {
    const { index, order } = this.orderForWrite(body.OrderID);
    this.checkCarrier(body.CarrierName, body.ShippingMethod, ["CarrierName", "ShippingMethod"]);
    const pkg =
      body.PackageID === undefined || body.PackageID === null || body.PackageID === 0
        ? order.packages[0]
        : order.packages.find((p) => p.ID === body.PackageID);
    if (!pkg) throw badRequest(`Package #${String(body.PackageID)} does not belong to order #${String(body.OrderID)}.`);
    const wasShipped = order.dto.ShippingStatus === ShippingStatus.FullyShipped;
    const shipMs = wasShipped ? null : this.checkShipDate(body.ShipDate, order.dto);
    if (typeof body.TrackingNumber === "string") pkg.TrackingNumber = body.TrackingNumber;
    for (const k of ["Weight", "Length", "Width", "Height"] as const) if (typeof body[k] === "number") pkg[k] = body[k];
    if (typeof body.ShippingCost === "number") pkg.FinalShippingFee = body.ShippingCost;
    order.dto.ShippingCarrier = body.CarrierName;
    order.dto.ShippingService = body.ShippingMethod;
    order.dto.LastUpdated = scDateString(this.now());
    applyShipped(order.dto, order.packages, shipMs);
    this.syncOrderIndex(index, order.dto);
  }

  /**
   * `POST /api/Orders/{id}/Shipping/Packages`: replaces all packages of an unshipped order. Every
   * order item must be assigned in full; a kit line is assigned through its kit items, each listed
   * with the kit's OrderItemID and the child's SKU in OrderItemBundleItemProductID (SellerCloud
   * docs, Create Shipping Packages; sellercloud-api.md §5.3). A package with no items, a quantity
   * below 1, a kit listed without its kit items or a kit item of another line is refused (400).
   */
  createPackages(orderId: number, body: Json): void {
    const { order } = this.orderForWrite(orderId);
    if (order.dto.ShippingStatus === ShippingStatus.FullyShipped)
      throw badRequest(`Order #${orderId} is already shipped.`);
    const packages = body.Packages;
    if (!Array.isArray(packages) || packages.length === 0)
      throw badRequest("", { "model.Packages": ["The Packages field is required."] });
    const items = order.dto.Items as Json[];
    // Order item id (and kit item SKU) -> units assigned.
    const assigned = new Map<string, number>();
    const built: Json[] = [];
    for (const [position, raw] of (packages as Json[]).entries()) {
      if (!Array.isArray(raw.Items) || raw.Items.length === 0)
        throw badRequest(`Package ${position + 1} has no items. Each package must contain at least one order item.`);
    }
    for (const [position, raw] of (packages as Json[]).entries()) {
      const id = this.nextPackageId++;
      const pkgItems = raw.Items as Json[];
      built.push({
        ID: id,
        TrackingNumber: "",
        Weight: raw.Weight ?? 0,
        Length: raw.Length ?? 0,
        Width: raw.Width ?? 0,
        Height: raw.Height ?? 0,
        DeclaredValue: raw.DeclaredValue ?? 0,
        ShippingCost: 0,
        FinalShippingFee: 0,
        DeliveryStatus: 0,
        Items: pkgItems.map((pi) => {
          const item = items.find((i) => i.ID === pi.OrderItemID);
          if (!item) throw badRequest(`Order item #${String(pi.OrderItemID)} does not belong to order #${orderId}.`);
          const qty = Number(pi.Qty);
          if (!Number.isInteger(qty) || qty < 1)
            throw badRequest(`Package ${position + 1}: Qty of order item #${String(item.ID)} must be at least 1.`);
          const children = (item.BundleItems as Json[] | undefined) ?? [];
          const childSku = typeof pi.OrderItemBundleItemProductID === "string" ? pi.OrderItemBundleItemProductID : "";
          if (!children.length) {
            if (childSku)
              throw badRequest(
                `Order item #${String(item.ID)} is not a kit; '${childSku}' is not one of its kit items.`,
              );
            const key = String(item.ID);
            assigned.set(key, (assigned.get(key) ?? 0) + qty);
            return {
              PackageID: id,
              OrderItemID: item.ID,
              ProductID: item.ProductID,
              Qty: qty,
              ItemName: item.DisplayName,
            };
          }
          if (!childSku)
            throw badRequest(
              `Order item #${String(item.ID)} is a kit: assign its kit items (${children.map((c) => c.ProductID).join(", ")}), each with OrderItemBundleItemProductID.`,
            );
          const child = children.find((c) => String(c.ProductID).toLowerCase() === childSku.toLowerCase());
          if (!child) throw badRequest(`'${childSku}' is not a kit item of order item #${String(item.ID)}.`);
          const key = `${String(item.ID)}|${String(child.ProductID)}`;
          assigned.set(key, (assigned.get(key) ?? 0) + qty);
          return {
            PackageID: id,
            OrderItemID: item.ID,
            OrderItemBundleItemID: child.ID,
            ProductID: child.ProductID,
            Qty: qty,
            ItemName: child.ProductName,
          };
        }),
      });
    }
    for (const item of items) {
      const children = (item.BundleItems as Json[] | undefined) ?? [];
      if (!children.length && (assigned.get(String(item.ID)) ?? 0) !== item.Qty)
        throw badRequest(`All order items must be assigned to packages (item #${String(item.ID)}).`);
      for (const child of children) {
        if ((assigned.get(`${String(item.ID)}|${String(child.ProductID)}`) ?? 0) !== child.TotalQty)
          throw badRequest(
            `All kit items must be assigned to packages (item #${String(item.ID)}, kit item ${String(child.ProductID)}).`,
          );
      }
    }
    order.packages = built;
    this.touch();
  }

  // ===========================================================================================
  // Tokens

  issueToken(username: string): { token: string; expiresIn: number; issuedAt: number } {
    // Token times are real instants (".issued" is sent in GMT), not the tenant's wall clock.
    const issuedAt = this.config.now();
    const payload = Buffer.from(JSON.stringify({ sub: username, iat: Math.floor(issuedAt / 1000) })).toString(
      "base64url",
    );
    const token = `eyJhbGciOiJIUzI1NiJ9.${payload}.${randomBytes(16).toString("base64url")}`;
    this.tokens.set(token, { username, expiresAt: issuedAt + this.config.tokenTtlSeconds * 1000 });
    return { token, expiresIn: this.config.tokenTtlSeconds, issuedAt };
  }

  checkToken(token: string | undefined): boolean {
    if (!token) return false;
    const entry = this.tokens.get(token);
    if (!entry) return false;
    if (this.config.now() >= entry.expiresAt) {
      this.tokens.delete(token);
      return false;
    }
    return true;
  }

  /** Every issued token stops working (token expiry mid-run). */
  expireTokens(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  companies() {
    return SANDBOX_COMPANIES;
  }

  carriers() {
    return SANDBOX_CARRIERS;
  }
}

/**
 * A kit item of an order line as the list DTO carries it (`MultipleOrderItemBundleItemDto`): `Qty`
 * per kit, `TotalQty` for the whole line (Qty x the line's quantity).
 */
function kitChild(parent: Json, child: Json, position: number): Json {
  const perKit = Number(child.Qty ?? 1);
  const productId = String(child.ProductID ?? `KIT-PART-${position + 1}`);
  return {
    ID: Number(parent.ID) * 100 + position + 1,
    ParentID: 0,
    OrderItemId: parent.ID,
    OrderID: parent.OrderID,
    ProductID: productId,
    ProductName: String(child.ProductName ?? productId),
    Qty: perKit,
    TotalQty: perKit * Number(parent.Qty),
    QtyReturned: 0,
    QtyPicked: 0,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
