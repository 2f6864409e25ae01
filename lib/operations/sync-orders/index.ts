/**
 * Sync Orders: sends the channel's unsent shipments to SellerCloud, one page of orders at a time.
 * This file is the page (runPage); the steps live beside it: plan.ts (which shipments are due),
 * load.ts (the page's rows), send.ts and packages.ts (the SellerCloud calls), outcomes.ts (what
 * the page decided), commit.ts (the writes), codes.ts (failure and event codes).
 *
 * SellerCloud has no partial shipments: any tracking update marks the whole order Fully Shipped.
 * One tracking number goes with PUT /api/Orders/ShippingStatus. Several follow the reference's
 * recipe: read the packages, create enough of them while the order is unshipped (that call
 * replaces all packages and must assign every item), then one PUT .../ShippingStatus/SinglePackage
 * per package, with that call's own field names.
 *
 * Sent once
 * ---------
 * Every page first reads its orders back from SellerCloud in the list shape (50 per call). A
 * tracking number SellerCloud already has is marked sent without a write, which covers a run that
 * crashed between SellerCloud's success and our commit (its shipments are left "sending") and a
 * second run over the same shipments. Before the first write of an order its shipments are marked
 * "sending" in their own statement, so that state survives a crash. A write that fails in a way
 * that may have reached SellerCloud (timeout, dropped connection, 5xx) is never repeated blindly:
 * the order is read back and the number counts as sent if it is there. An order SellerCloud shows
 * Fully Shipped with none of our numbers was shipped by someone else: reported, not overwritten.
 */

import { loadOperationSettings } from "../shared/operation-settings";
import { loadPinnedTemplate, pinTemplateVersion } from "../shared/pinned-template";
import type { OperationModule, PageOutcome } from "../types";
import { SyncFailure, SyncNotice } from "./codes";
import { commitPage } from "./commit";
import { loadGroups } from "./load";
import { MAX_AUTO_ATTEMPTS, SHIP_DATE_SLACK_MS, type SyncOrdersCursor, type SyncOrdersOptions } from "./model";
import { SyncOutcomes } from "./outcomes";
import { isDue, planSends, retryScope, selectPageOrderIds } from "./plan";
import { describeDryRun, sendOrders } from "./send";

export {
  type SyncEventCode,
  SyncFailure,
  type SyncFailureCode,
  SyncNotice,
  type SyncNoticeCode,
  shippingSettingsPath,
  syncTemplatesPath,
} from "./codes";
export { findShippingMapping } from "./load";
export { MAX_AUTO_ATTEMPTS, SHIP_DATE_SLACK_MS, type SyncOrdersCursor, type SyncOrdersOptions } from "./model";
export { allocatePackages, unitsToPack } from "./packages";
export { clampShipDate, safeEarlierShipDate } from "./send";

/**
 * The Sync Orders module. Each page takes up to `pageOrders` orders with due shipments (keyset on
 * the Conduit order id), plans them without calls, sends them (unless a dry run) and returns their
 * counts: fetched = shipments considered, updated = synced, failed, skipped = waiting or dry run.
 *
 * Errors: AppError NOT_FOUND (channel gone) or VALIDATION (the pinned template no longer
 * validates); SellerCloud auth/abort errors propagate to the runner; other SellerCloud errors
 * fail only their order (see codes.ts).
 */
export function createSyncOrdersModule(options: SyncOrdersOptions = {}): OperationModule<SyncOrdersCursor> {
  const pageOrders = options.pageOrders ?? 50;
  const slackMs = options.shipDateSlackMs ?? SHIP_DATE_SLACK_MS;
  const maxAttempts = options.maxAutoAttempts ?? MAX_AUTO_ATTEMPTS;

  return {
    operation: "sync_orders",
    async runPage(ctx, cursor): Promise<PageOutcome<SyncOrdersCursor>> {
      const settings = await loadOperationSettings(ctx.db, ctx, "sync_orders");
      const isFirstPage = cursor?.templateVersionId === undefined;
      const templateVersionId = isFirstPage
        ? await pinTemplateVersion(ctx, "sync_orders")
        : (cursor?.templateVersionId ?? null);
      const retryOrderIds = retryScope(ctx.input);

      const afterOrderId = cursor?.afterOrderId ?? null;
      const orderIds = await selectPageOrderIds(ctx, afterOrderId, { pageOrders, maxAttempts, retryOrderIds });
      if (orderIds.length === 0) {
        return {
          nextCursor: { afterOrderId, templateVersionId },
          done: true,
          progressLabel: "No shipments left to send",
        };
      }
      const loaded = await loadGroups(
        ctx.db,
        ctx.workspaceId,
        orderIds,
        isDue(maxAttempts, retryOrderIds),
        settings.mappings,
      );
      const template = await loadPinnedTemplate(ctx.db, ctx.workspaceId, "sync_orders", templateVersionId);
      const outcomes = new SyncOutcomes();
      const now = ctx.now();

      // 1. Without calls: carrier mappings, the template, and orders that wait for the rest of their items.
      const toSend = planSends({
        ctx,
        loaded,
        template: template.compiled,
        partialShipments: settings.partialShipments,
        retryOrderIds,
        maxAttempts,
        outcomes,
      });
      // 2. Read back and send (or, in a dry run, say what would be sent).
      let stoppedBefore: string | null = null;
      if (toSend.length && !ctx.dryRun)
        stoppedBefore = await sendOrders({ ctx, groups: toSend, now, slackMs, timeZone: settings.timeZone, outcomes });
      else if (toSend.length) describeDryRun(toSend, outcomes);

      const { synced, failed } = outcomes.tally();
      const { calls, minimumCalls } = outcomes.stats;
      const lastOrderId = stoppedBefore
        ? (orderIds[orderIds.indexOf(stoppedBefore) - 1] ?? afterOrderId)
        : orderIds[orderIds.length - 1]!;
      const done = !stoppedBefore && orderIds.length < pageOrders;
      const checkedOut = [...outcomes.updates.values()].filter(
        (u) => u.code === SyncFailure.UnmappedCarrier || u.code === SyncFailure.MappingError,
      ).length;
      const fetched = loaded.groups.reduce((n, g) => n + g.candidates.length, 0) + checkedOut;
      if (calls > 0) {
        outcomes.events.push({
          level: "info",
          entity: "page",
          code: SyncNotice.Calls,
          message: callsMessage(synced, calls, minimumCalls),
          details: { calls, minimumCalls, synced, failed },
        });
      }

      return {
        nextCursor: { afterOrderId: lastOrderId, templateVersionId },
        done,
        counts: { fetched, updated: synced, failed, skipped: outcomes.skipped },
        events: outcomes.events,
        progressLabel: `${synced} synced, ${failed} failed, ${outcomes.skipped} waiting; ${calls} calls`,
        commit: (tx) => commitPage(tx, ctx, outcomes, now, isFirstPage ? templateVersionId : null),
      };
    },
  };
}

/**
 * The page's calls sentence: the calls made against those its work needed (booked as each read,
 * create and write is made); the difference is sign-ins, retries and read-backs after unclear answers.
 */
export function callsMessage(synced: number, calls: number, needed: number): string {
  const made = `${synced} shipment(s) sent or confirmed with ${calls} SellerCloud call(s)`;
  const extra = calls - needed;
  return extra > 0
    ? `${made}: ${needed} for the work itself and ${extra} more for signing in, retries or reading orders back after unclear answers.`
    : `${made}, the fewest this work needs.`;
}

/** The app's Sync Orders module (default options). */
export const syncOrdersModule = createSyncOrdersModule();
