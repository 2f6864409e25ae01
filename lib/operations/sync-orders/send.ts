/**
 * Sending a Sync Orders page to SellerCloud: read the orders back (what SellerCloud already has,
 * someone else's shipment, creation dates), then per order either confirm without a write, send
 * one tracking number with PUT /api/Orders/ShippingStatus, or hand several to the package recipe
 * (packages.ts). A write that may have reached SellerCloud is read back, never repeated blindly.
 */

import type { ShipmentPackage } from "@/db/schema/shipments";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import { isSellerCloudError, type SellerCloudError } from "@/lib/sellercloud/errors";
import { MAX_BEHIND_UTC_MS, toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";
import { formatBodyDate, scDateToDate } from "@/lib/sellercloud/value-formats";
import { normalizeTrackingNumber } from "@/lib/shipments/tracking";
import type { OperationContext } from "../types";
import { SyncFailure, SyncNotice } from "./codes";
import { markShipmentsSending } from "./commit";
import { type Candidate, type OrderGroup, SHIP_DATE_SLACK_MS } from "./model";
import type { SyncOutcomes } from "./outcomes";
import { type OrderSend, sendPackages } from "./packages";

/**
 * The ship date SellerCloud gets: not in the future (now minus `slackMs`, default five minutes)
 * and not before the order's creation in SellerCloud, rounded up to whole seconds. SellerCloud
 * refuses a future ship date or one before the order's creation (reference/sellercloud-api.md §5.1).
 * All three dates are on the same clock: the caller passes the tenant's wall-clock time
 * (tenant-clock.ts toTenantWallClock) and the creation date as SellerCloud wrote it.
 */
export function clampShipDate(entered: Date, now: Date, createdOn: Date | null, slackMs = SHIP_DATE_SLACK_MS): Date {
  let ms = Math.min(entered.getTime(), now.getTime() - slackMs);
  if (createdOn && ms < createdOn.getTime()) ms = createdOn.getTime();
  // SellerCloud compares whole seconds; drop the milliseconds the body would lose anyway.
  return new Date(Math.ceil(ms / 1000) * 1000);
}

/**
 * The ship date sent again after SellerCloud said "Ship Date cannot be in the future" (its clock
 * is behind the channel's time zone setting): `realNow`'s UTC reading minus MAX_BEHIND_UTC_MS,
 * which is in the past on a server in any zone, but never after the date refused nor before the
 * order's creation as SellerCloud wrote it (on its own clock, so never in its future either).
 */
export function safeEarlierShipDate(refused: Date, realNow: Date, createdOn: Date | null): Date {
  let ms = Math.min(refused.getTime() - 1000, realNow.getTime() - MAX_BEHIND_UTC_MS);
  if (createdOn && ms < createdOn.getTime()) ms = createdOn.getTime();
  return new Date(Math.ceil(ms / 1000) * 1000);
}

/** SellerCloud's refusal of a ship date later than its own clock (a 400 with this sentence). */
function isFutureShipDateRefusal(error: SellerCloudError): boolean {
  return error.status === 400 && /ship ?date cannot be in the future/i.test(`${error.message} ${error.body ?? ""}`);
}

const norm = normalizeTrackingNumber;

export interface SendInput {
  ctx: OperationContext;
  groups: OrderGroup[];
  now: Date;
  slackMs: number;
  /** The channel's SellerCloud time zone: ship dates are sent on that clock. */
  timeZone: string;
  outcomes: SyncOutcomes;
}

/**
 * Sends the planned orders, one at a time (the connection's rate limit is the real bound, not
 * latency), after one read-back call per 50 orders (GET /api/Orders by ids, the list shape). Each
 * order's calls are booked on its first shipment. Returns the Conduit order id the page stopped
 * before when the run was aborted (canceled, lease lost), else null.
 *
 * Errors: aborted and auth SellerCloud errors, and anything not a SellerCloudError, are thrown
 * (the runner retries or fails the run); every other SellerCloud error fails only its order.
 */
export async function sendOrders(input: SendInput): Promise<string | null> {
  const { ctx, groups, now, slackMs, timeZone, outcomes } = input;
  const client = await ctx.sellercloud();
  const before = client.callsMade;
  const { orders: scOrders } = await client.getOrdersByIds(
    groups.map((g) => g.scOrderId),
    { signal: ctx.signal },
  );
  outcomes.stats.minimumCalls += Math.ceil(groups.length / 50);
  const byId = new Map(scOrders.map((o) => [o.id, o]));
  outcomes.stats.calls += client.callsMade - before;

  for (const group of groups) {
    // Canceled or lease lost: commit what was answered and resume before this order.
    if (ctx.signal.aborted) return group.orderId;
    const sc = byId.get(group.scOrderId);
    if (!sc) {
      outcomes.fail(group, group.candidates, {
        code: SyncFailure.OrderNotInSellerCloud,
        reason: `SellerCloud returned no order #${group.scOrderId}: it was deleted, or the API user cannot see its company.`,
        retryable: false,
        attempted: true,
      });
      continue;
    }
    const startCalls = client.callsMade;
    await sendGroup({ ctx, client, group, sc, now, slackMs, timeZone, outcomes });
    const used = client.callsMade - startCalls;
    outcomes.stats.calls += used;
    // Calls are booked on the order's first shipment (almost always its only one).
    const first = group.candidates[0];
    if (first) outcomes.addCalls(first, used);
  }
  return null;
}

/** A dry run: each planned order is reported with the numbers it would get, and counted skipped. */
export function describeDryRun(groups: OrderGroup[], outcomes: SyncOutcomes): void {
  for (const group of groups) {
    outcomes.skipped += group.candidates.length;
    const numbers = group.candidates.flatMap((c) =>
      c.packages.filter((p) => !p.scAppliedAt).map((p) => p.trackingNumber),
    );
    outcomes.notice(
      group,
      SyncNotice.DryRun,
      `Dry run: would send ${numbers.join(", ")} to order #${group.scOrderId}.`,
    );
  }
}

interface GroupInput {
  ctx: OperationContext;
  client: SellerCloudClient;
  group: OrderGroup;
  /** The order as read back from SellerCloud. */
  sc: ScOrder;
  now: Date;
  slackMs: number;
  timeZone: string;
  outcomes: SyncOutcomes;
}

async function sendGroup(input: GroupInput): Promise<void> {
  const { ctx, client, group, sc, now, slackMs, timeZone, outcomes } = input;
  const present = new Set([...sc.allTrackingNumbers, sc.trackingNumber ?? ""].filter(Boolean).map(norm));
  // The number as the template sends it (the package's own unless the template changes it).
  const sentNumbers = new Map(group.candidates.flatMap((c) => [...c.values].map(([id, v]) => [id, v.trackingNumber])));
  const tracking = (pkg: ShipmentPackage) => sentNumbers.get(pkg.id) ?? pkg.trackingNumber;
  const valuesOf = (candidate: Candidate, pkg: ShipmentPackage) => candidate.values.get(pkg.id)!;
  const pending: { candidate: Candidate; pkg: ShipmentPackage }[] = [];
  let confirmedByReadBack = 0;
  for (const candidate of group.candidates) {
    for (const pkg of candidate.packages) {
      if (outcomes.isApplied(pkg)) continue;
      if (present.has(norm(tracking(pkg)))) {
        outcomes.apply(pkg, now, null);
        confirmedByReadBack++;
      } else pending.push({ candidate, pkg });
    }
  }

  if (pending.length === 0) {
    if (confirmedByReadBack && group.candidates.some((c) => c.shipment.syncState === "sending")) {
      outcomes.notice(
        group,
        SyncNotice.ConfirmedByReadBack,
        `Order #${group.scOrderId}: SellerCloud already had the tracking number(s) from an earlier, unconfirmed attempt; nothing was sent again.`,
      );
    }
    outcomes.finishSynced(group);
    return;
  }

  const first = pending[0]!;
  const candidatesWithPending = [...new Set(pending.map((p) => p.candidate))];
  const createdOn = scDateToDate(sc.createdOn ?? group.createdOn);
  // The template's ship date is UTC without an offset; the clamp still applies whatever it says.
  // SellerCloud reads it on its own clock: sent as the tenant's wall-clock time.
  const mappedShipDate = new Date(`${valuesOf(first.candidate, first.pkg).shipDate}Z`);
  const shipDateText = formatBodyDate(
    clampShipDate(toTenantWallClock(mappedShipDate, timeZone), toTenantWallClock(now, timeZone), createdOn, slackMs),
  );
  let shipDateMovedBack = false;

  const alreadyShipped = sc.shippingStatus === ShippingStatus.FullyShipped;
  if (alreadyShipped) {
    const ours = group.allPackages.some((p) => outcomes.isApplied(p) || present.has(norm(tracking(p))));
    if (!ours) {
      const theirs = sc.allTrackingNumbers.length
        ? `tracking ${sc.allTrackingNumbers.join(", ")}`
        : "no tracking number";
      outcomes.fail(group, candidatesWithPending, {
        code: SyncFailure.ShippedElsewhere,
        reason: `Order #${group.scOrderId} is already Fully Shipped in SellerCloud (${theirs}), by someone other than Conduit. Conduit did not overwrite it; check the order in SellerCloud, then retry if it should get these tracking numbers too.`,
        retryable: false,
        attempted: true,
        level: "warn",
      });
      outcomes.finishSynced(group);
      return;
    }
  }

  const send: OrderSend = {
    ctx,
    client,
    group,
    sc,
    outcomes,
    pending,
    candidatesWithPending,
    alreadyShipped,
    shipDateText,
    tracking,
    toCall: (candidate, pkg) => ({
      carrier: valuesOf(candidate, pkg).carrier,
      service: valuesOf(candidate, pkg).service,
    }),
    async markSending() {
      const sentDate = send.shipDateText;
      // Committed on its own before the first write: a crash after SellerCloud's success leaves this
      // state behind, and whoever finds it reads the order back instead of sending again.
      await markShipmentsSending(
        ctx.db,
        ctx.runId,
        candidatesWithPending.map((c) => c.shipment.id),
        now,
      );
      for (const c of candidatesWithPending) {
        const values = c.values.values().next().value;
        outcomes.sending(c, { carrier: values?.carrier, service: values?.service, shipDate: sentDate });
      }
    },
    // Sends one write; on an unclear failure reads the order back. True when the number is on the order.
    async write(pkg, candidate, call, packageId) {
      try {
        try {
          await call(send.shipDateText);
        } catch (error) {
          if (shipDateMovedBack || !isSellerCloudError(error) || !isFutureShipDateRefusal(error)) throw error;
          // SellerCloud's clock is behind the channel's time zone: once, an earlier date every zone has passed.
          shipDateMovedBack = true;
          const refused = send.shipDateText;
          send.shipDateText = formatBodyDate(safeEarlierShipDate(new Date(`${refused}Z`), now, createdOn));
          for (const c of candidatesWithPending) {
            const values = c.values.values().next().value;
            outcomes.sending(c, { carrier: values?.carrier, service: values?.service, shipDate: send.shipDateText });
          }
          outcomes.notice(
            group,
            SyncNotice.ShipDateMovedBack,
            `Order #${group.scOrderId}: SellerCloud said ship date ${refused} is in the future (its clock is behind the channel's time zone, ${timeZone}), so Conduit sent ${send.shipDateText} instead. Set the channel's SellerCloud time zone (Orders settings) to the zone SellerCloud runs in so ship dates go exactly.`,
            "warn",
          );
          await call(send.shipDateText);
        }
        outcomes.apply(pkg, now, packageId);
        return true;
      } catch (error) {
        if (!isSellerCloudError(error) || error.kind === "aborted" || error.kind === "auth") throw error;
        if (error.mayHaveApplied) {
          const { orders: back } = await client.getOrdersByIds([group.scOrderId], { signal: ctx.signal });
          if (back[0]?.allTrackingNumbers.some((t) => norm(t) === norm(tracking(pkg)))) {
            outcomes.apply(pkg, now, packageId);
            outcomes.notice(
              group,
              SyncNotice.ConfirmedByReadBack,
              `Order #${group.scOrderId}: SellerCloud did not confirm tracking ${tracking(pkg)} (${error.message}), but reading the order back shows it there; it was not sent again.`,
            );
            return true;
          }
          outcomes.fail(group, [candidate], {
            code: SyncFailure.SellerCloudUnconfirmed,
            reason: `Order #${group.scOrderId}: SellerCloud did not confirm tracking ${tracking(pkg)} (${error.message}). Reading the order back shows it is not there; it will be sent again on the next run.`,
            retryable: true,
            attempted: true,
          });
          return false;
        }
        describeFailure(outcomes, group, [candidate], error);
        return false;
      }
    },
    failWith: (error, list) => describeFailure(outcomes, group, list, error),
  };

  if (!alreadyShipped && pending.length === 1) {
    // One tracking number: the primary call, which marks the order Fully Shipped.
    outcomes.stats.minimumCalls += 1;
    await send.markSending();
    await send.write(
      first.pkg,
      first.candidate,
      (shipDate) =>
        client.updateShippingStatus(
          {
            orderId: group.scOrderId,
            ...send.toCall(first.candidate, first.pkg),
            shipDate,
            trackingNumber: tracking(first.pkg),
          },
          ctx.signal,
        ),
      null,
    );
    outcomes.finishSynced(group);
    return;
  }

  // Several numbers (or more for an order we already shipped): one package each.
  if (await sendPackages(send)) outcomes.finishSynced(group);
}

/** A refused or failed SellerCloud call: retryable errors go again next run, others need a person. */
function describeFailure(outcomes: SyncOutcomes, group: OrderGroup, list: Candidate[], error: SellerCloudError): void {
  if (error.retryable) {
    outcomes.fail(group, list, {
      code: SyncFailure.SellerCloudError,
      reason: `Order #${group.scOrderId}: ${error.message} It will be tried again on the next run.`,
      retryable: true,
      attempted: true,
    });
  } else {
    outcomes.fail(group, list, {
      code: SyncFailure.SellerCloudRefused,
      reason: `SellerCloud refused the update for order #${group.scOrderId}: ${error.message}`,
      retryable: false,
      attempted: true,
    });
  }
}
