/**
 * SellerCloud's orders, read by the client: the order list GET /api/Orders (`model.`-prefixed
 * filters; one list endpoint for a page and for paging, client-pages.ts), orders by id through the
 * same list (50 ids a call), one order's nested DTO GET /api/Orders/{id}, and its packages GET
 * /api/Orders/Packages (bare parameter names, `{ Results, TotalResults }`).
 */

import { clampPageSize, invalidResponse, type ListEndpoint, MAX_PAGE_SIZE, readItemsPage } from "./client-pages";
import { OrderSortBy } from "./enums";
import { SellerCloudError } from "./errors";
import type { QueryParams, SellerCloudHttp } from "./http";
import {
  checkRecord,
  type InvalidRecord,
  listOrderSchema,
  packageSchema,
  type RawListOrder,
  readListEnvelope,
  singleOrderSchema,
} from "./schemas";
import { type ScOrder, type ScPackage, toOrderFromList, toOrderFromSingle, toPackage } from "./transform-orders";
import { formatFilterDate } from "./value-formats";

export interface OrdersQuery {
  companyId: number;
  orderStatus?: number | readonly number[];
  /** The 2022 spec takes one value. */
  dropshipStatus?: number;
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  orderIds?: readonly number[];
  /** Default: order ID ascending, so pages stay stable while new orders arrive. */
  sortBy?: number;
  ascending?: boolean;
  pageSize?: number;
}

/** The `model.`-prefixed filters of `GET /api/Orders`; never mix prefixed and bare names. */
export function ordersQueryParams(query: OrdersQuery, pageNumber: number): QueryParams {
  const statuses = query.orderStatus === undefined ? undefined : ([] as number[]).concat(query.orderStatus);
  return {
    "model.companyID": [query.companyId],
    "model.orderStatus": statuses,
    "model.dropShipStatus": query.dropshipStatus,
    "model.createdOnFrom": query.createdFrom ? formatFilterDate(query.createdFrom) : undefined,
    "model.createdOnTo": query.createdTo ? formatFilterDate(query.createdTo) : undefined,
    "model.lastUpdatedFrom": query.updatedFrom ? formatFilterDate(query.updatedFrom) : undefined,
    "model.orderIDs": query.orderIds,
    "model.orderBy": query.sortBy ?? OrderSortBy.OrderID,
    "model.isAscending": query.ascending ?? true,
    "model.pageNumber": pageNumber,
    "model.pageSize": clampPageSize(query.pageSize),
  };
}

/** `GET /api/Orders`, the list row (`MultipleOrderDataDto`, which carries item Weight and OriginalBasePrice). */
export const ORDERS_LIST: ListEndpoint<OrdersQuery, RawListOrder, ScOrder> = {
  path: "/api/Orders",
  params: ordersQueryParams,
  check: (raw, index) => checkRecord(listOrderSchema, raw, index, "Order", ["ID", "OrderID"]),
  transform: (value, raw) => toOrderFromList(value, raw),
};

/** Orders in the list shape, 50 ids per call; ids not found are simply absent. */
export async function getOrdersByIds(
  http: SellerCloudHttp,
  ids: readonly number[],
  options: { companyId?: number; signal?: AbortSignal } = {},
) {
  const orders: ScOrder[] = [];
  const invalid: InvalidRecord[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += MAX_PAGE_SIZE) {
    const chunk = unique.slice(i, i + MAX_PAGE_SIZE);
    const params = ordersQueryParams({ companyId: 0, orderIds: chunk }, 1);
    // Company is optional here: an id lookup must not miss an order that moved company.
    params["model.companyID"] = options.companyId === undefined ? undefined : [options.companyId];
    const page = await readItemsPage(
      http,
      ORDERS_LIST.path,
      params,
      ORDERS_LIST.check,
      ORDERS_LIST.transform,
      1,
      options.signal,
    );
    orders.push(...page.items);
    invalid.push(...page.invalid);
  }
  return { orders, invalid };
}

/** The nested single-order DTO; null when SellerCloud says 404 for that id. */
export async function getOrder(http: SellerCloudHttp, orderId: number, signal?: AbortSignal): Promise<ScOrder | null> {
  let data: unknown;
  try {
    data = await http.json("GET", `/api/Orders/${encodeURIComponent(String(orderId))}`, { signal });
  } catch (error) {
    if (error instanceof SellerCloudError && error.kind === "not_found") return null;
    throw error;
  }
  const check = checkRecord(singleOrderSchema, data, 0, "Order", ["OrderID", "ID"]);
  if (!check.ok) throw invalidResponse("GET", "/api/Orders/{id}", check.invalid.message);
  return toOrderFromSingle(check.value, data);
}

/** Every package of an order (all pages); a package that fails its check is an `invalid_response`. */
export async function getOrderPackages(
  http: SellerCloudHttp,
  orderId: number,
  signal?: AbortSignal,
): Promise<ScPackage[]> {
  const out: ScPackage[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    // This endpoint takes bare parameter names (no `model.`) and answers `{ Results, TotalResults }`.
    const data = await http.json("GET", "/api/Orders/Packages", {
      query: { id: orderId, pageNumber, pageSize: MAX_PAGE_SIZE },
      signal,
    });
    const envelope = readListEnvelope(data, "Results");
    if (!envelope) throw invalidResponse("GET", "/api/Orders/Packages", "expected { Results, TotalResults }");
    envelope.rows.forEach((raw, index) => {
      const check = checkRecord(packageSchema, raw, index, "Package", ["ID"]);
      if (!check.ok) throw invalidResponse("GET", "/api/Orders/Packages", check.invalid.message);
      out.push(toPackage(check.value));
    });
    if (envelope.rows.length === 0 || out.length >= envelope.totalResults) break;
  }
  return out;
}
