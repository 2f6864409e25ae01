/**
 * The package recipe for an order with several tracking numbers (or one more for an order already
 * shipped): read the order's packages (GET /api/Orders/Packages), create enough while the order
 * is unshipped (POST /api/Orders/{orderID}/Shipping/Packages replaces every package and must
 * assign every item), then one PUT /api/Orders/ShippingStatus/SinglePackage per package, with that
 * call's own field names. Source: reference/sellercloud-api.md §5.2 and §5.3 (the recipe).
 */

import type { ShipmentPackage } from "@/db/schema/shipments";
import type { NewPackageInput, SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError, type SellerCloudError } from "@/lib/sellercloud/errors";
import type { ScOrder } from "@/lib/sellercloud/transform";
import type { OperationContext } from "../types";
import { SyncFailure } from "./codes";
import type { Candidate, OrderGroup } from "./model";
import type { SyncOutcomes } from "./outcomes";

/**
 * Assigns every unit of the order to one of `count` packages (SellerCloud wants all items
 * assigned). Units the shipments placed on a package (`preset`, by SellerCloud item id) go there;
 * the rest are spread round-robin. Items are SellerCloud order item ids with quantities in units.
 */
export function allocatePackages(
  items: readonly { id: number; qty: number }[],
  count: number,
  preset: readonly (readonly { id: number; qty: number }[] | null | undefined)[] = [],
): NewPackageInput[] {
  const perPackage = Array.from({ length: count }, () => new Map<number, number>());
  const left = new Map(items.map((i) => [i.id, i.qty]));
  preset.slice(0, count).forEach((wanted, target) => {
    for (const w of wanted ?? []) {
      const qty = Math.min(w.qty, left.get(w.id) ?? 0);
      if (qty <= 0) continue;
      perPackage[target]!.set(w.id, (perPackage[target]!.get(w.id) ?? 0) + qty);
      left.set(w.id, (left.get(w.id) ?? 0) - qty);
    }
  });
  let k = 0;
  for (const item of items) {
    for (let unit = 0; unit < (left.get(item.id) ?? 0); unit++) {
      const target = perPackage[k++ % count]!;
      target.set(item.id, (target.get(item.id) ?? 0) + 1);
    }
  }
  return perPackage.map((m) => ({ items: [...m].map(([orderItemId, qty]) => ({ orderItemId, qty })) }));
}

/** One order's send in progress, built by send.ts. */
export interface OrderSend {
  ctx: OperationContext;
  client: SellerCloudClient;
  group: OrderGroup;
  /** The order as read back from SellerCloud. */
  sc: ScOrder;
  outcomes: SyncOutcomes;
  /** Packages SellerCloud does not have yet, in send order. */
  pending: { candidate: Candidate; pkg: ShipmentPackage }[];
  candidatesWithPending: Candidate[];
  /** SellerCloud shows the order Fully Shipped (with some of our numbers). */
  alreadyShipped: boolean;
  /** The clamped ship date in SellerCloud's body format. */
  shipDateText: string;
  /** The number the template sends for a package. */
  tracking(pkg: ShipmentPackage): string;
  /** The template's SellerCloud carrier and service for a package. */
  toCall(candidate: Candidate, pkg: ShipmentPackage): { carrier: string; service: string };
  /** Marks the shipments "sending" in their own statement, before the first write. */
  markSending(): Promise<void>;
  /** One write; on an unclear failure reads the order back. True when the number is on the order. */
  write(
    pkg: ShipmentPackage,
    candidate: Candidate,
    call: () => Promise<void>,
    packageId: number | null,
  ): Promise<boolean>;
  /** Fails `list` for a SellerCloud error (sellercloud_error when retryable, else sellercloud_refused). */
  failWith(error: SellerCloudError, list: Candidate[]): void;
}

/**
 * Sends every pending number of the order on its own package. Returns false when it stopped
 * before any write (packages could not be read or created; the shipments are failed), true when
 * the caller should mark what SellerCloud now has as synced.
 */
export async function sendPackages(send: OrderSend): Promise<boolean> {
  const { ctx, client, group, sc, outcomes, pending, candidatesWithPending, alreadyShipped, tracking } = send;
  const first = pending[0]!;
  outcomes.stats.minimumCalls += 1 + pending.length;
  let packages = await readPackages(send);
  if (!packages) return false;
  let free = packages.filter((p) => !p.trackingNumber?.trim());
  if (free.length < pending.length && !alreadyShipped) {
    // Creating packages replaces all of them; only allowed while the order is unshipped.
    outcomes.stats.minimumCalls += 2;
    await send.markSending();
    try {
      await client.createShippingPackages(
        group.scOrderId,
        allocatePackages(
          sc.items.map((i) => ({ id: i.id, qty: i.qty })),
          pending.length,
          pending.map(({ pkg }) =>
            pkg.items?.flatMap((i) => {
              const id = group.scItemIds.get(i.orderItemId);
              return id === undefined ? [] : [{ id, qty: i.quantity }];
            }),
          ),
        ),
        ctx.signal,
      );
    } catch (error) {
      if (!isSellerCloudError(error) || error.kind === "aborted" || error.kind === "auth") throw error;
      // A repeat would replace the packages again, which is harmless before any tracking is on them.
      send.failWith(error, candidatesWithPending);
      return false;
    }
    packages = await readPackages(send);
    if (!packages) return false;
    free = packages.filter((p) => !p.trackingNumber?.trim());
  }
  if (!outcomes.isSending(first.candidate)) await send.markSending();

  for (let i = 0; i < pending.length; i++) {
    const { pkg, candidate } = pending[i]!;
    const target = free[i];
    if (!target) {
      outcomes.fail(group, [candidate], {
        code: SyncFailure.NoFreePackage,
        reason: `Order #${group.scOrderId} is already Fully Shipped in SellerCloud and has no empty package left for tracking ${tracking(pkg)}; SellerCloud cannot add packages to a shipped order. Add the number in SellerCloud by hand (or unship the order there), then retry.`,
        retryable: false,
        attempted: true,
      });
      continue;
    }
    const ok = await send.write(
      pkg,
      candidate,
      () =>
        client.updateSinglePackageTracking(
          {
            orderId: group.scOrderId,
            packageId: target.id,
            trackingNumber: tracking(pkg),
            ...send.toCall(candidate, pkg),
            // SellerCloud ignores ShipDate once the order is shipped.
            shipDate: alreadyShipped ? undefined : send.shipDateText,
          },
          ctx.signal,
        ),
      target.id,
    );
    // After an unclear or refused write the rest of this order waits for the next attempt.
    if (!ok) {
      const rest = pending
        .slice(i + 1)
        .map((p) => p.candidate)
        .filter((c) => !outcomes.isFailed(c));
      if (rest.length)
        outcomes.fail(group, [...new Set(rest)], {
          code: SyncFailure.StoppedAfterFailure,
          reason: `Order #${group.scOrderId}: the remaining tracking numbers were not sent after the failure above; they go on the next run.`,
          retryable: true,
          attempted: true,
        });
      break;
    }
  }
  return true;
}

/** The order's SellerCloud packages by id; null (and the shipments failed) when they cannot be read. */
async function readPackages(send: OrderSend) {
  const { client, group, ctx, outcomes, candidatesWithPending } = send;
  try {
    const list = await client.getOrderPackages(group.scOrderId, ctx.signal);
    return [...list].sort((a, b) => a.id - b.id);
  } catch (error) {
    if (!isSellerCloudError(error) || error.kind === "aborted" || error.kind === "auth") throw error;
    outcomes.fail(group, candidatesWithPending, {
      code: SyncFailure.SellerCloudError,
      reason: `Order #${group.scOrderId}: could not read its packages from SellerCloud (${error.message}); it will be tried again on the next run.`,
      retryable: error.retryable,
      attempted: true,
    });
    return null;
  }
}
