/**
 * The sandbox's API areas, the one list router.ts serves. Adding an area: a new file in this
 * folder exporting a `SandboxArea` (areas/area.ts) and one line here. A path is served by the first
 * area that lists it; the same method and path in two areas is refused when this module loads.
 */
import type { SandboxArea } from "./area";
import { catalogArea } from "./catalog";
import { companiesArea } from "./companies";
import { inventoryArea } from "./inventory";
import { ordersArea } from "./orders";
import { pricesArea } from "./prices";
import { settingsArea } from "./settings";
import { shippingArea } from "./shipping";
import { tokenArea } from "./token";

export const SANDBOX_AREAS: readonly SandboxArea<unknown>[] = [
  tokenArea,
  companiesArea,
  catalogArea,
  inventoryArea,
  ordersArea,
  shippingArea,
  settingsArea,
  pricesArea,
];
