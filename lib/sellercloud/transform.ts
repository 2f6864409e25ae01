import type {
  RawAddress,
  RawCatalogProduct,
  RawCompany,
  RawInventoryRow,
  RawKitItem,
  RawListOrder,
  RawPackage,
  RawSettingEntry,
  RawSingleOrder,
} from "./schemas";

/**
 * Pure transforms from SellerCloud's DTOs to the app's types. Both order DTOs (the flat list row
 * and the nested single order) become one `ScOrder`; the fields only the list row carries (item
 * Weight, OriginalBasePrice, order ShippingService, TimeOfOrder) are null from the single DTO.
 */

// --- value helpers ---------------------------------------------------------------------------

/** .NET's DateTime.MinValue means "not set". Dates come without an offset; they are kept as sent. */
export function scDate(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith("0001-01-01")) return null;
  return value;
}

/** A SellerCloud date string as a Date, reading an offset-less value as UTC (the zone is undocumented). */
export function scDateToDate(value: string | null | undefined): Date | null {
  const text = scDate(value);
  if (!text) return null;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const date = new Date(hasZone ? text : `${text}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Identifiers: trimmed, and empty means absent (an empty UPC must never match another empty UPC). */
export function scIdentifier(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

const text = (value: string | null | undefined): string | null => (value == null ? null : value);
const n = (value: number | null | undefined): number | null => (value == null ? null : value);

/**
 * Formats a date for SellerCloud's DateTime query filters: `mm/dd/yyyy hh:mm` (24 h), the
 * documented format. Uses UTC fields; SellerCloud's zone is undocumented, so callers overlap windows.
 */
export function formatFilterDate(date: Date): string {
  const p = (v: number) => String(v).padStart(2, "0");
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}`;
}

/** ISO 8601 without offset for JSON bodies (ShipDate), matching what SellerCloud sends back. */
export function formatBodyDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "");
}

// --- types -----------------------------------------------------------------------------------

export interface ScCompany {
  id: number;
  name: string;
  isDefault: boolean;
  isDisabled: boolean;
}

export interface ScProduct {
  /** The SellerCloud SKU (catalog `ID`). */
  id: string;
  name: string | null;
  companyId: number | null;
  upc: string | null;
  /** Absent from catalog rows (2022 spec); filled from inventory rows when the caller joins them. */
  ean: string | null;
  gtin: string | null;
  asin: string | null;
  manufacturerSku: string | null;
  sitePrice: number | null;
  listPrice: number | null;
  siteCost: number | null;
  mapPrice: number | null;
  availableQty: number | null;
  physicalQty: number | null;
  weight: number | null;
  isActive: boolean | null;
  isKit: boolean;
  shadowOf: string | null;
  imageUrl: string | null;
  lastModified: string | null;
  raw: unknown;
}

export interface ScInventoryRow {
  id: string;
  name: string | null;
  companyId: number | null;
  upc: string | null;
  ean: string | null;
  asin: string | null;
  manufacturerSku: string | null;
  physicalQty: number | null;
  availableQty: number | null;
  warehouseName: string | null;
  lastModified: string | null;
  raw: unknown;
}

export interface ScAddress {
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  streetLine1: string | null;
  streetLine2: string | null;
  city: string | null;
  stateCode: string | null;
  stateName: string | null;
  postalCode: string | null;
  countryCode: string | null;
  countryName: string | null;
  phoneNumber: string | null;
  email: string | null;
}

export interface ScOrderItem {
  /** The order line id (needed for packages). */
  id: number;
  orderId: number;
  productId: string;
  /** The SKU as the channel asked for it; prefer it when mapping back to listings. */
  productIdRequested: string | null;
  displayName: string | null;
  qty: number;
  qtyShipped: number | null;
  sitePrice: number | null;
  adjustedSitePrice: number | null;
  /** List DTO only. */
  originalBasePrice: number | null;
  /** List DTO only. */
  weight: number | null;
  lineTotal: number | null;
  lineTaxTotal: number | null;
  warehouseId: number | null;
  /** The line's kit items when it is a kit (`BundleItems`); empty for a plain product. */
  kitItems: ScKitItem[];
}

/** One kit item (child) of a kit order line. */
export interface ScKitItem {
  /** The child's SKU: what Create Shipping Packages takes as OrderItemBundleItemProductID. */
  productId: string;
  name: string | null;
  /** Units of this child in one kit. */
  qtyPerKit: number;
  /** Units of this child for the whole line (qtyPerKit x the line's quantity). */
  totalQty: number;
}

export interface ScOrder {
  id: number;
  companyId: number;
  companyName: string | null;
  statusCode: number;
  shippingStatus: number | null;
  paymentStatus: number | null;
  dropshipStatus: number | null;
  orderSource: number | null;
  orderSourceOrderId: string | null;
  /** List DTO `TimeOfOrder`; single DTO `OrderDetails.OrderDate`. */
  timeOfOrder: string | null;
  createdOn: string | null;
  lastUpdated: string | null;
  shipDate: string | null;
  firstName: string | null;
  lastName: string | null;
  customerEmail: string | null;
  grandTotal: number | null;
  shippingTotal: number | null;
  taxTotal: number | null;
  shippingCarrier: string | null;
  shippingService: string | null;
  trackingNumber: string | null;
  allTrackingNumbers: string[];
  currencyCode: number | null;
  shippingAddress: ScAddress | null;
  billingAddress: ScAddress | null;
  items: ScOrderItem[];
  /** Only the single DTO carries packages. */
  packages: ScPackage[] | null;
  /** Which SellerCloud DTO this came from. */
  source: "list" | "single";
  /** The record exactly as SellerCloud sent it (unknown keys included). */
  raw: unknown;
}

export interface ScPackage {
  id: number;
  trackingNumber: string | null;
  weight: number | null;
  shippingCost: number | null;
  deliveryStatus: number | null;
  items: { orderItemId: number | null; productId: string | null; qty: number | null }[];
}

export interface ScCarrier {
  /** The value SellerCloud expects in ShippingCarrier / CarrierName. */
  key: string;
  name: string;
}

export interface ScService {
  /** The value SellerCloud expects in ShippingService / ShippingMethod. */
  key: string;
  name: string;
}

// --- transforms ------------------------------------------------------------------------------

/**
 * A line's kit items from `BundleItems` (list DTO: `Qty` per kit and `TotalQty`; single DTO:
 * `QtyPerKit` and `TotalQty`). A missing total is the per-kit quantity times the line's; a
 * missing per-kit quantity is the total over the line's, else 1.
 */
export function toKitItems(raw: readonly RawKitItem[] | null | undefined, lineQty: number): ScKitItem[] {
  return (raw ?? []).map((child) => {
    const given = child.QtyPerKit ?? child.Qty ?? null;
    const totalGiven = child.TotalQty != null && child.TotalQty > 0 ? child.TotalQty : null;
    const qtyPerKit =
      given != null && given > 0
        ? given
        : totalGiven && lineQty > 0
          ? Math.max(1, Math.round(totalGiven / lineQty))
          : 1;
    return {
      productId: child.ProductID,
      name: text(child.ProductName),
      qtyPerKit,
      totalQty: totalGiven ?? qtyPerKit * Math.max(0, lineQty),
    };
  });
}

export function toCompany(raw: RawCompany): ScCompany {
  return {
    id: raw.ID,
    name: raw.CompanyName ?? `Company ${raw.ID}`,
    isDefault: raw.IsDefaultCompany ?? false,
    isDisabled: raw.IsDisabled ?? false,
  };
}

export function toProduct(raw: RawCatalogProduct, source: unknown = raw): ScProduct {
  const active =
    raw.ActiveStatus != null
      ? raw.ActiveStatus === "Active" || raw.ActiveStatus === 1
      : raw.Status != null
        ? raw.Status === 1
        : null;
  return {
    id: raw.ID,
    name: text(raw.ProductName),
    companyId: n(raw.CompanyID),
    upc: scIdentifier(raw.UPC),
    ean: scIdentifier(raw.EAN),
    gtin: scIdentifier(raw.GTIN),
    asin: scIdentifier(raw.ASIN),
    manufacturerSku: scIdentifier(raw.ManufacturerSKU),
    sitePrice: n(raw.SitePrice),
    listPrice: n(raw.ListPrice),
    siteCost: n(raw.SiteCost),
    mapPrice: n(raw.MAPPrice),
    availableQty: n(raw.InventoryAvailableQty),
    physicalQty: n(raw.PhysicalQty),
    weight: n(raw.Weight),
    isActive: active,
    isKit: raw.IsKit ?? false,
    shadowOf: scIdentifier(raw.ShadowOf),
    imageUrl: text(raw.ImageUrl),
    lastModified: scDate(raw.LastModifiedDate),
    raw: source,
  };
}

export function toInventoryRow(raw: RawInventoryRow, source: unknown = raw): ScInventoryRow {
  return {
    id: raw.ID,
    name: text(raw.ProductName),
    companyId: n(raw.CompanyID),
    upc: scIdentifier(raw.UPC),
    ean: scIdentifier(raw.EAN),
    asin: scIdentifier(raw.ASIN),
    manufacturerSku: scIdentifier(raw.ManufacturerSKU),
    physicalQty: n(raw.PhysicalQty),
    availableQty: n(raw.InventoryAvailableQty),
    warehouseName: text(raw.WarehouseName),
    lastModified: scDate(raw.LastModifiedDate),
    raw: source,
  };
}

export function toAddress(raw: RawAddress | null | undefined): ScAddress | null {
  if (!raw) return null;
  return {
    firstName: text(raw.FirstName),
    lastName: text(raw.LastName),
    companyName: text(raw.CompanyName),
    streetLine1: text(raw.StreetLine1),
    streetLine2: text(raw.StreetLine2),
    city: text(raw.City),
    stateCode: text(raw.StateCode),
    stateName: text(raw.StateName),
    postalCode: text(raw.PostalCode),
    countryCode: text(raw.CountryCode),
    countryName: text(raw.CountryName),
    phoneNumber: text(raw.PhoneNumber),
    email: text(raw.EmailAddress),
  };
}

/** The flat list row (`MultipleOrderDataDto`). */
export function toOrderFromList(raw: RawListOrder, source: unknown = raw): ScOrder {
  return {
    id: raw.ID,
    companyId: raw.CompanyID,
    companyName: text(raw.CompanyName),
    statusCode: raw.StatusCode,
    shippingStatus: n(raw.ShippingStatus),
    paymentStatus: n(raw.PaymentStatus),
    dropshipStatus: n(raw.Dropship),
    orderSource: n(raw.OrderSource),
    orderSourceOrderId: text(raw.OrderSourceOrderID),
    timeOfOrder: scDate(raw.TimeOfOrder),
    createdOn: scDate(raw.CreatedOn),
    lastUpdated: scDate(raw.LastUpdated),
    shipDate: scDate(raw.ShipDate),
    firstName: text(raw.FirstName),
    lastName: text(raw.LastName),
    customerEmail: text(raw.CustomerEmail),
    grandTotal: n(raw.GrandTotal),
    shippingTotal: n(raw.ShippingTotal),
    taxTotal: n(raw.TaxTotal),
    shippingCarrier: scIdentifier(raw.ShippingCarrier),
    shippingService: scIdentifier(raw.ShippingService),
    trackingNumber: scIdentifier(raw.TrackingNumber),
    allTrackingNumbers: (raw.AllTrackingNumbers ?? []).filter((t) => t.trim() !== ""),
    currencyCode: n(raw.OrderCurrencyCode),
    shippingAddress: toAddress(raw.ShippingAddress),
    billingAddress: toAddress(raw.BillingAddress),
    items: (raw.Items ?? []).map((item) => ({
      id: item.ID,
      orderId: item.OrderID ?? raw.ID,
      productId: item.ProductID,
      productIdRequested: scIdentifier(item.ProductIDRequested),
      displayName: text(item.DisplayName),
      qty: item.Qty,
      qtyShipped: n(item.QtyShipped),
      sitePrice: n(item.SitePrice),
      adjustedSitePrice: n(item.AdjustedSitePrice),
      originalBasePrice: n(item.OriginalBasePrice),
      weight: n(item.Weight),
      lineTotal: n(item.LineTotal),
      lineTaxTotal: n(item.LineTaxTotal),
      warehouseId: n(item.ShipFromWareHouseID),
      kitItems: toKitItems(item.BundleItems, item.Qty),
    })),
    packages: null,
    source: "list",
    raw: source,
  };
}

export function toPackage(raw: RawPackage): ScPackage {
  return {
    id: raw.ID,
    trackingNumber: scIdentifier(raw.TrackingNumber),
    weight: n(raw.Weight),
    shippingCost: n(raw.ShippingCost),
    deliveryStatus: n(raw.DeliveryStatus),
    items: (raw.Items ?? []).map((item) => ({
      orderItemId: n(item.OrderItemID),
      productId: scIdentifier(item.ProductID),
      qty: n(item.Qty),
    })),
  };
}

/** The nested single order (`SingleOrderDataDto`): different names, no item Weight/OriginalBasePrice. */
export function toOrderFromSingle(raw: RawSingleOrder, source: unknown = raw): ScOrder {
  const details = raw.OrderDetails ?? {};
  const statuses = raw.Statuses ?? {};
  const totals = raw.TotalInfo ?? {};
  const shipping = raw.ShippingDetails ?? {};
  const packages = (raw.OrderPackages ?? []).map(toPackage);
  const tracking = packages.map((p) => p.trackingNumber).filter((t): t is string => Boolean(t));
  return {
    id: raw.OrderID,
    companyId: details.CompanyId ?? 0,
    companyName: null,
    statusCode: statuses.OrderStatus ?? 0,
    shippingStatus: n(statuses.ShippingStatus ?? shipping.ShippingStatus),
    paymentStatus: n(statuses.PaymentStatus),
    dropshipStatus: n(statuses.DropshipStatus),
    orderSource: n(details.OrderSource),
    orderSourceOrderId: text(details.OrderSourceOrderId),
    timeOfOrder: scDate(details.OrderDate),
    createdOn: scDate(details.CreatedOn),
    lastUpdated: scDate(raw.LastUpdated),
    shipDate: scDate(shipping.ShipDate),
    firstName: text(raw.BillingAddress?.FirstName ?? raw.ShippingAddress?.FirstName),
    lastName: text(raw.BillingAddress?.LastName ?? raw.ShippingAddress?.LastName),
    customerEmail: text(details.CustomerEmail),
    grandTotal: n(totals.GrandTotal),
    shippingTotal: n(totals.Shipping ?? shipping.ShippingTotal),
    taxTotal: n(totals.Tax),
    shippingCarrier: scIdentifier(shipping.Carrier),
    shippingService: scIdentifier(shipping.Service),
    trackingNumber: tracking[0] ?? null,
    allTrackingNumbers: tracking,
    currencyCode: n(details.CurrencyCode),
    shippingAddress: toAddress(raw.ShippingAddress),
    billingAddress: toAddress(raw.BillingAddress),
    items: (raw.OrderItems ?? []).map((item) => ({
      id: item.ID,
      orderId: item.OrderID ?? raw.OrderID,
      productId: item.ProductID,
      productIdRequested: scIdentifier(item.ProductIDRequested),
      displayName: text(item.DisplayName),
      qty: item.Qty,
      qtyShipped: null,
      sitePrice: n(item.SitePrice),
      adjustedSitePrice: n(item.AdjustedSitePrice),
      originalBasePrice: null,
      weight: null,
      lineTotal: n(item.LineTotal),
      lineTaxTotal: n(item.LineTaxTotal),
      warehouseId: n(item.WarehouseID),
      kitItems: toKitItems(item.BundleItems, item.Qty),
    })),
    packages,
    source: "single",
    raw: source,
  };
}

export function toSettingEntry(raw: RawSettingEntry): { key: string; name: string } | null {
  if (typeof raw === "string") return raw.trim() ? { key: raw, name: raw } : null;
  const key = raw.Key ?? raw.ID ?? raw.Value ?? raw.Name;
  if (key == null || String(key).trim() === "") return null;
  const name = raw.Value ?? raw.Name ?? key;
  return { key: String(key), name: String(name) };
}
