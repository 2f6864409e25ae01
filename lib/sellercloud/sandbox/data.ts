import { OrderStatus, PaymentStatus, ShippingStatus } from "../enums";
import { asinFor, caseGtinFor, createRng, eanFor, hash32, pick, skuFor, upcFor } from "./identifiers";

/**
 * Deterministic generators for the sandbox's records, in SellerCloud's own JSON shapes. Each record
 * is a pure function of (seed, index), so a 100k catalog costs nothing until a page is served.
 */

export type Json = Record<string, unknown>;

export interface SandboxCompany {
  ID: number;
  CompanyName: string;
  IsDefaultCompany: boolean;
  IsDisabled: boolean;
}

export const SANDBOX_COMPANIES: readonly SandboxCompany[] = [
  { ID: 1, CompanyName: "Conduit Demo Co", IsDefaultCompany: true, IsDisabled: false },
  { ID: 2, CompanyName: "Northwind Outdoor", IsDefaultCompany: false, IsDisabled: false },
  { ID: 3, CompanyName: "Legacy Imports (disabled)", IsDefaultCompany: false, IsDisabled: true },
];

export const SANDBOX_CARRIERS: Readonly<Record<string, readonly string[]>> = {
  UPS: ["UPS Ground", "UPS 3 Day Select", "UPS 2nd Day Air", "UPS Next Day Air"],
  FedEx: ["FedEx Ground", "FedEx Home Delivery", "FedEx 2Day", "FedEx Standard Overnight"],
  USPS: ["USPS Ground Advantage", "USPS First Class Mail", "USPS Priority Mail", "USPS Priority Mail Express"],
  DHL: ["DHL Express Worldwide", "DHL eCommerce Ground"],
  Other: ["Other"],
};

const ADJECTIVES = [
  "Trailhead",
  "Summit",
  "Harbor",
  "Canyon",
  "Aurora",
  "Granite",
  "Willow",
  "Cobalt",
  "Ember",
  "Prairie",
];
const NOUNS = [
  "LED Lantern",
  "Water Bottle",
  "Daypack",
  "Camp Chair",
  "Rain Jacket",
  "Headlamp",
  "Trekking Pole",
  "Sleeping Pad",
  "Cook Set",
  "Dry Bag",
  "Hammock",
  "Fleece Hoodie",
];
const VARIANTS = ["Black", "Blue", "Red", "Olive", "Small", "Medium", "Large", "XL", "20L", "32oz", "200lm", "2-Pack"];
const BRANDS = ["TRL", "SMT", "HBR", "CNY", "AUR", "GRN"];

const FIRST_NAMES = [
  "Dana",
  "Alex",
  "Jordan",
  "Sam",
  "Riley",
  "Morgan",
  "Casey",
  "Taylor",
  "Jamie",
  "Avery",
  "Quinn",
  "Parker",
];
const LAST_NAMES = [
  "Whitfield",
  "Nguyen",
  "Garcia",
  "Okafor",
  "Schmidt",
  "Patel",
  "Kowalski",
  "Martin",
  "Rossi",
  "Haddad",
  "Larsen",
  "Brooks",
];
const STREETS = [
  "Birchwood Ave",
  "Maple St",
  "High St",
  "Lakeview Dr",
  "Cedar Ln",
  "Elm Ct",
  "Pine Ridge Rd",
  "Harbor Way",
];
const US_PLACES: readonly [string, string, string, string][] = [
  ["Columbus", "OH", "Ohio", "43215"],
  ["Austin", "TX", "Texas", "78701"],
  ["Denver", "CO", "Colorado", "80202"],
  ["Portland", "OR", "Oregon", "97205"],
  ["Brooklyn", "NY", "New York", "11201"],
  ["Raleigh", "NC", "North Carolina", "27601"],
  ["Madison", "WI", "Wisconsin", "53703"],
  ["Tampa", "FL", "Florida", "33602"],
];
const FOREIGN_PLACES: readonly [string, string, string, string, string, string][] = [
  ["Toronto", "ON", "Ontario", "M5V 2T6", "CA", "Canada"],
  ["Manchester", "", "", "M1 1AE", "GB", "United Kingdom"],
  ["Berlin", "", "", "10115", "DE", "Germany"],
];

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

const round2 = (v: number) => Math.round(v * 100) / 100;

/** "2025-05-12T09:41:17": SellerCloud's offset-less date format. */
export function scDateString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export const UNSET_DATE = "0001-01-01T00:00:00";

// --- products --------------------------------------------------------------------------------

export interface ProductFacts {
  sku: string;
  companyId: number;
  name: string;
  upc: string | null;
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  mpn: string | null;
  price: number;
  cost: number;
  qty: number;
  weight: number;
  active: boolean;
  modifiedMs: number;
}

/** 80% of products belong to company 1, the rest to 2; cheap enough to index 200k in milliseconds. */
export function productCompany(index: number, seed: number): number {
  return hash32(seed, index, 5) / 4294967296 < 0.8 ? 1 : 2;
}

/** Products 16 and 17 of every 250 share a UPC, and 32/33 of every 500 an MPN, so linking meets ambiguity. */
export function productFacts(index: number, seed: number, epochMs: number): ProductFacts {
  const rng = createRng(hash32(seed, index, 1));
  const companyId = productCompany(index, seed);
  const name = `${pick(rng, ADJECTIVES)} ${pick(rng, NOUNS)} ${pick(rng, VARIANTS)}`;
  const slot = index % 250;
  const hasUpc = slot === 16 || slot === 17 || rng() < 0.88;
  const upc = hasUpc ? upcFor(slot === 17 ? index - 1 : index, seed) : null;
  const eanRoll = rng();
  const ean = upc ? (eanRoll < 0.5 ? `0${upc}` : null) : eanRoll < 0.6 ? eanFor(index, seed) : null;
  const gtinRoll = rng();
  const gtin = gtinRoll < 0.2 && upc ? `00${upc}` : gtinRoll < 0.4 ? caseGtinFor(index, seed) : null;
  const asin = rng() < 0.5 ? asinFor(rng) : null;
  const mpnSlot = index % 500;
  const mpnIndex = mpnSlot === 33 ? index - 1 : index;
  const mpnRng = createRng(hash32(seed, mpnIndex, 2));
  const hasMpn = mpnSlot === 32 || mpnSlot === 33 || mpnRng() < 0.8;
  const mpn = hasMpn ? `${pick(mpnRng, BRANDS)}-${Math.floor(mpnRng() * 90_000 + 10_000)}-${mpnIndex % 97}` : null;
  const price = round2(5 + rng() * 295);
  const cost = round2(price * (0.4 + rng() * 0.3));
  return {
    sku: skuFor(index),
    companyId,
    name,
    upc,
    ean,
    gtin,
    asin,
    mpn,
    price,
    cost,
    qty: Math.floor(rng() * 500),
    weight: round2(0.2 + rng() * 12),
    active: rng() < 0.95,
    modifiedMs: epochMs - Math.floor(rng() * 90 * 86_400_000),
  };
}

export function companyName(id: number): string {
  return SANDBOX_COMPANIES.find((c) => c.ID === id)?.CompanyName ?? `Company ${id}`;
}

/** A `ProductCatalogDto` row (a realistic subset of its ~200 fields). No EAN: it is not on catalog rows. */
export function catalogRow(f: ProductFacts): Json {
  return {
    ID: f.sku,
    ProductName: f.name,
    CompanyID: f.companyId,
    CompanyName: companyName(f.companyId),
    UPC: f.upc ?? "",
    GTIN: f.gtin,
    ASIN: f.asin,
    ASINInActiveListing: f.asin,
    ManufacturerSKU: f.mpn,
    ManufacturerID: 0,
    BrandID: 0,
    SitePrice: f.price,
    ListPrice: round2(f.price * 1.2),
    StorePrice: f.price,
    MAPPrice: round2(f.price * 0.9),
    SalePrice: 0,
    WholeSalePrice: round2(f.price * 0.7),
    SiteCost: f.cost,
    AverageCost: f.cost,
    LastCost: f.cost,
    InventoryAvailableQty: f.qty,
    PhysicalQty: f.qty,
    AggregateQty: f.qty,
    ReservedQty: 0,
    OnOrder: 0,
    Weight: f.weight,
    WeightLbs: Math.floor(f.weight),
    WeightOz: round2((f.weight % 1) * 16),
    ShippingWeight: f.weight,
    ImageUrl: `https://images.example.com/${f.sku}.jpg`,
    Status: f.active ? 1 : 0,
    IsKit: false,
    ShadowOf: "",
    MainProductID: "",
    ProductType: "Outdoor",
    DropShipMode: 1,
    LastModifiedDate: scDateString(f.modifiedMs),
    LastAggregateDate: scDateString(f.modifiedMs),
    EnabledOnChannels: [4, 6],
    // Newer tenants send fields the 2022 spec lacks; clients must tolerate them.
    BrandName: f.mpn ? f.mpn.split("-")[0] : "",
    ActiveStatus: f.active ? "Active" : "Inactive",
  };
}

/** A `ProductInventoryDto` row: the one place EAN appears. Weight is a string in the spec. */
export function inventoryRow(f: ProductFacts): Json {
  return {
    ID: f.sku,
    ProductName: f.name,
    CompanyID: f.companyId,
    CompanyName: companyName(f.companyId),
    UPC: f.upc ?? "",
    EAN: f.ean ?? "",
    ASIN: f.asin,
    ManufacturerSKU: f.mpn,
    PhysicalQty: f.qty,
    ReservedQty: 0,
    InventoryAvailableQty: f.qty,
    AggregateQty: f.qty,
    WarehouseName: "Main Warehouse",
    Weight: String(f.weight),
    SitePrice: f.price,
    SiteCost: f.cost,
    Status: f.active ? 1 : 0,
    IsKit: false,
    LastModifiedDate: scDateString(f.modifiedMs),
    CreationDate: scDateString(f.modifiedMs - 30 * 86_400_000),
  };
}

// --- orders ----------------------------------------------------------------------------------

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

function address(rng: () => number, first: string, last: string, email: string | null): Json {
  const foreign = rng() < 0.08 ? pick(rng, FOREIGN_PLACES) : null;
  const us = pick(rng, US_PLACES);
  const [city, stateCode, stateName, postal] = foreign ?? us;
  return {
    ID: 0,
    FirstName: first,
    MiddleInitial: "",
    LastName: last,
    CompanyName: rng() < 0.2 ? `${last} Design` : "",
    StreetLine1: `${Math.floor(rng() * 9000 + 100)} ${pick(rng, STREETS)}`,
    StreetLine2: rng() < 0.25 ? `Apt ${Math.floor(rng() * 40 + 1)}${pick(rng, ["A", "B", "C"])}` : "",
    City: city,
    StateCode: stateCode,
    StateName: stateName,
    PostalCode: postal,
    CountryCode: foreign ? foreign[4] : "US",
    CountryName: foreign ? foreign[5] : "United States",
    PhoneNumber: `${Math.floor(rng() * 800 + 200)}-555-${String(Math.floor(rng() * 10000)).padStart(4, "0")}`,
    HomePhone: "",
    FaxNumber: "",
    EmailAddress: email ?? "",
    AddressClassification: rng() < 0.8 ? 1 : 2,
    IsShippingAddress: false,
    IsBillingAddress: false,
  };
}

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

/** The nested `SingleOrderDataDto` view of an order: other names, no item Weight/OriginalBasePrice. */
export function singleOrderDto(dto: Json, packages: Json[]): Json {
  const items = dto.Items as Json[];
  const subtotal = items.reduce((s, i) => s + (i.LineTotal as number), 0);
  return {
    OrderID: dto.ID,
    OrderDetails: {
      CompanyId: dto.CompanyID,
      ClientId: 0,
      SiteCode: 0,
      OrderSource: dto.OrderSource,
      OrderSourceOrderId: dto.OrderSourceOrderID,
      CustomerEmail: dto.CustomerEmail,
      CustomerID: dto.UserID,
      CurrencyCode: dto.OrderCurrencyCode,
      OrderDate: dto.TimeOfOrder,
      CreatedOn: dto.CreatedOn,
      OrderSubType: dto.OrderSubType,
      PromiseDate: dto.OrderShippingPromiseDate,
      IsOrderLocked: false,
    },
    Statuses: {
      OrderStatus: dto.StatusCode,
      ShippingStatus: dto.ShippingStatus,
      PaymentStatus: dto.PaymentStatus,
      DropshipStatus: dto.Dropship,
      RushOrder: false,
      IsExported: false,
      ChannelNotifiedOfShipping: false,
      IsDelivered: false,
    },
    OrderItems: items.map((i) => ({
      ID: i.ID,
      OrderID: i.OrderID,
      ProductID: i.ProductID,
      ProductIDOriginal: i.ProductIDOriginal,
      ProductIDRequested: i.ProductIDRequested,
      DisplayName: i.DisplayName,
      Qty: i.Qty,
      SitePrice: i.SitePrice,
      AdjustedSitePrice: i.AdjustedSitePrice,
      LineTotal: i.LineTotal,
      LineTaxTotal: i.LineTaxTotal,
      ShippingCost: i.ShippingCost,
      QtyReturned: i.QtyReturned,
      QtyPicked: 0,
      WarehouseID: i.ShipFromWareHouseID,
      ShadowOf: "",
      BundleItems: [],
    })),
    TotalInfo: {
      SubTotal: Math.round(subtotal * 100) / 100,
      Discount: dto.OrderDiscountsTotal,
      Shipping: dto.ShippingTotal,
      Tax: dto.TaxTotal,
      TaxRate: dto.TaxRate,
      Handling: 0,
      Insurance: 0,
      GiftWrap: 0,
      GrandTotal: dto.GrandTotal,
    },
    ShippingDetails: {
      ShippingStatus: dto.ShippingStatus,
      Carrier: dto.ShippingCarrier,
      Service: dto.ShippingService,
      ShipDate: dto.ShipDate,
      ShippingTotal: dto.ShippingTotal,
      OrderShippingPromiseDate: dto.OrderShippingPromiseDate,
    },
    OrderPackages: packages,
    ShippingAddress: dto.ShippingAddress,
    BillingAddress: dto.BillingAddress,
    Payments: [],
    RelatedOrders: [],
    LastUpdated: dto.LastUpdated,
  };
}
