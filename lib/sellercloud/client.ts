import { OrderSortBy } from "./enums";
import { SellerCloudError } from "./errors";
import { type HttpOptions, type HttpStats, type QueryParams, SellerCloudHttp } from "./http";
import { checkIdentifiersRow, type ScIdentifiersRow } from "./identifiers";
import {
  catalogProductSchema,
  checkRecord,
  companySchema,
  type InvalidRecord,
  inventoryRowSchema,
  itemsEnvelopeSchema,
  listOrderSchema,
  packageSchema,
  resultsEnvelopeSchema,
  settingEntrySchema,
  singleOrderSchema,
} from "./schemas";
import {
  formatBodyDate,
  formatFilterDate,
  type ScCarrier,
  type ScCompany,
  type ScInventoryRow,
  type ScOrder,
  type ScPackage,
  type ScProduct,
  type ScService,
  toCompany,
  toInventoryRow,
  toOrderFromList,
  toOrderFromSingle,
  toPackage,
  toProduct,
  toSettingEntry,
} from "./transform";

/**
 * The small typed surface every operation uses. Reads return pages of typed records; records that
 * fail validation are returned beside them (`invalid`) with a message naming the field and the
 * record id, so one bad order is reported and the rest of the page still lands.
 */

/** SellerCloud silently caps list pages at 50 rows. */
export const MAX_PAGE_SIZE = 50;

export type SellerCloudClientOptions = HttpOptions;

export interface Page<T> {
  items: T[];
  invalid: InvalidRecord[];
  pageNumber: number;
  /** Rows SellerCloud returned on this page (valid + invalid). */
  received: number;
  totalResults: number;
}

export interface CatalogPageQuery {
  companyId: number;
  pageNumber: number;
  pageSize?: number;
  sku?: string;
  upc?: string;
  keyword?: string;
}

export interface InventoryPageQuery {
  companyId: number;
  pageNumber: number;
  pageSize?: number;
  /** SKU(s), `model.inventoryID`. */
  sku?: string;
  ean?: string;
  upc?: string;
}

export interface OrdersQuery {
  companyId: number;
  orderStatus?: number | readonly number[];
  /** The 2022 spec takes one value. */
  dropshipStatus?: number;
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  orderIds?: readonly number[];
  /** Default: order ID ascending, so pages stay stable while new orders arrive. */
  sortBy?: number;
  ascending?: boolean;
  pageSize?: number;
}

export interface PagingOptions {
  /** Resume from this page (1-based). */
  startPage?: number;
  signal?: AbortSignal;
}

export interface ShippingStatusInput {
  orderId: number;
  /** SellerCloud's carrier key, e.g. "UPS". */
  carrier: string;
  /** SellerCloud's service, e.g. "UPS Ground". */
  service: string;
  /** Not in the future, not before the order's CreatedOn. */
  shipDate: Date | string;
  trackingNumber?: string;
  shipFromWarehouseId?: number;
  shippingCost?: number;
  declaredValue?: number;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
}

export interface SinglePackageInput {
  orderId: number;
  /** Omitted: SellerCloud uses the order's first package. */
  packageId?: number;
  trackingNumber: string;
  carrier: string;
  service: string;
  /** Ignored by SellerCloud once the order is shipped. */
  shipDate?: Date | string;
  shippingCost?: number;
  warehouseId?: number;
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
}

export interface NewPackageInput {
  weight?: number;
  length?: number;
  width?: number;
  height?: number;
  declaredValue?: number;
  items: { orderItemId: number; qty: number; bundleItemProductId?: string }[];
}

const bodyDate = (value: Date | string) => (typeof value === "string" ? value : formatBodyDate(value));

/** `PUT /api/Orders/ShippingStatus` takes ShippingCarrier / ShippingService. */
export function shippingStatusBody(input: ShippingStatusInput): Record<string, unknown> {
  return dropUndefined({
    OrderID: input.orderId,
    ShippingCarrier: input.carrier,
    ShippingService: input.service,
    ShipDate: bodyDate(input.shipDate),
    TrackingNumber: input.trackingNumber,
    ShipFromWarehouseID: input.shipFromWarehouseId,
    ShippingCost: input.shippingCost,
    DeclaredValue: input.declaredValue,
    Weight: input.weight,
    Length: input.length,
    Width: input.width,
    Height: input.height,
  });
}

/** `PUT /api/Orders/ShippingStatus/SinglePackage` takes CarrierName / ShippingMethod instead. */
export function singlePackageBody(input: SinglePackageInput): Record<string, unknown> {
  return dropUndefined({
    OrderID: input.orderId,
    PackageID: input.packageId,
    TrackingNumber: input.trackingNumber,
    CarrierName: input.carrier,
    ShippingMethod: input.service,
    ShipDate: input.shipDate === undefined ? undefined : bodyDate(input.shipDate),
    ShippingCost: input.shippingCost,
    WarehouseID: input.warehouseId,
    Weight: input.weight,
    Length: input.length,
    Width: input.width,
    Height: input.height,
  });
}

export function createPackagesBody(packages: readonly NewPackageInput[]): Record<string, unknown> {
  return {
    Packages: packages.map((p) =>
      dropUndefined({
        Weight: p.weight,
        Length: p.length,
        Width: p.width,
        Height: p.height,
        DeclaredValue: p.declaredValue,
        Items: p.items.map((i) =>
          dropUndefined({
            OrderItemID: i.orderItemId,
            Qty: i.qty,
            OrderItemBundleItemProductID: i.bundleItemProductId,
          }),
        ),
      }),
    ),
  };
}

/** The `model.`-prefixed filters of `GET /api/Orders`; never mix prefixed and bare names. */
export function ordersQueryParams(query: OrdersQuery, pageNumber: number): QueryParams {
  const statuses = query.orderStatus === undefined ? undefined : ([] as number[]).concat(query.orderStatus);
  return {
    "model.companyID": [query.companyId],
    "model.orderStatus": statuses,
    "model.dropShipStatus": query.dropshipStatus,
    "model.createdOnFrom": query.createdFrom ? formatFilterDate(query.createdFrom) : undefined,
    "model.createdOnTo": query.createdTo ? formatFilterDate(query.createdTo) : undefined,
    "model.lastUpdatedFrom": query.updatedFrom ? formatFilterDate(query.updatedFrom) : undefined,
    "model.orderIDs": query.orderIds,
    "model.orderBy": query.sortBy ?? OrderSortBy.OrderID,
    "model.isAscending": query.ascending ?? true,
    "model.pageNumber": pageNumber,
    "model.pageSize": clampPageSize(query.pageSize),
  };
}

function clampPageSize(size: number | undefined): number {
  if (size === undefined) return MAX_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(size)));
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}

export class SellerCloudClient {
  readonly http: SellerCloudHttp;

  constructor(options: SellerCloudClientOptions) {
    this.http = new SellerCloudHttp(options);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /** HTTP calls made by this instance (logins, retries and throttled attempts included). */
  get callsMade(): number {
    return this.http.callsMade;
  }

  get stats(): Readonly<HttpStats> {
    return this.http.stats;
  }

  /** Logs in now (fresh token), e.g. for "Test connection". */
  async login(signal?: AbortSignal): Promise<{ expiresAt: number | undefined }> {
    await this.http.login(signal);
    return { expiresAt: this.http.tokenExpiry };
  }

  /** Log in (or use the API token) and list the companies the user can see. */
  async testConnection(signal?: AbortSignal): Promise<{ companies: ScCompany[] }> {
    if (this.http.canLogin) await this.http.login(signal);
    return { companies: await this.listCompanies(signal) };
  }

  async listCompanies(signal?: AbortSignal): Promise<ScCompany[]> {
    const out: ScCompany[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      const page = await this.getPage(
        "/api/Companies",
        { "model.pageNumber": pageNumber, "model.pageSize": MAX_PAGE_SIZE },
        (raw, index) => checkRecord(companySchema, raw, index, "Company", ["ID"]),
        toCompany,
        pageNumber,
        signal,
      );
      out.push(...page.items);
      if (page.received === 0 || pageNumber * MAX_PAGE_SIZE >= page.totalResults) break;
    }
    return out;
  }

  getCatalogPage(query: CatalogPageQuery, signal?: AbortSignal): Promise<Page<ScProduct>> {
    return this.getPage(
      "/api/Catalog",
      {
        "model.companyID": [query.companyId],
        "model.sKU": query.sku,
        "model.uPC": query.upc,
        "model.keyword": query.keyword,
        "model.pageNumber": query.pageNumber,
        "model.pageSize": clampPageSize(query.pageSize),
      },
      (raw, index) => checkRecord(catalogProductSchema, raw, index, "Product", ["ID"]),
      (value, raw) => toProduct(value, raw),
      query.pageNumber,
      signal,
    );
  }

  catalogPages(
    query: Omit<CatalogPageQuery, "pageNumber">,
    options: PagingOptions = {},
  ): AsyncGenerator<Page<ScProduct>> {
    return this.pages((pageNumber) => this.getCatalogPage({ ...query, pageNumber }, options.signal), options);
  }

  getInventoryPage(query: InventoryPageQuery, signal?: AbortSignal): Promise<Page<ScInventoryRow>> {
    return this.getPage(
      "/api/Inventory",
      {
        "model.companyID": [query.companyId],
        "model.inventoryID": query.sku,
        "model.eAN": query.ean,
        "model.uPC": query.upc,
        "model.pageNumber": query.pageNumber,
        "model.pageSize": clampPageSize(query.pageSize),
      },
      (raw, index) => checkRecord(inventoryRowSchema, raw, index, "Inventory row", ["ID"]),
      (value, raw) => toInventoryRow(value, raw),
      query.pageNumber,
      signal,
    );
  }

  inventoryPages(
    query: Omit<InventoryPageQuery, "pageNumber">,
    options: PagingOptions = {},
  ): AsyncGenerator<Page<ScInventoryRow>> {
    return this.pages((pageNumber) => this.getInventoryPage({ ...query, pageNumber }, options.signal), options);
  }

  /**
   * One page of a company's products with their identifiers only (ID, CompanyID, UPC, EAN, GTIN,
   * ASIN, ManufacturerSKU; see ./identifiers.ts), read from `GET /api/Catalog` ("catalog") or
   * `GET /api/Inventory` ("inventory", whose rows carry the EAN catalog rows lack), both with
   * `model.companyID`, `model.pageNumber` and `model.pageSize` (swagger 2022: Catalog_GetAll,
   * Inventory_GetAll), and for an incremental read `model.lastUpdatedFrom` / `model.lastUpdatedTo`
   * (same operations: date-time "mm/dd/yyyy hh:mm", on SellerCloud's own clock, so pass the instant
   * as that clock's wall-clock reading; they filter on the rows' `LastModifiedDate`). Much cheaper
   * per row than getCatalogPage/getInventoryPage, for paging whole
   * catalogs. Rows whose identifiers have the wrong type come back in `invalid`.
   * Errors: SellerCloudError (http.ts), `invalid_response` when the answer is not `{ Items, TotalResults }`.
   */
  getIdentifiersPage(
    source: "catalog" | "inventory",
    query: { companyId: number; pageNumber: number; pageSize?: number; lastUpdatedFrom?: Date; lastUpdatedTo?: Date },
    signal?: AbortSignal,
  ): Promise<Page<ScIdentifiersRow>> {
    const entity = source === "catalog" ? "Product" : "Inventory row";
    return this.getPage(
      source === "catalog" ? "/api/Catalog" : "/api/Inventory",
      {
        "model.companyID": [query.companyId],
        "model.lastUpdatedFrom": query.lastUpdatedFrom ? formatFilterDate(query.lastUpdatedFrom) : undefined,
        "model.lastUpdatedTo": query.lastUpdatedTo ? formatFilterDate(query.lastUpdatedTo) : undefined,
        "model.pageNumber": query.pageNumber,
        "model.pageSize": clampPageSize(query.pageSize),
      },
      (raw, index) => checkIdentifiersRow(raw, index, entity),
      (value) => value,
      query.pageNumber,
      signal,
    );
  }

  getOrdersPage(query: OrdersQuery, pageNumber: number, signal?: AbortSignal): Promise<Page<ScOrder>> {
    return this.getPage(
      "/api/Orders",
      ordersQueryParams(query, pageNumber),
      (raw, index) => checkRecord(listOrderSchema, raw, index, "Order", ["ID", "OrderID"]),
      (value, raw) => toOrderFromList(value, raw),
      pageNumber,
      signal,
    );
  }

  ordersPages(query: OrdersQuery, options: PagingOptions = {}): AsyncGenerator<Page<ScOrder>> {
    return this.pages((pageNumber) => this.getOrdersPage(query, pageNumber, options.signal), options);
  }

  /** Orders in the list shape (which carries item Weight and OriginalBasePrice), 50 ids per call. */
  async getOrdersByIds(ids: readonly number[], options: { companyId?: number; signal?: AbortSignal } = {}) {
    const orders: ScOrder[] = [];
    const invalid: InvalidRecord[] = [];
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += MAX_PAGE_SIZE) {
      const chunk = unique.slice(i, i + MAX_PAGE_SIZE);
      const params = ordersQueryParams({ companyId: 0, orderIds: chunk }, 1);
      // Company is optional here: an id lookup must not miss an order that moved company.
      params["model.companyID"] = options.companyId === undefined ? undefined : [options.companyId];
      const page = await this.getPage(
        "/api/Orders",
        params,
        (raw, index) => checkRecord(listOrderSchema, raw, index, "Order", ["ID", "OrderID"]),
        (value, raw) => toOrderFromList(value, raw),
        1,
        options.signal,
      );
      orders.push(...page.items);
      invalid.push(...page.invalid);
    }
    return { orders, invalid };
  }

  /** The nested single-order DTO; null when SellerCloud says 404 for that id. */
  async getOrder(orderId: number, signal?: AbortSignal): Promise<ScOrder | null> {
    let data: unknown;
    try {
      data = await this.http.json("GET", `/api/Orders/${encodeURIComponent(String(orderId))}`, { signal });
    } catch (error) {
      if (error instanceof SellerCloudError && error.kind === "not_found") return null;
      throw error;
    }
    const check = checkRecord(singleOrderSchema, data, 0, "Order", ["OrderID", "ID"]);
    if (!check.ok) throw this.invalidResponse("GET", "/api/Orders/{id}", check.invalid.message);
    return toOrderFromSingle(check.value, data);
  }

  async getOrderPackages(orderId: number, signal?: AbortSignal): Promise<ScPackage[]> {
    const out: ScPackage[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      // This endpoint takes bare parameter names (no `model.`) and answers `{ Results, TotalResults }`.
      const data = await this.http.json("GET", "/api/Orders/Packages", {
        query: { id: orderId, pageNumber, pageSize: MAX_PAGE_SIZE },
        signal,
      });
      const envelope = resultsEnvelopeSchema.safeParse(data);
      if (!envelope.success)
        throw this.invalidResponse("GET", "/api/Orders/Packages", "expected { Results, TotalResults }");
      envelope.data.Results.forEach((raw, index) => {
        const check = checkRecord(packageSchema, raw, index, "Package", ["ID"]);
        if (!check.ok) throw this.invalidResponse("GET", "/api/Orders/Packages", check.invalid.message);
        out.push(toPackage(check.value));
      });
      if (envelope.data.Results.length === 0 || out.length >= envelope.data.TotalResults) break;
    }
    return out;
  }

  async listShippingCarriers(options: { siteCode?: number; signal?: AbortSignal } = {}): Promise<ScCarrier[]> {
    return this.listSettings("/api/Settings/ShippingCarriers", { siteCode: options.siteCode ?? 0 }, options.signal);
  }

  async listShippingServices(
    carrier: string,
    options: { siteCode?: number; signal?: AbortSignal } = {},
  ): Promise<ScService[]> {
    return this.listSettings(
      "/api/Settings/ShippingServices",
      { siteCode: options.siteCode ?? 0, carrier },
      options.signal,
    );
  }

  /**
   * Marks the whole order Fully Shipped with one tracking number (on its first package). Not
   * repeated after an unclear failure (timeout, 5xx): the error says `mayHaveApplied`, and the caller
   * reads the order back before sending again.
   */
  async updateShippingStatus(input: ShippingStatusInput, signal?: AbortSignal): Promise<void> {
    await this.http.json("PUT", "/api/Orders/ShippingStatus", {
      body: shippingStatusBody(input),
      idempotent: false,
      signal,
    });
  }

  /** Tracking for one package; each call also marks the whole order Fully Shipped. */
  async updateSinglePackageTracking(input: SinglePackageInput, signal?: AbortSignal): Promise<void> {
    await this.http.json("PUT", "/api/Orders/ShippingStatus/SinglePackage", {
      body: singlePackageBody(input),
      idempotent: false,
      signal,
    });
  }

  /** Replaces ALL packages of an unshipped order; every item must be assigned. Never retried blindly. */
  async createShippingPackages(
    orderId: number,
    packages: readonly NewPackageInput[],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.http.json("POST", `/api/Orders/${encodeURIComponent(String(orderId))}/Shipping/Packages`, {
      body: createPackagesBody(packages),
      idempotent: false,
      signal,
    });
  }

  // --- internals -------------------------------------------------------------------------------

  private async listSettings(path: string, query: QueryParams, signal?: AbortSignal) {
    const data = await this.http.json("GET", path, { query, signal });
    const list = Array.isArray(data) ? data : (data as { Items?: unknown })?.Items;
    if (!Array.isArray(list)) throw this.invalidResponse("GET", path, "expected a list");
    const out: { key: string; name: string }[] = [];
    for (const raw of list) {
      const parsed = settingEntrySchema.safeParse(raw);
      const entry = parsed.success ? toSettingEntry(parsed.data) : null;
      if (entry) out.push(entry);
    }
    return out;
  }

  private async getPage<Valid, Out>(
    path: string,
    query: QueryParams,
    check: (raw: unknown, index: number) => { ok: true; value: Valid } | { ok: false; invalid: InvalidRecord },
    transform: (value: Valid, raw: unknown) => Out,
    pageNumber: number,
    signal?: AbortSignal,
  ): Promise<Page<Out>> {
    const data = await this.http.json("GET", path, { query, signal });
    const envelope = itemsEnvelopeSchema.safeParse(data);
    if (!envelope.success) throw this.invalidResponse("GET", path, "expected { Items, TotalResults }");
    const items: Out[] = [];
    const invalid: InvalidRecord[] = [];
    const rows = envelope.data.Items;
    for (let index = 0; index < rows.length; index++) {
      const raw = rows[index];
      const result = check(raw, index);
      if (result.ok) items.push(transform(result.value, raw));
      else invalid.push(result.invalid);
    }
    return { items, invalid, pageNumber, received: rows.length, totalResults: envelope.data.TotalResults };
  }

  /**
   * Pages until the rows seen reach TotalResults (re-read on every page, so orders that arrive
   * while paging are picked up), or a page comes back empty. Never stops on a short page: the
   * server may cap the size below what was asked.
   */
  private async *pages<T>(fetchPage: (pageNumber: number) => Promise<Page<T>>, options: PagingOptions) {
    let pageNumber = Math.max(1, options.startPage ?? 1);
    let pageSize = 0;
    for (;;) {
      const page = await fetchPage(pageNumber);
      yield page;
      if (page.received === 0) return;
      pageSize = Math.max(pageSize, page.received);
      if (pageNumber * pageSize >= page.totalResults) return;
      pageNumber++;
    }
  }

  private invalidResponse(method: string, path: string, detail: string): SellerCloudError {
    return new SellerCloudError(`SellerCloud's answer to ${method} ${path} has an unexpected shape: ${detail}.`, {
      kind: "invalid_response",
      retryable: false,
      method,
      path,
    });
  }
}
