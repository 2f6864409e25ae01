/**
 * A sandbox tenant's order book: the generated orders' headers kept in typed arrays (company,
 * status, dropship, shipping status, dates) so list filters and sorts scan millions of rows fast,
 * full orders generated on first touch and kept once changed, orders added, edited or removed by
 * tests, and orders arriving over time (`growOrders`). Index i holds order id ORDER_ID_BASE + i.
 */
import { OrderStatus, ShippingStatus } from "../../enums";
import { companyName } from "../data/account";
import {
  buildOrder,
  type GeneratedOrder,
  generateOrder,
  newOrderHeader,
  ORDER_ID_BASE,
  type OrderGenOptions,
  orderHeader,
} from "../data/orders";
import { SandboxError } from "../errors";
import { createRng, hash32 } from "../identifiers";
import { type Json, parseFilterDate, scDateString, UNSET_DATE } from "../wire-format";
import { replaceItems } from "./order-items";
import type { ProductStore } from "./products";
import type { StoreContext } from "./store-context";

/** Order list filters and sort (`queryOrders`); dates are wall-clock ms. */
export interface OrderQuery {
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
}

export class OrderStore {
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

  constructor(
    private readonly ctx: StoreContext,
    private readonly products: ProductStore,
  ) {
    this.load();
  }

  /** Back to the generated orders of the current settings (call after the products' reset). */
  reset(): void {
    this.materialized.clear();
    this.load();
  }

  private load() {
    this.orderCount = 0;
    this.cap = 0;
    this.grow(Math.max(16, this.ctx.config.orders));
    const options = this.orderOptions();
    for (let i = 0; i < this.ctx.config.orders; i++) this.indexHeader(i, orderHeader(i, options));
    this.orderCount = this.ctx.config.orders;
  }

  private indexHeader(i: number, h: ReturnType<typeof orderHeader>) {
    this.oCompany[i] = h.companyId;
    this.oStatus[i] = h.statusCode;
    this.oDropship[i] = h.dropship;
    this.oShipStatus[i] =
      h.statusCode === OrderStatus.Completed ? ShippingStatus.FullyShipped : ShippingStatus.Unshipped;
    this.oCreated[i] = h.createdMs;
    this.oUpdated[i] = h.createdMs + 60_000; // the generated LastUpdated (data/orders.ts buildOrder)
    this.oTimeOfOrder[i] = h.timeOfOrderMs;
    this.oShipDate[i] = h.statusCode === OrderStatus.Completed ? h.createdMs + 86_400_000 : 0;
    this.oRemoved[i] = 0;
  }

  /**
   * With `growOrders`: adds the generated orders whose creation time (the seeded timeline, which
   * continues past the epoch) has come by the tenant's clock. Returns how many were added.
   */
  catchUp(): number {
    if (!this.ctx.config.growOrders) return 0;
    const now = this.ctx.now();
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
    if (added) this.ctx.cache.touch();
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
      // Only the rows in use: after a reset (no rows yet) the old arrays may be longer than the new.
      next.set(a.subarray(0, this.orderCount));
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
      seed: this.ctx.config.seed,
      epochMs: this.ctx.config.epochMs,
      spanMs: this.ctx.config.orderSpanDays * 86_400_000,
      orderCount: this.ctx.config.orders,
      productCount: this.products.generatedCount,
      itemsPerOrder: this.ctx.config.itemsPerOrder,
      inProcessShare: this.ctx.config.inProcessShare,
    };
  }

  get orderTotal(): number {
    let removed = 0;
    for (let i = 0; i < this.orderCount; i++) removed += this.oRemoved[i]!;
    return this.orderCount - removed;
  }

  /** The index of order `id`, or -1 when there is no such order (or it was removed). */
  indexOfOrder(id: number): number {
    const index = id - ORDER_ID_BASE;
    if (!Number.isInteger(index) || index < 0 || index >= this.orderCount || this.oRemoved[index]) return -1;
    return index;
  }

  private orderAt(index: number): GeneratedOrder {
    return this.materialized.get(index) ?? generateOrder(index, this.orderOptions(), this.products.productFactsAt);
  }

  /** The stored order (generated on first touch) for mutation. */
  materialize(index: number): GeneratedOrder {
    let order = this.materialized.get(index);
    if (!order) {
      order = generateOrder(index, this.orderOptions(), this.products.productFactsAt);
      this.materialized.set(index, order);
    }
    return order;
  }

  /** Re-reads the indexed columns from a changed order's DTO (and invalidates cached queries). */
  syncOrderIndex(index: number, dto: Json) {
    this.oCompany[index] = Number(dto.CompanyID);
    this.oStatus[index] = Number(dto.StatusCode);
    this.oDropship[index] = Number(dto.Dropship);
    this.oShipStatus[index] = Number(dto.ShippingStatus);
    this.oCreated[index] = parseFilterDate(String(dto.CreatedOn)) ?? 0;
    this.oUpdated[index] = parseFilterDate(String(dto.LastUpdated)) ?? this.oCreated[index]!;
    this.oTimeOfOrder[index] = parseFilterDate(String(dto.TimeOfOrder)) ?? 0;
    this.oShipDate[index] = dto.ShipDate === UNSET_DATE ? 0 : (parseFilterDate(String(dto.ShipDate)) ?? 0);
    this.ctx.cache.touch();
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
  queryOrders(q: OrderQuery): Int32Array {
    const key = `o:${JSON.stringify(q)}`;
    return this.ctx.cache.cached(key, () => {
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
      typeof input.CreatedOn === "string" ? (parseFilterDate(input.CreatedOn) ?? this.ctx.now()) : this.ctx.now();
    const rng = createRng(hash32(this.ctx.config.seed ^ 0x5eed, index, 9));
    const header = newOrderHeader(rng, createdMs, {
      statusCode: typeof input.StatusCode === "number" ? input.StatusCode : 2,
      companyId: typeof input.CompanyID === "number" ? input.CompanyID : 1,
      dropship: typeof input.Dropship === "number" ? input.Dropship : 0,
    });
    const order = buildOrder(id, rng, header, this.orderOptions(), this.products.productFactsAt);
    order.dto.CompanyName = companyName(header.companyId);
    const { Items, ...rest } = input;
    Object.assign(order.dto, rest, { ID: id });
    if (Array.isArray(Items)) replaceItems(order, Items as Json[]);
    this.materialized.set(index, order);
    this.orderCount = index + 1;
    this.syncOrderIndex(index, order.dto);
    return order.dto;
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
    Object.assign(order.dto, { LastUpdated: scDateString(this.ctx.now()) }, rest, { ID: id });
    if (Array.isArray(Items)) replaceItems(order, Items as Json[]);
    this.syncOrderIndex(index, order.dto);
    return order.dto;
  }

  removeOrder(id: number): boolean {
    const index = this.indexOfOrder(id);
    if (index < 0) return false;
    this.oRemoved[index] = 1;
    this.ctx.cache.touch();
    return true;
  }
}
