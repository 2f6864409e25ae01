/**
 * The package recipe for an order with several tracking numbers (or one more for an order already
 * shipped): read the order's packages (GET /api/Orders/Packages), create enough while the order
 * is unshipped (POST /api/Orders/{orderID}/Shipping/Packages replaces every package and must
 * assign every item), then one PUT /api/Orders/ShippingStatus/SinglePackage per package, with that
 * call's own field names. Source: reference/sellercloud-api.md §5.2 and §5.3 (the recipe).
 */

import type { ShipmentPackage } from "@/db/schema/shipments";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import type { NewPackageInput } from "@/lib/sellercloud/client-bodies";
import { isSellerCloudError, type SellerCloudError } from "@/lib/sellercloud/errors";
import type { ScOrder } from "@/lib/sellercloud/transform-orders";
import type { OperationContext } from "../types";
import { SyncFailure } from "./codes";
import type { Candidate, OrderGroup } from "./model";
import type { SyncOutcomes } from "./outcomes";

/** An order line as SellerCloud has it: its SellerCloud item id, units, and kit items if it is a kit. */
export interface AllocatableItem {
  id: number;
  qty: number;
  /** A kit's children (ScOrderItem.kitItems): each is assigned in its own units. */
  kitItems?: readonly { productId: string; qtyPerKit: number; totalQty: number }[];
}

/**
 * The units the order has to put in packages: a plain line counts its quantity, a kit line the
 * total units of its kit items (SellerCloud assigns kits through their children).
 */
export function unitsToPack(items: readonly AllocatableItem[]): number {
  return items.reduce(
    (n, item) =>
      n +
      (item.kitItems?.length ? item.kitItems.reduce((k, c) => k + Math.max(0, c.totalQty), 0) : Math.max(0, item.qty)),
    0,
  );
}

/**
 * Assigns every unit of the order to one of `count` packages (SellerCloud wants every order item
 * and every kit item assigned). A kit line is assigned through its kit items, each listed with
 * the kit's OrderItemID and the child's SKU as OrderItemBundleItemProductID (SellerCloud docs,
 * Create Shipping Packages; sellercloud-api.md §5.3). Units the shipments placed on a package
 * (`preset`, by SellerCloud item id, in line units; a kit's units become its children's) go
 * there; the rest are spread round-robin. No package is left empty while another has two units
 * or more; with fewer units than packages some stay empty, so callers check unitsToPack first.
 */
export function allocatePackages(
  items: readonly AllocatableItem[],
  count: number,
  preset: readonly (readonly { id: number; qty: number }[] | null | undefined)[] = [],
): NewPackageInput[] {
  // One slot per assignable thing: a plain line, or one kit item of a kit line.
  interface Slot {
    key: string;
    id: number;
    child: string | undefined;
    units: number;
    /** Units of this slot per unit of the line (a kit item's quantity per kit; 1 for a plain line). */
    perLine: number;
  }
  const slots = items.flatMap((item): Slot[] =>
    item.kitItems?.length
      ? item.kitItems.map((c) => ({
          key: `${item.id}|${c.productId}`,
          id: item.id,
          child: c.productId,
          units: Math.max(0, c.totalQty),
          perLine: c.qtyPerKit,
        }))
      : [{ key: String(item.id), id: item.id, child: undefined, units: Math.max(0, item.qty), perLine: 1 }],
  );
  const perPackage = Array.from({ length: count }, () => new Map<string, number>());
  const left = new Map(slots.map((s) => [s.key, s.units]));
  const put = (target: Map<string, number>, key: string, qty: number) => {
    target.set(key, (target.get(key) ?? 0) + qty);
    left.set(key, (left.get(key) ?? 0) - qty);
  };
  preset.slice(0, count).forEach((wanted, target) => {
    for (const w of wanted ?? []) {
      for (const slot of slots.filter((s) => s.id === w.id)) {
        const qty = Math.min(w.qty * slot.perLine, left.get(slot.key) ?? 0);
        if (qty > 0) put(perPackage[target]!, slot.key, qty);
      }
    }
  });
  let k = 0;
  for (const slot of slots) {
    const units = left.get(slot.key) ?? 0;
    for (let unit = 0; unit < units; unit++) put(perPackage[k++ % count]!, slot.key, 1);
  }
  // Never an empty package while another holds two units or more: move one unit over.
  for (const empty of perPackage.filter((m) => m.size === 0)) {
    const fullest = perPackage
      .map((m) => ({ m, units: [...m.values()].reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.units - a.units)[0];
    if (!fullest || fullest.units < 2) break;
    const [key, qty] = [...fullest.m].at(-1)!;
    if (qty > 1) fullest.m.set(key, qty - 1);
    else fullest.m.delete(key);
    empty.set(key, 1);
  }
  const byKey = new Map(slots.map((s) => [s.key, s]));
  return perPackage.map((m) => ({
    items: [...m].map(([key, qty]) => {
      const slot = byKey.get(key)!;
      return slot.child === undefined
        ? { orderItemId: slot.id, qty }
        : { orderItemId: slot.id, qty, bundleItemProductId: slot.child };
    }),
  }));
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
  /** The clamped ship date in SellerCloud's body format, in the tenant's time (moved back once if refused). */
  shipDateText: string;
  /** The number the template sends for a package. */
  tracking(pkg: ShipmentPackage): string;
  /** The template's SellerCloud carrier and service for a package. */
  toCall(candidate: Candidate, pkg: ShipmentPackage): { carrier: string; service: string };
  /** Marks the shipments "sending" in their own statement, before the first write. */
  markSending(): Promise<void>;
  /**
   * One write, given the ship date to send (shipDateText); on "Ship Date cannot be in the future"
   * it is sent once more with a safe earlier date, on an unclear failure the order is read back.
   * True when the number is on the order.
   */
  write(
    pkg: ShipmentPackage,
    candidate: Candidate,
    call: (shipDate: string) => Promise<void>,
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
  // The calls this work needs are booked as each is made (a read, a create, a write), so they
  // never count a call an early stop did not make: one packages read here.
  outcomes.stats.minimumCalls += 1;
  let packages = await readPackages(send);
  if (!packages) return false;
  let free = packages.filter((p) => !p.trackingNumber?.trim());
  if (free.length < pending.length && !alreadyShipped) {
    // Every package needs an item: more numbers than units cannot be sent as packages.
    const items = sc.items.map((i) => ({ id: i.id, qty: i.qty, kitItems: i.kitItems }));
    const units = unitsToPack(items);
    if (units < pending.length) {
      const numbers = pending.map(({ pkg }) => tracking(pkg));
      outcomes.fail(group, candidatesWithPending, {
        code: SyncFailure.MoreNumbersThanUnits,
        reason: `Order #${group.scOrderId} has ${units} unit(s) to ship but ${numbers.length} tracking numbers (${numbers.join(", ")}). SellerCloud needs at least one item in every package, so Conduit sent none of them. If a number was recorded by mistake or labels the same box as another, add the right number(s) to the order in SellerCloud by hand; otherwise check the order's quantities in SellerCloud, then retry.`,
        retryable: false,
        attempted: false,
        level: "warn",
      });
      return false;
    }
    // Creating packages replaces all of them; only allowed while the order is unshipped.
    outcomes.stats.minimumCalls += 1;
    await send.markSending();
    try {
      await client.createShippingPackages(
        group.scOrderId,
        allocatePackages(
          items,
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
    outcomes.stats.minimumCalls += 1;
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
    outcomes.stats.minimumCalls += 1;
    const ok = await send.write(
      pkg,
      candidate,
      (shipDate) =>
        client.updateSinglePackageTracking(
          {
            orderId: group.scOrderId,
            packageId: target.id,
            trackingNumber: tracking(pkg),
            ...send.toCall(candidate, pkg),
            // SellerCloud ignores ShipDate once the order is shipped.
            shipDate: alreadyShipped ? undefined : shipDate,
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
