/**
 * The small typed surface every operation uses: `SellerCloudClient`, one connection's HTTP layer
 * (http.ts: retries, throttling, tokens) and its calls. Reads return pages of typed records;
 * records that fail validation are returned beside them (`invalid`) with a message naming the
 * field and the record id, so one bad order is reported and the rest of the page still lands.
 *
 * The calls live by API area, each a file of functions taking the HTTP layer: client-companies.ts,
 * client-catalog.ts (Catalog, Inventory, identifiers), client-orders.ts (order list, by id,
 * packages), client-shipping.ts (carriers, services, the shipping writes; bodies in
 * client-bodies.ts); paging and page checks shared in client-pages.ts. The methods here are the
 * names callers use, one line each.
 */
import type { NewPackageInput, ShippingStatusInput, SinglePackageInput } from "./client-bodies";
import {
  CATALOG_LIST,
  type CatalogPageQuery,
  getIdentifiersPage,
  INVENTORY_LIST,
  type InventoryPageQuery,
} from "./client-catalog";
import { listCompanies } from "./client-companies";
import { getOrder, getOrderPackages, getOrdersByIds, ORDERS_LIST, type OrdersQuery } from "./client-orders";
import { getListPage, listPages, type Page, type PagingOptions } from "./client-pages";
import {
  createShippingPackages,
  listShippingCarriers,
  listShippingServices,
  updateShippingStatus,
  updateSinglePackageTracking,
} from "./client-shipping";
import { type HttpOptions, type HttpStats, SellerCloudHttp } from "./http";
import type { ScIdentifiersRow } from "./identifiers";
import type { ScCarrier, ScCompany, ScService } from "./transform-account";
import type { ScOrder, ScPackage } from "./transform-orders";
import type { ScInventoryRow, ScProduct } from "./transform-products";

export type SellerCloudClientOptions = HttpOptions;

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

  // --- companies (client-companies.ts) ---------------------------------------------------------

  listCompanies(signal?: AbortSignal): Promise<ScCompany[]> {
    return listCompanies(this.http, signal);
  }

  // --- catalog and inventory (client-catalog.ts) -----------------------------------------------

  getCatalogPage(query: CatalogPageQuery, signal?: AbortSignal): Promise<Page<ScProduct>> {
    return getListPage(this.http, CATALOG_LIST, query, query.pageNumber, signal);
  }

  catalogPages(query: Omit<CatalogPageQuery, "pageNumber">, options?: PagingOptions): AsyncGenerator<Page<ScProduct>> {
    return listPages(this.http, CATALOG_LIST, query, options);
  }

  getInventoryPage(query: InventoryPageQuery, signal?: AbortSignal): Promise<Page<ScInventoryRow>> {
    return getListPage(this.http, INVENTORY_LIST, query, query.pageNumber, signal);
  }

  inventoryPages(
    query: Omit<InventoryPageQuery, "pageNumber">,
    options?: PagingOptions,
  ): AsyncGenerator<Page<ScInventoryRow>> {
    return listPages(this.http, INVENTORY_LIST, query, options);
  }

  /** One identifiers-only page of the catalog or inventory list (see client-catalog.ts). */
  getIdentifiersPage(
    source: "catalog" | "inventory",
    query: { companyId: number; pageNumber: number; pageSize?: number; lastUpdatedFrom?: Date; lastUpdatedTo?: Date },
    signal?: AbortSignal,
  ): Promise<Page<ScIdentifiersRow>> {
    return getIdentifiersPage(this.http, source, query, signal);
  }

  // --- orders (client-orders.ts) ---------------------------------------------------------------

  getOrdersPage(query: OrdersQuery, pageNumber: number, signal?: AbortSignal): Promise<Page<ScOrder>> {
    return getListPage(this.http, ORDERS_LIST, query, pageNumber, signal);
  }

  ordersPages(query: OrdersQuery, options?: PagingOptions): AsyncGenerator<Page<ScOrder>> {
    return listPages(this.http, ORDERS_LIST, query, options);
  }

  /** Orders in the list shape (which carries item Weight and OriginalBasePrice), 50 ids per call. */
  getOrdersByIds(ids: readonly number[], options?: { companyId?: number; signal?: AbortSignal }) {
    return getOrdersByIds(this.http, ids, options);
  }

  /** The nested single-order DTO; null when SellerCloud says 404 for that id. */
  getOrder(orderId: number, signal?: AbortSignal): Promise<ScOrder | null> {
    return getOrder(this.http, orderId, signal);
  }

  getOrderPackages(orderId: number, signal?: AbortSignal): Promise<ScPackage[]> {
    return getOrderPackages(this.http, orderId, signal);
  }

  // --- shipping (client-shipping.ts) -----------------------------------------------------------

  listShippingCarriers(options?: { siteCode?: number; signal?: AbortSignal }): Promise<ScCarrier[]> {
    return listShippingCarriers(this.http, options);
  }

  listShippingServices(carrier: string, options?: { siteCode?: number; signal?: AbortSignal }): Promise<ScService[]> {
    return listShippingServices(this.http, carrier, options);
  }

  /**
   * Marks the whole order Fully Shipped with one tracking number (on its first package). Not
   * repeated after an unclear failure (timeout, 5xx): the error says `mayHaveApplied`, and the caller
   * reads the order back before sending again.
   */
  updateShippingStatus(input: ShippingStatusInput, signal?: AbortSignal): Promise<void> {
    return updateShippingStatus(this.http, input, signal);
  }

  /** Tracking for one package; each call also marks the whole order Fully Shipped. */
  updateSinglePackageTracking(input: SinglePackageInput, signal?: AbortSignal): Promise<void> {
    return updateSinglePackageTracking(this.http, input, signal);
  }

  /** Replaces ALL packages of an unshipped order; every item must be assigned. Never retried blindly. */
  createShippingPackages(orderId: number, packages: readonly NewPackageInput[], signal?: AbortSignal): Promise<void> {
    return createShippingPackages(this.http, orderId, packages, signal);
  }
}
