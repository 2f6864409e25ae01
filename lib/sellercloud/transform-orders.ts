/**
 * SellerCloud's orders as the app's `ScOrder`: both order DTOs (the flat list row
 * `MultipleOrderDataDto` and the nested single order `SingleOrderDataDto`) become one shape, with
 * their addresses, lines, kit items and packages; the fields only the list row carries (item Weight,
 * OriginalBasePrice, order ShippingService, TimeOfOrder) are null from the single DTO. Pure.
 */
import type { RawAddress, RawKitItem, RawListOrder, RawPackage, RawSingleOrder } from "./schemas";
import { numberOrNull, scDate, scIdentifier, textOrNull } from "./value-formats";

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
      name: textOrNull(child.ProductName),
      qtyPerKit,
      totalQty: totalGiven ?? qtyPerKit * Math.max(0, lineQty),
    };
  });
}

/** An order's shipping or billing address; null when absent. */
export function toAddress(raw: RawAddress | null | undefined): ScAddress | null {
  if (!raw) return null;
  return {
    firstName: textOrNull(raw.FirstName),
    lastName: textOrNull(raw.LastName),
    companyName: textOrNull(raw.CompanyName),
    streetLine1: textOrNull(raw.StreetLine1),
    streetLine2: textOrNull(raw.StreetLine2),
    city: textOrNull(raw.City),
    stateCode: textOrNull(raw.StateCode),
    stateName: textOrNull(raw.StateName),
    postalCode: textOrNull(raw.PostalCode),
    countryCode: textOrNull(raw.CountryCode),
    countryName: textOrNull(raw.CountryName),
    phoneNumber: textOrNull(raw.PhoneNumber),
    email: textOrNull(raw.EmailAddress),
  };
}

/** The flat list row (`MultipleOrderDataDto`). */
export function toOrderFromList(raw: RawListOrder, source: unknown = raw): ScOrder {
  return {
    id: raw.ID,
    companyId: raw.CompanyID,
    companyName: textOrNull(raw.CompanyName),
    statusCode: raw.StatusCode,
    shippingStatus: numberOrNull(raw.ShippingStatus),
    paymentStatus: numberOrNull(raw.PaymentStatus),
    dropshipStatus: numberOrNull(raw.Dropship),
    orderSource: numberOrNull(raw.OrderSource),
    orderSourceOrderId: textOrNull(raw.OrderSourceOrderID),
    timeOfOrder: scDate(raw.TimeOfOrder),
    createdOn: scDate(raw.CreatedOn),
    lastUpdated: scDate(raw.LastUpdated),
    shipDate: scDate(raw.ShipDate),
    firstName: textOrNull(raw.FirstName),
    lastName: textOrNull(raw.LastName),
    customerEmail: textOrNull(raw.CustomerEmail),
    grandTotal: numberOrNull(raw.GrandTotal),
    shippingTotal: numberOrNull(raw.ShippingTotal),
    taxTotal: numberOrNull(raw.TaxTotal),
    shippingCarrier: scIdentifier(raw.ShippingCarrier),
    shippingService: scIdentifier(raw.ShippingService),
    trackingNumber: scIdentifier(raw.TrackingNumber),
    allTrackingNumbers: (raw.AllTrackingNumbers ?? []).filter((t) => t.trim() !== ""),
    currencyCode: numberOrNull(raw.OrderCurrencyCode),
    shippingAddress: toAddress(raw.ShippingAddress),
    billingAddress: toAddress(raw.BillingAddress),
    items: (raw.Items ?? []).map((item) => ({
      id: item.ID,
      orderId: item.OrderID ?? raw.ID,
      productId: item.ProductID,
      productIdRequested: scIdentifier(item.ProductIDRequested),
      displayName: textOrNull(item.DisplayName),
      qty: item.Qty,
      qtyShipped: numberOrNull(item.QtyShipped),
      sitePrice: numberOrNull(item.SitePrice),
      adjustedSitePrice: numberOrNull(item.AdjustedSitePrice),
      originalBasePrice: numberOrNull(item.OriginalBasePrice),
      weight: numberOrNull(item.Weight),
      lineTotal: numberOrNull(item.LineTotal),
      lineTaxTotal: numberOrNull(item.LineTaxTotal),
      warehouseId: numberOrNull(item.ShipFromWareHouseID),
      kitItems: toKitItems(item.BundleItems, item.Qty),
    })),
    packages: null,
    source: "list",
    raw: source,
  };
}

/** A package with its tracking number and items. */
export function toPackage(raw: RawPackage): ScPackage {
  return {
    id: raw.ID,
    trackingNumber: scIdentifier(raw.TrackingNumber),
    weight: numberOrNull(raw.Weight),
    shippingCost: numberOrNull(raw.ShippingCost),
    deliveryStatus: numberOrNull(raw.DeliveryStatus),
    items: (raw.Items ?? []).map((item) => ({
      orderItemId: numberOrNull(item.OrderItemID),
      productId: scIdentifier(item.ProductID),
      qty: numberOrNull(item.Qty),
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
    shippingStatus: numberOrNull(statuses.ShippingStatus ?? shipping.ShippingStatus),
    paymentStatus: numberOrNull(statuses.PaymentStatus),
    dropshipStatus: numberOrNull(statuses.DropshipStatus),
    orderSource: numberOrNull(details.OrderSource),
    orderSourceOrderId: textOrNull(details.OrderSourceOrderId),
    timeOfOrder: scDate(details.OrderDate),
    createdOn: scDate(details.CreatedOn),
    lastUpdated: scDate(raw.LastUpdated),
    shipDate: scDate(shipping.ShipDate),
    firstName: textOrNull(raw.BillingAddress?.FirstName ?? raw.ShippingAddress?.FirstName),
    lastName: textOrNull(raw.BillingAddress?.LastName ?? raw.ShippingAddress?.LastName),
    customerEmail: textOrNull(details.CustomerEmail),
    grandTotal: numberOrNull(totals.GrandTotal),
    shippingTotal: numberOrNull(totals.Shipping ?? shipping.ShippingTotal),
    taxTotal: numberOrNull(totals.Tax),
    shippingCarrier: scIdentifier(shipping.Carrier),
    shippingService: scIdentifier(shipping.Service),
    trackingNumber: tracking[0] ?? null,
    allTrackingNumbers: tracking,
    currencyCode: numberOrNull(details.CurrencyCode),
    shippingAddress: toAddress(raw.ShippingAddress),
    billingAddress: toAddress(raw.BillingAddress),
    items: (raw.OrderItems ?? []).map((item) => ({
      id: item.ID,
      orderId: item.OrderID ?? raw.OrderID,
      productId: item.ProductID,
      productIdRequested: scIdentifier(item.ProductIDRequested),
      displayName: textOrNull(item.DisplayName),
      qty: item.Qty,
      qtyShipped: null,
      sitePrice: numberOrNull(item.SitePrice),
      adjustedSitePrice: numberOrNull(item.AdjustedSitePrice),
      originalBasePrice: null,
      weight: null,
      lineTotal: numberOrNull(item.LineTotal),
      lineTaxTotal: numberOrNull(item.LineTaxTotal),
      warehouseId: numberOrNull(item.WarehouseID),
      kitItems: toKitItems(item.BundleItems, item.Qty),
    })),
    packages,
    source: "single",
    raw: source,
  };
}
