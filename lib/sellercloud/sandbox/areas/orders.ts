/**
 * Sandbox area "orders": GET /api/Orders (the list, `MultipleOrderDataDto`, with its filters, date
 * presets and sorts), GET /api/Orders/{id} (the nested `SingleOrderDataDto`) and GET
 * /api/Orders/Packages (one order's packages, paged).
 */
import { singleOrderDto } from "../data/order-views";
import { json, type Routed } from "../exchange";
import { page, type Query, SANDBOX_PAGE_CAP } from "../query";
import type { SandboxState } from "../state";
import type { SandboxArea } from "./area";

/** `model.dateRange`-style presets the sandbox understands (relative to its clock). */
function presetRange(preset: number | undefined, now: number): { from?: number; to?: number } {
  if (preset === undefined || preset === 9) return {};
  const day = 86_400_000;
  const startOfToday = Math.floor(now / day) * day;
  const table: Record<number, number> = {
    12: day,
    11: 3 * day,
    10: 7 * day,
    101: 14 * day,
    4: 31 * day,
    5: 60 * day,
    21: 90 * day,
    6: 120 * day,
  };
  if (preset === 1) return { from: startOfToday };
  if (preset === 20) return { from: startOfToday - day, to: startOfToday };
  const span = table[preset];
  return span ? { from: now - span } : {};
}

function orderList(state: SandboxState, q: Query): Routed {
  const now = state.now();
  const created = presetRange(q.int("createdOnDateRange"), now);
  const ordered = presetRange(q.int("dateRange"), now);
  const createdFrom = q.date("createdOnFrom") ?? created.from;
  const createdTo = q.date("createdOnTo") ?? created.to;
  const indexes = state.queryOrders({
    orderIds: q.ints("orderIDs"),
    companyIds: q.ints("companyID"),
    statuses: q.ints("orderStatus"),
    dropship: q.ints("dropShipStatus"),
    shippingStatus: q.int("shippingStatus"),
    createdFrom,
    // A minute-precision "to" includes that whole minute.
    createdTo: createdTo === undefined ? undefined : createdTo + 59_999,
    updatedFrom: q.date("lastUpdatedFrom"),
    updatedTo: q.date("lastUpdatedTo"),
    orderFrom: q.date("orderFromDate") ?? ordered.from,
    orderTo: q.date("orderToDate") ?? ordered.to,
    sourceOrderIds: q.all("orderSourceOrderIDList"),
    orderBy: q.int("orderBy") ?? 0,
    // ASP.NET binds a missing bool as false: newest first unless asked otherwise.
    ascending: q.bool("isAscending") ?? false,
  });
  const { pageNumber, pageSize } = q.paging();
  return json(
    200,
    page(indexes, pageNumber, pageSize, (i) => state.orderDtoAt(i)),
  );
}

function orderPackages(state: SandboxState, q: Query): Routed {
  const errors: Record<string, string[]> = {};
  const read = (name: string) => {
    const raw = q.bare(name);
    const value = raw === undefined ? Number.NaN : Number(raw);
    if (!Number.isInteger(value)) errors[name] = [`The ${name} field is required.`];
    return value;
  };
  const id = read("id");
  const pageNumber = read("pageNumber");
  const pageSize = read("pageSize");
  if (Object.keys(errors).length) return json(400, { Message: "The request is invalid.", ModelState: errors });
  const order = state.getOrder(id);
  if (!order) return json(200, { Results: [], TotalResults: 0 });
  const size = Math.min(Math.max(1, pageSize), SANDBOX_PAGE_CAP);
  const start = (Math.max(1, pageNumber) - 1) * size;
  return json(200, { Results: order.packages.slice(start, start + size), TotalResults: order.packages.length });
}

export const ordersArea: SandboxArea = {
  name: "orders",
  routes: [
    { method: "GET", path: "/api/Orders", handle: ({ state, query }) => orderList(state, query) },
    { method: "GET", path: "/api/Orders/Packages", handle: ({ state, query }) => orderPackages(state, query) },
    {
      method: "GET",
      path: /^\/api\/orders\/(-?\d+)$/,
      handle({ state, params: [id] }) {
        const order = state.getOrder(Number(id));
        if (!order) return json(404, { Message: `Order ${id} was not found.` });
        return json(200, singleOrderDto(order.dto, order.packages));
      },
    },
  ],
};
