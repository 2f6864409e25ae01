/**
 * Deterministic orders in SellerCloud's list shape (`MultipleOrderDataDto`) with their packages:
 * the header draws filters need (cheap, indexed for every order), the full record built on first
 * touch from the same random sequence, and the Fully Shipped change any tracking update makes.
 */
import { OrderStatus, PaymentStatus, ShippingStatus } from "../../enums";
import { createRng, hash32, pick } from "../identifiers";
import { type Json, round2, scDateString, UNSET_DATE } from "../wire-format";
import { companyName, SANDBOX_CARRIERS } from "./account";
import { address, FIRST_NAMES, LAST_NAMES } from "./people";
import type { ProductFacts } from "./products";

/** Weighted order statuses: every status appears; In Process dominates as on a live account. */
const STATUS_TABLE: readonly [number, number][] = [
  [2, 0.7], // InProcess
  [3, 0.12], // Completed
  [-1, 0.04], // Canceled
  [200, 0.04], // OnHold
  [100, 0.03], // ProblemOrder
  [999, 0.03], // Void
  [1, 0.02], // ShoppingCart
  [300, 0.02], // Quote
];
const DROPSHIP_TABLE: readonly [number, number][] = [
  [0, 0.7],
  [2, 0.1],
  [1, 0.05],
  [3, 0.05],
  [4, 0.05],
  [5, 0.02],
  [6, 0.02],
  [7, 0.01],
];
const SOURCES = [4, 4, 4, 1, 1, 6, 50, 66, 27] as const;

function weighted(r: number, table: readonly [number, number][], firstShare?: number): number {
  if (firstShare !== undefined) {
    if (r < firstShare) return table[0]![0];
    // Spread the rest over the remaining statuses in their usual proportions.
    const rest = table.slice(1);
    const total = rest.reduce((s, [, w]) => s + w, 0);
    let x = ((r - firstShare) / (1 - firstShare)) * total;
    for (const [value, weight] of rest) {
      if (x < weight) return value;
      x -= weight;
    }
    return rest.at(-1)![0];
  }
  let x = r;
  for (const [value, weight] of table) {
    if (x < weight) return value;
    x -= weight;
  }
  return table.at(-1)![0];
}

export interface OrderGenOptions {
  seed: number;
  epochMs: number;
  spanMs: number;
  orderCount: number;
  productCount: number;
  itemsPerOrder?: number;
  inProcessShare?: number;
}

export interface GeneratedOrder {
  dto: Json;
  packages: Json[];
}

export const ORDER_ID_BASE = 5_000_001;
function sourceOrderId(rng: () => number, source: number, id: number): string {
  const digits = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(rng() * 10);
    return s;
  };
  if (source === 4) return `11${digits(1)}-${digits(7)}-${digits(7)}`;
  if (source === 1) return `${digits(2)}-${digits(5)}-${digits(5)}`;
  if (source === 50) return digits(13);
  if (source === 66) return `DS-${id % 1_000_000}`;
  return `W${id}`;
}

export function trackingFor(carrier: string, rng: () => number): string {
  let digits = "";
  for (let i = 0; i < 12; i++) digits += Math.floor(rng() * 10);
  if (carrier === "UPS") return `1Z${digits.slice(0, 6)}03${digits.slice(6)}`;
  if (carrier === "USPS") return `9400${digits}${digits.slice(0, 6)}`;
  return digits;
}

export interface OrderHeader {
  createdMs: number;
  companyId: number;
  statusCode: number;
  dropship: number;
  source: number;
  timeOfOrderMs: number;
}

/**
 * The first draws of order #index's random sequence: what filters and sorts need. `buildOrder`
 * consumes the same draws in the same order, so header and full record always agree.
 */
function drawHeader(rng: () => number, createdMs: number, o: Pick<OrderGenOptions, "inProcessShare">): OrderHeader {
  const companyId = rng() < 0.85 ? 1 : 2;
  const statusCode = weighted(rng(), STATUS_TABLE, o.inProcessShare);
  const dropship = weighted(rng(), DROPSHIP_TABLE);
  const source = pick(rng, SOURCES);
  const timeOfOrderMs = createdMs - Math.floor(rng() * 3 * 3_600) * 1000;
  return { createdMs, companyId, statusCode, dropship, source, timeOfOrderMs };
}

function orderRng(index: number, o: OrderGenOptions): { rng: () => number; createdMs: number } {
  const rng = createRng(hash32(o.seed, index, 3));
  const step = o.spanMs / Math.max(1, o.orderCount);
  // Whole seconds: SellerCloud's dates carry no milliseconds, and filters compare these.
  const createdMs = Math.floor((o.epochMs - o.spanMs + index * step + rng() * step * 0.9) / 1000) * 1000;
  return { rng, createdMs };
}

/** Cheap: only what the sandbox indexes for filtering (about a microsecond per order). */
export function orderHeader(index: number, o: OrderGenOptions): OrderHeader {
  const { rng, createdMs } = orderRng(index, o);
  return drawHeader(rng, createdMs, o);
}

/** Generates order #index (id = ORDER_ID_BASE + index) with both addresses, items and packages. */
export function generateOrder(
  index: number,
  o: OrderGenOptions,
  productFactsAt: (i: number) => ProductFacts,
): GeneratedOrder {
  const { rng, createdMs } = orderRng(index, o);
  const header = drawHeader(rng, createdMs, o);
  return buildOrder(ORDER_ID_BASE + index, rng, header, o, productFactsAt);
}

/** A header for an order added at runtime (tests, "new orders arriving while paging"). */
export function newOrderHeader(
  rng: () => number,
  createdMs: number,
  fixed: { statusCode?: number; companyId?: number; dropship?: number },
): OrderHeader {
  const drawn = drawHeader(rng, createdMs, {});
  return {
    ...drawn,
    companyId: fixed.companyId ?? drawn.companyId,
    statusCode: fixed.statusCode ?? drawn.statusCode,
    dropship: fixed.dropship ?? drawn.dropship,
    timeOfOrderMs: createdMs - 5 * 60_000,
  };
}

export function buildOrder(
  id: number,
  rng: () => number,
  header: OrderHeader,
  o: Pick<OrderGenOptions, "productCount" | "itemsPerOrder">,
  productFactsAt: (i: number) => ProductFacts,
): GeneratedOrder {
  const { createdMs, companyId, statusCode, dropship, source, timeOfOrderMs } = header;
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const email = `${first}.${last}${id % 1000}@example.com`.toLowerCase();
  const shipping = address(rng, first, last, email);
  const billing =
    rng() < 0.7 ? { ...shipping, IsShippingAddress: false } : address(rng, first, pick(rng, LAST_NAMES), email);
  shipping.IsShippingAddress = true;
  billing.IsBillingAddress = true;
  const carrier = pick(rng, ["UPS", "UPS", "FedEx", "USPS", "USPS"]);
  const service = pick(rng, SANDBOX_CARRIERS[carrier]!);

  const itemCount = o.itemsPerOrder ?? 1 + Math.floor(rng() * 4);
  const items: Json[] = [];
  let subtotal = 0;
  let weightTotal = 0;
  for (let k = 0; k < itemCount; k++) {
    const productIndex = o.productCount > 0 ? Math.floor(rng() * o.productCount) : k;
    const p = productFactsAt(productIndex);
    const qty = 1 + Math.floor(rng() * 3);
    const discount = rng() < 0.15 ? round2(p.price * 0.1) : 0;
    const adjusted = round2(p.price - discount);
    const lineTotal = round2(adjusted * qty);
    subtotal += lineTotal;
    weightTotal += p.weight * qty;
    items.push({
      ID: id * 10 + k,
      OrderID: id,
      ProductID: p.sku,
      ProductIDRequested: p.sku,
      ProductIDOriginal: p.sku,
      DisplayName: p.name,
      Qty: qty,
      QtyShipped: 0,
      QtyReturned: 0,
      SitePrice: p.price,
      AdjustedSitePrice: adjusted,
      OriginalBasePrice: rng() < 0.5 ? 0 : p.price,
      SiteCost: p.cost,
      LineTotal: lineTotal,
      LineTaxTotal: 0,
      DiscountTotal: round2(discount * qty),
      Weight: p.weight,
      Length: 10,
      Width: 8,
      Height: 4,
      ShippingCost: 0,
      ShippingTax: 0,
      StatusCode: 0,
      ItemStatusCode: 0,
      ItemShippingStatus: 1,
      ItemPaymentStatus: 30,
      ShipFromWareHouseID: 1,
      ShipFromWarehouseName: "Main Warehouse",
      IsSKUReplaced: false,
      ReplacementSKU: "",
      BundleItems: [],
      KitItemsCount: 0,
      // Duplicated join columns, as the real list DTO sends them.
      ID1: id * 10 + k,
      OrderID1: id,
      ProductID1: p.sku,
      Qty1: qty,
      DisplayName1: p.name,
      AdjustedSitePrice1: adjusted,
      QtyShipped1: 0,
      QtyReturned1: 0,
    });
  }
  const shippingTotal = pick(rng, [0, 5.99, 7.95, 12.5]);
  const taxRate = pick(rng, [0, 0, 0.0575, 0.0625, 0.08]);
  let taxTotal = 0;
  for (const item of items) {
    const lineTax = round2((item.LineTotal as number) * taxRate);
    item.LineTaxTotal = lineTax;
    taxTotal += lineTax;
  }
  taxTotal = round2(taxTotal);
  subtotal = round2(subtotal);

  const packageCount = items.length >= 2 && rng() < 0.3 ? 2 : 1;
  const packages: Json[] = [];
  for (let k = 0; k < packageCount; k++) {
    packages.push({
      ID: id * 10 + k + 1,
      TrackingNumber: "",
      TrackingNumberUrl: "",
      TrackingNumberText: "",
      Length: 12,
      Width: 10,
      Height: 6,
      Weight: round2(weightTotal / packageCount),
      ShippingCost: 0,
      FinalShippingFee: 0,
      DeclaredValue: 0,
      DeliveryStatus: 0,
      EstimatedDeliveryDate: UNSET_DATE,
      DeliveryDate: UNSET_DATE,
      EnableOrderShipmentTrackingAPI: false,
      Items: items
        .filter((_, i) => i % packageCount === k)
        .map((item) => ({
          PackageID: id * 10 + k + 1,
          OrderItemID: item.ID,
          OrderItemBundleItemID: 0,
          ProductID: item.ProductID,
          Qty: item.Qty,
          ItemName: item.DisplayName,
        })),
    });
  }

  const shipped = statusCode === OrderStatus.Completed;
  const shipDateMs = createdMs + Math.floor((0.5 + rng()) * 86_400_000);
  const dto: Json = {
    ID: id,
    OrderSourceOrderID: sourceOrderId(rng, source, id),
    OrderSource: source,
    OrderSubType: 0,
    bRushOrder: false,
    IsGiftOrder: false,
    IsBlackListed: false,
    ShippingStatus: ShippingStatus.Unshipped,
    PaymentStatus:
      statusCode === OrderStatus.ShoppingCart || statusCode === OrderStatus.Quote
        ? PaymentStatus.NoPayment
        : PaymentStatus.Charged,
    StatusCode: statusCode,
    Dropship: dropship,
    FirstName: first,
    LastName: last,
    TimeOfOrder: scDateString(timeOfOrderMs),
    GrandTotal: round2(subtotal + shippingTotal + taxTotal),
    CompanyID: companyId,
    CompanyName: companyName(companyId),
    UserID: 100_000 + (id % 50_000),
    ShipDate: UNSET_DATE,
    OrderShippingPromiseDate: scDateString(createdMs + 3 * 86_400_000),
    CreatedOn: scDateString(createdMs),
    DeliveryDate: UNSET_DATE,
    LastUpdated: scDateString(createdMs + 60_000),
    PaymentDate: scDateString(createdMs),
    DestinationState: shipping.StateCode,
    DestinationCountry: shipping.CountryCode,
    ShippingState: shipping.StateCode,
    ShippingCountry: shipping.CountryCode,
    Country: shipping.CountryName,
    ShippingAddress: shipping,
    BillingAddress: billing,
    OrderSiteCode: 0,
    Items: items,
    ShippingTotal: shippingTotal,
    ShippingCarrier: carrier,
    ShippingService: service,
    OrderDiscountsTotal: 0,
    ShippingDiscountsTotal: 0,
    InsuranceTotal: 0,
    HandlingFee: 0,
    FinalShippingFee: 0,
    FinalValueTotal: 0,
    OrderCurrencyCode: 0,
    TrackingNumber: "",
    AllTrackingNumbers: [],
    InvoicePrinted: false,
    CustomerServiceStatus: 0,
    TaxRate: taxRate,
    TaxTotal: taxTotal,
    ShippingWeightTotalOz: Math.round(weightTotal * 16),
    CustomerEmail: email,
    RequireSignatureConfirmation: false,
    Payments: [],
    RelatedOrders: [],
    // Newer tenants add these.
    SalesRepId: 0,
    MarketingSourceID: 0,
  };
  if (shipped) {
    const trackRng = createRng(hash32(id, 7));
    for (const pkg of packages) pkg.TrackingNumber = trackingFor(carrier, trackRng);
    applyShipped(dto, packages, shipDateMs);
  }
  return { dto, packages };
}

/** Marks an order Fully Shipped, the way SellerCloud does for any tracking update. */
export function applyShipped(dto: Json, packages: Json[], shipDateMs: number | null): void {
  if (dto.ShippingStatus !== ShippingStatus.FullyShipped && shipDateMs !== null)
    dto.ShipDate = scDateString(shipDateMs);
  dto.ShippingStatus = ShippingStatus.FullyShipped;
  const tracking = packages.map((p) => p.TrackingNumber as string).filter(Boolean);
  dto.TrackingNumber = tracking[0] ?? "";
  dto.AllTrackingNumbers = tracking;
  for (const item of dto.Items as Json[]) {
    item.QtyShipped = item.Qty;
    item.QtyShipped1 = item.Qty;
    item.ItemShippingStatus = 3;
  }
  for (const pkg of packages) if (pkg.TrackingNumber) pkg.DeliveryStatus = 1;
}
