/**
 * Which shipments a Sync Orders page sends, decided without SellerCloud calls: the candidate
 * filter (pending, in flight, or failed and due for a retry), the page's orders, then per order
 * the carrier-mapping and template checks and "wait until the rest of the order is shipped".
 */

import { and, asc, eq, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import { anyOf } from "@/db/any-of";
import { orders } from "@/db/schema/orders";
import { type Shipment, shipments } from "@/db/schema/shipments";
import type { OrderSettings } from "@/lib/channels/settings";
import type { CompiledSyncTemplate } from "@/lib/mapping/sync-evaluate";
import type { OperationContext } from "../types";
import { SyncFailure, SyncNotice, shippingSettingsPath, syncTemplatesPath } from "./codes";
import type { LoadedPage } from "./load";
import type { Candidate, OrderGroup } from "./model";
import type { SyncOutcomes } from "./outcomes";

/** SellerCloud order ids named by a "retry failed items" run (its events' entity ids, `input.entityIds`). */
export function retryScope(input: Record<string, unknown>): number[] {
  const ids = Array.isArray(input.entityIds) ? input.entityIds : [];
  return ids.map((id) => Number(id)).filter((id) => Number.isInteger(id) && id > 0);
}

/**
 * The candidate filter in memory (the same rule as selectPageOrderIds' SQL): pending, "sending"
 * (an earlier run's unanswered write, read back before anything is sent), or failed and retried
 * automatically (retryable, under `maxAttempts`). A retry run ("Retry failed items") takes the
 * failed shipments of its named orders and nothing else: it does exactly what it says.
 */
export function isDue(maxAttempts: number, retryOrderIds: readonly number[]) {
  if (retryOrderIds.length > 0) return (s: Shipment) => s.syncState === "failed";
  return (s: Shipment) =>
    s.syncState === "pending" ||
    s.syncState === "sending" ||
    (s.syncState === "failed" && s.retryable && s.attempts < maxAttempts);
}

/**
 * The next page's Conduit order ids (ascending, after `afterOrderId`, at most `pageOrders`): orders
 * of the channel with a due shipment. A "retry failed items" run takes only the named orders with
 * a failed shipment (other orders' pending shipments wait for an ordinary run).
 */
export async function selectPageOrderIds(
  ctx: OperationContext,
  afterOrderId: string | null,
  options: { pageOrders: number; maxAttempts: number; retryOrderIds: readonly number[] },
): Promise<string[]> {
  const { pageOrders, maxAttempts, retryOrderIds } = options;
  const wanted = or(
    inArray(shipments.syncState, ["pending", "sending"]),
    and(eq(shipments.syncState, "failed"), eq(shipments.retryable, true), sql`${shipments.attempts} < ${maxAttempts}`),
  ) as SQL;
  const conditions: SQL[] = [eq(shipments.workspaceId, ctx.workspaceId), eq(shipments.channelId, ctx.channelId)];
  if (afterOrderId) conditions.push(gt(shipments.orderId, afterOrderId));
  const retryCondition = retryOrderIds.length
    ? and(
        eq(shipments.syncState, "failed"),
        inArray(
          shipments.orderId,
          ctx.db
            .select({ id: orders.id })
            .from(orders)
            .where(and(eq(orders.workspaceId, ctx.workspaceId), anyOf(orders.sellercloudOrderId, retryOrderIds))),
        ),
      )
    : undefined;
  const rows = await ctx.db
    .selectDistinct({ orderId: shipments.orderId })
    .from(shipments)
    .where(and(...conditions, retryCondition ?? wanted))
    .orderBy(asc(shipments.orderId))
    .limit(pageOrders);
  return rows.map((r) => r.orderId);
}

export interface PlanInput {
  ctx: OperationContext;
  loaded: LoadedPage;
  template: CompiledSyncTemplate;
  partialShipments: OrderSettings["partialShipments"];
  retryOrderIds: readonly number[];
  maxAttempts: number;
  outcomes: SyncOutcomes;
}

/**
 * The orders to send. Trims each group's candidates in place: outside the named orders of a retry
 * run, failures that need a person stay put; an unmapped carrier or a template that cannot map a
 * package fails the shipment (unmapped_carrier, mapping_error: retryable, no attempt); an order
 * only partly fulfilled waits (counted skipped) when the channel says "wait", unless a write of it
 * is already in flight.
 */
export function planSends(input: PlanInput): OrderGroup[] {
  const { ctx, loaded, template, partialShipments, retryOrderIds, maxAttempts, outcomes } = input;
  const retryIdSet = new Set(retryOrderIds);
  for (const group of loaded.groups) {
    // Outside a retry run, a failure that needs a person stays put.
    if (retryOrderIds.length && !retryIdSet.has(group.scOrderId)) {
      group.candidates = group.candidates.filter(
        (c) => c.shipment.syncState !== "failed" || (c.shipment.retryable && c.shipment.attempts < maxAttempts),
      );
    }
  }

  const toSend: OrderGroup[] = [];
  for (const group of loaded.groups) {
    if (!group.candidates.length) continue;
    for (const c of group.candidates.filter((c) => !c.mapping)) {
      outcomes.fail(group, [c], {
        code: SyncFailure.UnmappedCarrier,
        reason: `Order #${group.scOrderId}: carrier "${c.shipment.carrier}"${c.shipment.service ? ` with service "${c.shipment.service}"` : ""} has no SellerCloud carrier mapped. Add it in the channel's shipping mappings (${shippingSettingsPath(ctx.channelId)}); the shipment is sent on the next run after that.`,
        retryable: true,
        attempted: false,
      });
    }
    group.candidates = group.candidates.filter((c) => c.mapping);
    for (const c of group.candidates) {
      const problem = mapCandidate(template, group, c);
      if (problem)
        outcomes.fail(group, [c], {
          code: SyncFailure.MappingError,
          reason: `Order #${group.scOrderId}: the Sync Orders template could not map tracking ${problem.trackingNumber}. ${problem.messages.join(" ")} Fix the template (${syncTemplatesPath(ctx.channelId)}) or the shipment; it is sent on the next run after that.`,
          retryable: true,
          attempted: false,
        });
    }
    group.candidates = group.candidates.filter((c) => !outcomes.isFailed(c));
    if (!group.candidates.length) continue;
    const inFlight = group.candidates.some((c) => c.shipment.syncState === "sending");
    if (partialShipments === "wait" && !inFlight && !loaded.complete.get(group.orderId)) {
      outcomes.skipped += group.candidates.length;
      outcomes.notice(
        group,
        SyncNotice.WaitingForRest,
        `Order #${group.scOrderId} is only partly fulfilled; waiting for shipments of the remaining items (the channel's setting is "wait until complete").`,
      );
      continue;
    }
    toSend.push(group);
  }
  return toSend;
}

/**
 * Maps each package of a shipment through the template into `candidate.values`. Returns the
 * first package's problems (field and reason) when any package cannot be mapped, including an
 * Order ID that is not this order's SellerCloud id.
 */
function mapCandidate(
  template: CompiledSyncTemplate,
  group: OrderGroup,
  candidate: Candidate,
): { trackingNumber: string; messages: string[] } | null {
  const { shipment, packages, mapping } = candidate;
  for (const pkg of packages) {
    const result = template.map({
      order: { sellercloudOrderId: group.scOrderId, orderSourceOrderId: group.orderSourceOrderId },
      shipment: {
        carrier: mapping?.sellercloudCarrier ?? "",
        service: mapping?.sellercloudService ?? "",
        conduitCarrier: shipment.carrier,
        conduitService: shipment.service,
        trackingNumber: pkg.trackingNumber,
        trackingNumbers: packages.map((p) => p.trackingNumber),
        // Whole seconds up, as the clamp rounds: the default template sends exactly what it did before.
        shipDate: new Date(Math.ceil(shipment.shipDate.getTime() / 1000) * 1000).toISOString(),
      },
    });
    if (!result.ok) return { trackingNumber: pkg.trackingNumber, messages: result.issues.map((i) => `${i.message}.`) };
    if (result.values.orderId !== group.scOrderId)
      return {
        trackingNumber: pkg.trackingNumber,
        messages: [
          `Sync Orders template, Order ID: came out as ${result.values.orderId}, not this order's SellerCloud ID ${group.scOrderId}; Conduit only sends an order's tracking to that order.`,
        ],
      };
    candidate.values.set(pkg.id, result.values);
  }
  return null;
}
