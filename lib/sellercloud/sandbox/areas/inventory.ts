/** Sandbox area "inventory": GET /api/Inventory, the product list as `ProductInventoryDto` rows (the one with EAN). */
import type { SandboxArea } from "./area";
import { productListPage } from "./catalog";

export const inventoryArea: SandboxArea = {
  name: "inventory",
  routes: [
    { method: "GET", path: "/api/Inventory", handle: ({ state, query }) => productListPage(state, query, "inventory") },
  ],
};
