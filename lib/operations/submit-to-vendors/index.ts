/**
 * Submit to Vendors (issue 18): sends each imported, unshipped, not canceled order's lines to the
 * vendors the channel's routing rules choose, one fulfillment request per vendor per order.
 *
 * A run has three phases, each a series of pages committed whole by the runner:
 *  1. cancel (cancel.ts): open requests of orders Get Orders has since seen canceled in SellerCloud
 *     are canceled; vendors that had them get a cancel notice in phase 3.
 *  2. place (plan.ts): orders with lines in no request are routed (lib/vendors/routing.ts); new
 *     requests and lines are written, unplaced lines held with their reason. Nothing is sent yet.
 *  3. deliver (deliver.ts): pending requests and cancel notices go out by webhook or email; pull
 *     vendors fetch theirs. A request is marked delivered only after the vendor accepted it.
 * Exactly once per order line and vendor: a line belongs to at most one request (unique key), a
 * re-run finds nothing new to place, and a re-sent webhook carries the same webhook-id.
 * A dry run says what phases 1 and 2 would do and sends nothing.
 */

import { activeVendorNames } from "@/lib/vendors/vendors";
import type { DeliverySeams } from "@/lib/vendors/deliver";
import { loadRoutingRules } from "@/lib/vendors/routing-rules";
import { loadOperationSettings } from "../shared/operation-settings";
import type { OperationModule, PageOutcome } from "../types";
import { canceledInSellerCloud, planCancellations } from "./cancel";
import { deliverDue, selectDue } from "./deliver";
import { planOrders, selectOrdersToPlace } from "./plan";

export { MAX_DELIVERY_ATTEMPTS, retryFailedDeliveries } from "./deliver";

export interface SubmitToVendorsCursor {
  phase: "cancel" | "place" | "deliver";
  /**
   * Keyset: the cancel phase's last SellerCloud order ID read back, the place phase's order id or
   * the deliver phase's request id.
   */
  after: string | null;
}

export interface SubmitToVendorsOptions extends DeliverySeams {
  /** Orders routed per page (default 50). */
  pageOrders?: number;
  /** Deliveries sent per page (default 20). */
  pageDeliveries?: number;
  /** Orders read back from SellerCloud and requests canceled per cancel page (default 200). */
  pageCancels?: number;
  /** Jitter source of the retry backoff (tests pass a constant). */
  random?: () => number;
}

/**
 * The module. Counts: fetched = orders routed plus deliveries tried; created = requests created;
 * updated = requests delivered, cancel notices sent and requests canceled; skipped = orders left
 * with held lines plus deliveries waiting for a retry; failed = deliveries given up.
 *
 * Errors: AppError NOT_FOUND (channel gone). Delivery failures never throw: they are events.
 */
export function createSubmitToVendorsModule(
  options: SubmitToVendorsOptions = {},
): OperationModule<SubmitToVendorsCursor> {
  const pageOrders = options.pageOrders ?? 50;
  const pageDeliveries = options.pageDeliveries ?? 20;
  const pageCancels = options.pageCancels ?? 200;
  return {
    operation: "submit_to_vendors",
    async runPage(ctx, cursor): Promise<PageOutcome<SubmitToVendorsCursor>> {
      await loadOperationSettings(ctx.db, ctx, "submit_to_vendors");
      const now = ctx.now();
      const phase = cursor?.phase ?? "cancel";

      if (phase === "cancel") {
        // Each cancel page reads back the next slice of orders with open requests (keyset: the
        // SellerCloud order ID in `after`), then cancels the requests of those SellerCloud has Canceled.
        const after = cursor?.phase === "cancel" && cursor.after !== null ? Number(cursor.after) : null;
        const check = await canceledInSellerCloud(ctx.db, ctx, pageCancels, after);
        const result = await planCancellations(ctx.db, ctx, pageCancels, now, check.canceled);
        // More than a page of requests to cancel: the same slice again (the canceled ones are gone from it).
        const moreToCancel = !ctx.dryRun && result.canceled === pageCancels;
        const nextCursor: SubmitToVendorsCursor = moreToCancel
          ? { phase: "cancel", after: after === null ? null : String(after) }
          : check.full
            ? { phase: "cancel", after: String(check.last) }
            : { phase: "place", after: null };
        return {
          nextCursor,
          done: false,
          counts: { updated: ctx.dryRun ? 0 : result.canceled, skipped: ctx.dryRun ? result.canceled : 0 },
          events: result.events,
          progressLabel: `Canceled orders: ${result.canceled} request(s) ${ctx.dryRun ? "would be " : ""}canceled`,
          ...(ctx.dryRun ? {} : { commit: result.commit }),
        };
      }

      if (phase === "place") {
        const orderIds = await selectOrdersToPlace(ctx.db, ctx, cursor?.after ?? null, pageOrders);
        if (orderIds.length === 0) {
          return {
            nextCursor: { phase: "deliver", after: null },
            done: ctx.dryRun,
            progressLabel: ctx.dryRun ? "Dry run: nothing was sent" : "Routing done; delivering",
          };
        }
        const [rules, vendors] = await Promise.all([
          loadRoutingRules(ctx.db, ctx),
          activeVendorNames(ctx.db, ctx.workspaceId),
        ]);
        const plan = await planOrders(ctx.db, ctx, orderIds, rules, vendors, now);
        const last = orderIds[orderIds.length - 1]!;
        const more = orderIds.length === pageOrders;
        return {
          nextCursor: more ? { phase: "place", after: last } : { phase: "deliver", after: null },
          done: ctx.dryRun && !more,
          counts: {
            fetched: orderIds.length,
            created: ctx.dryRun ? 0 : plan.requestsCreated,
            skipped: plan.ordersHeld + (ctx.dryRun ? plan.requestsCreated : 0),
          },
          events: plan.events,
          progressLabel: `Routing: ${orderIds.length} order(s), ${plan.requestsCreated} request(s) ${ctx.dryRun ? "would be " : ""}created, ${plan.ordersHeld} with held lines`,
          ...(ctx.dryRun ? {} : { commit: plan.commit }),
        };
      }

      const due = await selectDue(ctx.db, ctx, cursor?.after ?? null, pageDeliveries, now);
      if (due.length === 0)
        return { nextCursor: { phase: "deliver", after: null }, done: true, progressLabel: "Nothing left to deliver" };
      const result = await deliverDue(ctx.db, ctx, due, now, options);
      const tried = result.delivered + result.retrying + result.failed;
      // Stopped early (canceled or shutting down): resume after the last one tried.
      const last = due[Math.max(0, tried - 1)]!.request.id;
      return {
        nextCursor: { phase: "deliver", after: tried ? last : (cursor?.after ?? null) },
        done: tried === due.length && due.length < pageDeliveries,
        counts: { fetched: tried, updated: result.delivered, skipped: result.retrying, failed: result.failed },
        events: result.events,
        progressLabel: `Delivering: ${result.delivered} delivered, ${result.retrying} to retry, ${result.failed} failed`,
        commit: result.commit,
      };
    },
  };
}

/** The app's Submit to Vendors module (default options). */
export const submitToVendorsModule = createSubmitToVendorsModule();
