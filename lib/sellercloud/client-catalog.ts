/**
 * SellerCloud's product lists, read by the client: GET /api/Catalog (`ScProduct` rows) and GET
 * /api/Inventory (`ScInventoryRow` rows, the ones with EAN), each one list endpoint whose single
 * page and paging share a definition (client-pages.ts), and the cheap identifiers-only page of
 * either that Link Listings pages whole catalogs with.
 */
import { clampPageSize, type ListEndpoint, type Page, readItemsPage } from "./client-pages";
import type { QueryParams, SellerCloudHttp } from "./http";
import { checkIdentifiersRow, type ScIdentifiersRow } from "./identifiers";
import {
  catalogProductSchema,
  checkRecord,
  inventoryRowSchema,
  type RawCatalogProduct,
  type RawInventoryRow,
} from "./schemas";
import { type ScInventoryRow, type ScProduct, toInventoryRow, toProduct } from "./transform-products";
import { formatFilterDate } from "./value-formats";

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

/** A product list's query: the company, the list's own filters, then the page (in that order). */
function productListParams(
  query: { companyId: number; pageSize?: number },
  pageNumber: number,
  filters: QueryParams,
): QueryParams {
  return {
    "model.companyID": [query.companyId],
    ...filters,
    "model.pageNumber": pageNumber,
    "model.pageSize": clampPageSize(query.pageSize),
  };
}

/** `GET /api/Catalog` with `model.companyID`, `model.sKU`, `model.uPC`, `model.keyword`. */
export const CATALOG_LIST: ListEndpoint<Omit<CatalogPageQuery, "pageNumber">, RawCatalogProduct, ScProduct> = {
  path: "/api/Catalog",
  params: (query, pageNumber) =>
    productListParams(query, pageNumber, {
      "model.sKU": query.sku,
      "model.uPC": query.upc,
      "model.keyword": query.keyword,
    }),
  check: (raw, index) => checkRecord(catalogProductSchema, raw, index, "Product", ["ID"]),
  transform: (value, raw) => toProduct(value, raw),
};

/** `GET /api/Inventory` with `model.companyID`, `model.inventoryID` (SKUs), `model.eAN`, `model.uPC`. */
export const INVENTORY_LIST: ListEndpoint<Omit<InventoryPageQuery, "pageNumber">, RawInventoryRow, ScInventoryRow> = {
  path: "/api/Inventory",
  params: (query, pageNumber) =>
    productListParams(query, pageNumber, {
      "model.inventoryID": query.sku,
      "model.eAN": query.ean,
      "model.uPC": query.upc,
    }),
  check: (raw, index) => checkRecord(inventoryRowSchema, raw, index, "Inventory row", ["ID"]),
  transform: (value, raw) => toInventoryRow(value, raw),
};

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
export function getIdentifiersPage(
  http: SellerCloudHttp,
  source: "catalog" | "inventory",
  query: { companyId: number; pageNumber: number; pageSize?: number; lastUpdatedFrom?: Date; lastUpdatedTo?: Date },
  signal?: AbortSignal,
): Promise<Page<ScIdentifiersRow>> {
  const entity = source === "catalog" ? "Product" : "Inventory row";
  return readItemsPage(
    http,
    source === "catalog" ? "/api/Catalog" : "/api/Inventory",
    productListParams(query, query.pageNumber, {
      "model.lastUpdatedFrom": query.lastUpdatedFrom ? formatFilterDate(query.lastUpdatedFrom) : undefined,
      "model.lastUpdatedTo": query.lastUpdatedTo ? formatFilterDate(query.lastUpdatedTo) : undefined,
    }),
    (raw, index) => checkIdentifiersRow(raw, index, entity),
    (value) => value,
    query.pageNumber,
    signal,
  );
}
