/**
 * One sandbox tenant's data and rules, independent of HTTP: the products (state/products.ts), the
 * order book (state/orders.ts), SellerCloud's shipping writes (state/shipping.ts), tokens
 * (state/tokens.ts), and the per-tenant state of any API area that keeps its own (`areaState`).
 * `SandboxState` holds them together with the tenant's settings and clock; its methods are the
 * surface routes, the admin endpoints and tests use. Every query result is cached until the next
 * mutation, so paging is a slice, not a scan.
 */
import { toTenantWallClock } from "../tenant-clock";
import { DEFAULT_SANDBOX_CONFIG, type SandboxConfig, type SandboxResetChanges, stripUndefined } from "./config";
import { SANDBOX_COMPANIES } from "./data/account";
import type { GeneratedOrder } from "./data/orders";
import type { ProductFacts } from "./data/products";
import { type OrderQuery, OrderStore } from "./state/orders";
import { type NewProduct, type ProductQuery, ProductStore } from "./state/products";
import { ShippingDesk } from "./state/shipping";
import { QueryCache, type StoreContext } from "./state/store-context";
import { TokenStore } from "./state/tokens";
import type { Json } from "./wire-format";

/** An API area that keeps per-tenant state of its own (see areas/area.ts). */
export interface AreaStateSource<S> {
  /** Unique among the areas: keys the state. */
  readonly name: string;
  /** Makes the area's state for this tenant (first use, and first use after a reset). */
  readonly createState?: (state: SandboxState) => S;
}

export class SandboxState implements StoreContext {
  readonly config: SandboxConfig;
  readonly cache = new QueryCache();
  readonly products: ProductStore;
  readonly orders: OrderStore;
  readonly shipping: ShippingDesk;
  readonly tokens: TokenStore;
  private readonly areaStates = new Map<string, unknown>();

  constructor(config: Partial<SandboxConfig> = {}) {
    const now = config.now ?? Date.now;
    const zone = config.timeZone ?? DEFAULT_SANDBOX_CONFIG.timeZone;
    this.config = {
      ...DEFAULT_SANDBOX_CONFIG,
      epochMs: Math.floor(toTenantWallClock(new Date(now()), zone).getTime() / 60_000) * 60_000,
      now,
      ...stripUndefined(config),
    };
    this.products = new ProductStore(this);
    this.orders = new OrderStore(this, this.products);
    this.shipping = new ShippingDesk(this, this.orders);
    this.tokens = new TokenStore(this.config);
  }

  /** Back to the seeded data (optionally with new sizes or seed); tokens survive. */
  reset(changes: SandboxResetChanges = {}) {
    Object.assign(this.config, stripUndefined(changes));
    this.products.reset();
    this.orders.reset();
    this.shipping.reset();
    this.areaStates.clear();
    this.cache.clear();
    this.cache.touch();
  }

  /** The tenant's wall-clock time (ms, its local fields read as UTC): what the server calls "now". */
  now(): number {
    const real = this.config.now();
    return this.config.timeZone === "UTC" ? real : toTenantWallClock(new Date(real), this.config.timeZone).getTime();
  }

  /**
   * The per-tenant state of an API area that keeps its own, made by `area.createState` on first
   * use and dropped by `reset` (the next use starts from fresh data).
   */
  areaState<S>(area: AreaStateSource<S>): S {
    if (!this.areaStates.has(area.name)) {
      if (!area.createState) throw new Error(`Sandbox area "${area.name}" keeps no state of its own.`);
      this.areaStates.set(area.name, area.createState(this));
    }
    return this.areaStates.get(area.name) as S;
  }

  // --- products (state/products.ts) -------------------------------------------------------------

  get productTotal(): number {
    return this.products.productTotal;
  }

  /** Facts of a generated product by index (orders use this for their items). */
  productFactsAt = (index: number): ProductFacts => this.products.productFactsAt(index);

  catalogRowAt(index: number): Json {
    return this.products.catalogRowAt(index);
  }

  inventoryRowAt(index: number): Json {
    return this.products.inventoryRowAt(index);
  }

  /** Product indexes matching catalog/inventory filters, in SKU order. */
  queryProducts(q: ProductQuery): Int32Array {
    return this.products.queryProducts(q);
  }

  /** Adds a product (test data); returns its catalog row. */
  addProduct(input: NewProduct): Json {
    return this.products.addProduct(input);
  }

  /** Overrides fields of a product; moves its LastModifiedDate (see ProductStore.updateProduct). */
  updateProduct(sku: string, input: Json): Json {
    return this.products.updateProduct(sku, input);
  }

  removeProduct(sku: string): boolean {
    return this.products.removeProduct(sku);
  }

  // --- orders (state/orders.ts) -----------------------------------------------------------------

  get orderTotal(): number {
    return this.orders.orderTotal;
  }

  /** With `growOrders`: adds the orders whose time has come. Returns how many were added. */
  catchUp(): number {
    return this.orders.catchUp();
  }

  /** The order as the list DTO (`MultipleOrderDataDto`) plus its packages, or undefined. */
  getOrder(id: number): GeneratedOrder | undefined {
    return this.orders.getOrder(id);
  }

  orderDtoAt(index: number): Json {
    return this.orders.orderDtoAt(index);
  }

  /** Order indexes matching list filters, sorted as asked. */
  queryOrders(q: OrderQuery): Int32Array {
    return this.orders.queryOrders(q);
  }

  /** Adds an order created "now" (or at `CreatedOn`); fields in `input` override the generated ones. */
  addOrder(input: Json = {}): Json {
    return this.orders.addOrder(input);
  }

  /** Changes fields of an order's list DTO; moves LastUpdated (see OrderStore.updateOrder). */
  updateOrder(id: number, patch: Json): Json {
    return this.orders.updateOrder(id, patch);
  }

  removeOrder(id: number): boolean {
    return this.orders.removeOrder(id);
  }

  // --- shipping (state/shipping.ts) -------------------------------------------------------------

  /** `PUT /api/Orders/ShippingStatus`. */
  updateShippingStatus(body: Json): void {
    this.shipping.updateShippingStatus(body);
  }

  /** `PUT /api/Orders/ShippingStatus/SinglePackage`. */
  updateSinglePackage(body: Json): void {
    this.shipping.updateSinglePackage(body);
  }

  /** `POST /api/Orders/{id}/Shipping/Packages`. */
  createPackages(orderId: number, body: Json): void {
    this.shipping.createPackages(orderId, body);
  }

  // --- tokens (state/tokens.ts) and account ------------------------------------------------------

  issueToken(username: string): { token: string; expiresIn: number; issuedAt: number } {
    return this.tokens.issueToken(username);
  }

  checkToken(token: string | undefined): boolean {
    return this.tokens.checkToken(token);
  }

  /** Every issued token stops working (token expiry mid-run). */
  expireTokens(): number {
    return this.tokens.expireTokens();
  }

  companies() {
    return SANDBOX_COMPANIES;
  }
}
