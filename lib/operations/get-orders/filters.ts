/**
 * Trust nothing the server returns: every order a list page holds is checked against the filters
 * Get Orders asked for (company, order status, dropship status, created-on window; see
 * paging.ts toQuery). A SellerCloud list that silently drops a filter (seen in public bug reports
 * of SellerCloud integrations) would otherwise import orders of another company or in Completed /
 * Canceled statuses. Orders that do not match are not imported; the run counts them and says so
 * once (./notes.ts).
 */
import { DEFAULT_TENANT_TIME_ZONE, toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";
import { scDateToDate } from "@/lib/sellercloud/value-formats";

/** The filters of GET /api/Orders that Get Orders sets (model.companyID, orderStatus, dropShipStatus, createdOnFrom/To). */
export type ListFilter = "company" | "orderStatus" | "dropshipStatus" | "createdOn";

/** What the run asked for, ready to compare: the filters and the created-on window as wall-clock ms. */
export interface AskedFilters {
  filters: { companyId: number; orderStatus: number; dropshipStatus: number | null };
  /** The window's ends on SellerCloud's wall clock, widened by CREATED_ON_SLACK_MS. */
  createdFrom: number;
  createdTo: number;
}

/**
 * Slack on the created-on window. The window is compared as sent, on SellerCloud's wall clock
 * (paging.ts toQuery: the channel's time zone), with CreatedOn, also its wall clock. Whether
 * SellerCloud filters on the same clock it prints is undocumented (issue 13 §3), so an order is
 * only outside the window when it is outside by more than the largest UTC offset (14 hours); the
 * window itself already reaches a day past the settings.
 */
export const CREATED_ON_SLACK_MS = 14 * 3_600_000;

/** The cursor's filters and window (instants, sent in `timeZone`) as AskedFilters; once per page. */
export function askedFilters(cursor: {
  filters: AskedFilters["filters"];
  window: { from: string; to: string };
  timeZone?: string;
}): AskedFilters {
  const zone = cursor.timeZone ?? DEFAULT_TENANT_TIME_ZONE;
  return {
    filters: cursor.filters,
    createdFrom: toTenantWallClock(new Date(cursor.window.from), zone).getTime() - CREATED_ON_SLACK_MS,
    createdTo: toTenantWallClock(new Date(cursor.window.to), zone).getTime() + CREATED_ON_SLACK_MS,
  };
}

/**
 * The filters `order` does not match, in ListFilter order; empty when it matches all. A field the
 * record does not carry (a null CreatedOn or Dropship) cannot contradict a filter and passes.
 */
export function filtersMissed(order: ScOrder, asked: AskedFilters): ListFilter[] {
  const missed: ListFilter[] = [];
  const { companyId, orderStatus, dropshipStatus } = asked.filters;
  if (order.companyId !== companyId) missed.push("company");
  if (order.statusCode !== orderStatus) missed.push("orderStatus");
  if (dropshipStatus !== null && order.dropshipStatus !== null && order.dropshipStatus !== dropshipStatus)
    missed.push("dropshipStatus");
  // CreatedOn read as a wall-clock Date (UTC fields = SellerCloud's local time), like the window.
  const created = scDateToDate(order.createdOn)?.getTime();
  if (created !== undefined && (created < asked.createdFrom || created > asked.createdTo)) missed.push("createdOn");
  return missed;
}

/** How a person reads each filter a row missed, for the run's one summary sentence. */
export const FILTER_WORDS: Record<ListFilter, string> = {
  company: "of another company",
  orderStatus: "in another order status",
  dropshipStatus: "with another dropship status",
  createdOn: "created outside the date window",
};
