/**
 * Sandbox area "catalog": GET /api/Catalog, the product list (`ProductCatalogDto` rows), and the
 * product-list filters it shares with GET /api/Inventory (areas/inventory.ts).
 */
import { json, type Routed } from "../exchange";
import { page, type Query } from "../query";
import type { SandboxState } from "../state";
import type { SandboxArea } from "./area";

/**
 * One page of the catalog or inventory list: the Catalog list takes `sKU`, the Inventory list
 * `inventoryID` (comma-separated SKUs) and `eAN`; both take companyID, uPC, keyword, activeStatus
 * and lastUpdatedFrom/To.
 */
export function productListPage(state: SandboxState, q: Query, kind: "catalog" | "inventory"): Routed {
  const skus = kind === "catalog" ? q.one("sKU") : q.one("inventoryID");
  const indexes = state.queryProducts({
    companyIds: q.ints("companyID"),
    skus: skus ? skus.split(",") : undefined,
    upc: q.one("uPC"),
    ean: kind === "inventory" ? q.one("eAN") : undefined,
    keyword: q.one("keyword"),
    activeStatus: q.int("activeStatus"),
    // model.lastUpdatedFrom/To (swagger 2022, Catalog_GetAll and Inventory_GetAll): LastModifiedDate window.
    updatedFrom: q.date("lastUpdatedFrom"),
    updatedTo: q.date("lastUpdatedTo"),
  });
  const { pageNumber, pageSize } = q.paging();
  const row = kind === "catalog" ? (i: number) => state.catalogRowAt(i) : (i: number) => state.inventoryRowAt(i);
  return json(200, page(indexes, pageNumber, pageSize, row));
}

export const catalogArea: SandboxArea = {
  name: "catalog",
  routes: [
    { method: "GET", path: "/api/Catalog", handle: ({ state, query }) => productListPage(state, query, "catalog") },
  ],
};
