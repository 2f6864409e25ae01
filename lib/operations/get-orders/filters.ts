import { scDateToDate, type ScOrder } from "@/lib/sellercloud/transform";

/**
 * Trust nothing the server returns: every order a list page holds is checked against the filters
 * Get Orders asked for (company, order status, dropship status, created-on window; see
 * paging.ts toQuery). A SellerCloud list that silently drops a filter (seen in public bug reports
 * of SellerCloud integrations) would otherwise import orders of another company or in Completed /
 * Canceled statuses. Orders that do not match are not imported; the run counts them and says so
 * once (./notes.ts).
 */

/** The filters of GET /api/Orders that Get Orders sets (model.companyID, orderStatus, dropShipStatus, createdOnFrom/To). */
export type ListFilter = "company" | "orderStatus" | "dropshipStatus" | "createdOn";

/** What the run asked for: the cursor's filters and window. */
export interface AskedFilters {
  filters: { companyId: number; orderStatus: number; dropshipStatus: number | null };
  window: { from: string; to: string };
}

/**
 * Slack on the created-on window: SellerCloud's dates are wall-clock times in a zone it does not
 * document (issue 13 §3), so an order is only outside the window when it is outside by more than
 * the largest UTC offset (14 hours). The window itself already reaches a day past the settings.
 */
export const CREATED_ON_SLACK_MS = 14 * 3_600_000;

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
  const created = scDateToDate(order.createdOn)?.getTime();
  if (
    created !== undefined &&
    (created < Date.parse(asked.window.from) - CREATED_ON_SLACK_MS ||
      created > Date.parse(asked.window.to) + CREATED_ON_SLACK_MS)
  )
    missed.push("createdOn");
  return missed;
}

/** How a person reads each filter a row missed, for the run's one summary sentence. */
export const FILTER_WORDS: Record<ListFilter, string> = {
  company: "of another company",
  orderStatus: "in another order status",
  dropshipStatus: "with another dropship status",
  createdOn: "created outside the date window",
};
