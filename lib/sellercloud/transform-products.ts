/**
 * SellerCloud's product rows as the app's types: a catalog row (`ProductCatalogDto`) as `ScProduct`
 * and an inventory row (`ProductInventoryDto`, the one with EAN) as `ScInventoryRow`. Pure.
 */
import type { RawCatalogProduct, RawInventoryRow } from "./schemas";
import { numberOrNull, scDate, scIdentifier, textOrNull } from "./value-formats";

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

/** A catalog row; `source` is kept as `raw` (the record as sent). Active from ActiveStatus, else Status 1. */
export function toProduct(raw: RawCatalogProduct, source: unknown = raw): ScProduct {
  const active =
    raw.ActiveStatus != null
      ? raw.ActiveStatus === "Active" || raw.ActiveStatus === 1
      : raw.Status != null
        ? raw.Status === 1
        : null;
  return {
    id: raw.ID,
    name: textOrNull(raw.ProductName),
    companyId: numberOrNull(raw.CompanyID),
    upc: scIdentifier(raw.UPC),
    ean: scIdentifier(raw.EAN),
    gtin: scIdentifier(raw.GTIN),
    asin: scIdentifier(raw.ASIN),
    manufacturerSku: scIdentifier(raw.ManufacturerSKU),
    sitePrice: numberOrNull(raw.SitePrice),
    listPrice: numberOrNull(raw.ListPrice),
    siteCost: numberOrNull(raw.SiteCost),
    mapPrice: numberOrNull(raw.MAPPrice),
    availableQty: numberOrNull(raw.InventoryAvailableQty),
    physicalQty: numberOrNull(raw.PhysicalQty),
    weight: numberOrNull(raw.Weight),
    isActive: active,
    isKit: raw.IsKit ?? false,
    shadowOf: scIdentifier(raw.ShadowOf),
    imageUrl: textOrNull(raw.ImageUrl),
    lastModified: scDate(raw.LastModifiedDate),
    raw: source,
  };
}

/** An inventory row; `source` is kept as `raw`. */
export function toInventoryRow(raw: RawInventoryRow, source: unknown = raw): ScInventoryRow {
  return {
    id: raw.ID,
    name: textOrNull(raw.ProductName),
    companyId: numberOrNull(raw.CompanyID),
    upc: scIdentifier(raw.UPC),
    ean: scIdentifier(raw.EAN),
    asin: scIdentifier(raw.ASIN),
    manufacturerSku: scIdentifier(raw.ManufacturerSKU),
    physicalQty: numberOrNull(raw.PhysicalQty),
    availableQty: numberOrNull(raw.InventoryAvailableQty),
    warehouseName: textOrNull(raw.WarehouseName),
    lastModified: scDate(raw.LastModifiedDate),
    raw: source,
  };
}
