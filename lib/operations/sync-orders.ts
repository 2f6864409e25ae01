import { and, asc, eq, gt, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { orderItems, orders } from "@/db/schema/orders";
import { type Shipment, type ShipmentPackage, shipmentItems, shipmentPackages, shipments } from "@/db/schema/shipments";
import { orderSettingsSchema, type ShippingMapping, shippingMappingSchema } from "@/lib/channels/settings";
import { AppError } from "@/lib/errors";
import { loadSetsForTemplate } from "@/lib/mapping/set-queries";
import {
  type CompiledSyncTemplate,
  compileSyncTemplate,
  type SyncValues,
  validateSyncTemplate,
} from "@/lib/mapping/sync-evaluate";
import { buildDefaultSyncTemplateBody } from "@/lib/mapping/sync-targets";
import type { TemplateBody } from "@/lib/mapping/template";
import { getActiveTemplate, getTemplateVersion } from "@/lib/mapping/template-queries";
import type { NewPackageInput, SellerCloudClient } from "@/lib/sellercloud/client";
import { isSellerCloudError, type SellerCloudError } from "@/lib/sellercloud/errors";
import { formatBodyDate, type ScOrder, scDateToDate } from "@/lib/sellercloud/transform";
import type { OperationContext, OperationModule, PageOutcome, RunEventInput } from "./types";

/**
 * Sync Orders: sends the channel's unsent shipments to SellerCloud, one page of orders at a time.
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

export interface SyncOrdersCursor {
  /** Orders are paged by Conduit order id (keyset): every unsent shipment of an order goes together. */
  afterOrderId: string | null;
  /**
   * The sync_orders template version the run maps with, fixed on its first page (null: the
   * built-in default, which sends what the channel's shipping mappings give). Absent before that.
   */
  templateVersionId?: string | null;
}

export interface SyncOrdersOptions {
  /** Orders per page; one read-back call covers 50. */
  pageOrders?: number;
  /** Ship dates are kept this far behind "now": SellerCloud refuses future dates and its clock (and zone) may differ. */
  shipDateSlackMs?: number;
  /** Failed shipments are retried automatically on later runs up to this many SellerCloud attempts. */
  maxAutoAttempts?: number;
}

export const SHIP_DATE_SLACK_MS = 5 * 60_000;
export const MAX_AUTO_ATTEMPTS = 5;
const FULLY_SHIPPED = 3;

/** The path of the channel's shipping-mapping settings, named in unmapped-carrier messages. */
export const shippingSettingsPath = (channelId: string) => `/channels/${channelId}/settings/shipping`;

/** Where the channel's Sync Orders templates are edited, named in mapping-error messages. */
export const syncTemplatesPath = (channelId: string) => `/channels/${channelId}/mapping?kind=sync_orders`;

/** Not in the future (minus slack) and not before the order's creation in SellerCloud. */
export function clampShipDate(entered: Date, now: Date, createdOn: Date | null, slackMs = SHIP_DATE_SLACK_MS): Date {
  let ms = Math.min(entered.getTime(), now.getTime() - slackMs);
  if (createdOn && ms < createdOn.getTime()) ms = createdOn.getTime();
  // SellerCloud compares whole seconds; drop the milliseconds the body would lose anyway.
  return new Date(Math.ceil(ms / 1000) * 1000);
}

/**
 * The channel's mapping for a Conduit carrier/service: an exact service match first, then a
 * carrier-wide mapping (empty Conduit service). Names compare case-insensitively.
 */
export function findShippingMapping(mappings: readonly ShippingMapping[], carrier: string, service: string) {
  const c = carrier.trim().toLowerCase();
  const s = service.trim().toLowerCase();
  const forCarrier = mappings.filter((m) => m.conduitCarrier.trim().toLowerCase() === c);
  return (
    forCarrier.find((m) => m.conduitService.trim().toLowerCase() === s) ??
    forCarrier.find((m) => m.conduitService.trim() === "") ??
    null
  );
}

/**
 * Assigns every unit of the order to one of `count` packages (SellerCloud wants all items
 * assigned). Units the shipments placed on a package (`preset`, by SellerCloud item id) go there;
 * the rest are spread round-robin.
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

const norm = (tracking: string) => tracking.trim().toUpperCase();

interface ShipmentUpdate {
  state: "sending" | "synced" | "failed" | "pending";
  reason?: string;
  code?: string;
  retryable?: boolean;
  attempted: boolean;
  calls: number;
  sentCarrier?: string;
  sentService?: string;
  sentShipDate?: string;
}

interface Candidate {
  shipment: Shipment;
  packages: ShipmentPackage[];
  mapping: ShippingMapping | null;
  /** The template's shipping update per package id (filled once the carrier is mapped). */
  values: Map<string, SyncValues>;
}

interface OrderGroup {
  orderId: string;
  scOrderId: number;
  /** Conduit order item id -> SellerCloud order item id (for per-package items). */
  scItemIds: Map<string, number>;
  createdOn: string | null;
  orderSourceOrderId: string | null;
  allPackages: ShipmentPackage[];
  candidates: Candidate[];
}

interface PageStats {
  calls: number;
  minimumCalls: number;
}

export function createSyncOrdersModule(options: SyncOrdersOptions = {}): OperationModule<SyncOrdersCursor> {
  const pageOrders = options.pageOrders ?? 50;
  const slackMs = options.shipDateSlackMs ?? SHIP_DATE_SLACK_MS;
  const maxAttempts = options.maxAutoAttempts ?? MAX_AUTO_ATTEMPTS;

  return {
    operation: "sync_orders",
    async runPage(ctx, cursor): Promise<PageOutcome<SyncOrdersCursor>> {
      const settings = await loadSyncSettings(ctx);
      const isFirstPage = cursor?.templateVersionId === undefined;
      const templateVersionId = isFirstPage
        ? ((await getActiveTemplate(ctx.db, ctx.workspaceId, ctx.channelId, "sync_orders"))?.version.id ?? null)
        : (cursor?.templateVersionId ?? null);
      const retryOrderIds = retryScope(ctx.input);

      const wanted = or(
        inArray(shipments.syncState, ["pending", "sending"]),
        and(
          eq(shipments.syncState, "failed"),
          eq(shipments.retryable, true),
          sql`${shipments.attempts} < ${maxAttempts}`,
        ),
      ) as SQL;
      const conditions: SQL[] = [eq(shipments.workspaceId, ctx.workspaceId), eq(shipments.channelId, ctx.channelId)];
      if (cursor?.afterOrderId) conditions.push(gt(shipments.orderId, cursor.afterOrderId));
      // A "retry failed items" run also takes failed shipments that are not retried automatically.
      const retryCondition = retryOrderIds.length
        ? and(
            eq(shipments.syncState, "failed"),
            inArray(
              shipments.orderId,
              ctx.db
                .select({ id: orders.id })
                .from(orders)
                .where(and(eq(orders.workspaceId, ctx.workspaceId), inArray(orders.sellercloudOrderId, retryOrderIds))),
            ),
          )
        : undefined;
      const orderRows = await ctx.db
        .selectDistinct({ orderId: shipments.orderId })
        .from(shipments)
        .where(and(...conditions, retryCondition ? or(wanted, retryCondition) : wanted))
        .orderBy(asc(shipments.orderId))
        .limit(pageOrders);
      if (orderRows.length === 0) {
        return {
          nextCursor: { afterOrderId: cursor?.afterOrderId ?? null, templateVersionId },
          done: true,
          progressLabel: "No shipments left to send",
        };
      }
      const orderIds = orderRows.map((r) => r.orderId);
      const isCandidate = (s: Shipment) =>
        s.syncState === "pending" ||
        s.syncState === "sending" ||
        (s.syncState === "failed" && ((s.retryable && s.attempts < maxAttempts) || retryOrderIds.length > 0));

      const loaded = await loadGroups(ctx.db, ctx.workspaceId, orderIds, isCandidate, settings.mappings);
      const template = await prepareSyncTemplate(ctx, templateVersionId);
      const retryIdSet = new Set(retryOrderIds);
      for (const group of loaded.groups) {
        // Outside a retry run, a failure that needs a person stays put.
        if (retryOrderIds.length && !retryIdSet.has(group.scOrderId)) {
          group.candidates = group.candidates.filter(
            (c) => c.shipment.syncState !== "failed" || (c.shipment.retryable && c.shipment.attempts < maxAttempts),
          );
        }
      }

      const updates = new Map<string, ShipmentUpdate>();
      const applied = new Map<string, { at: Date; scPackageId: number | null }>();
      const events: RunEventInput[] = [];
      let skipped = 0;
      const stats: PageStats = { calls: 0, minimumCalls: 0 };
      const now = ctx.now();

      const fail = (
        group: OrderGroup,
        list: Candidate[],
        code: string,
        reason: string,
        retryable: boolean,
        attempted: boolean,
        level: "error" | "warn" = "error",
      ) => {
        for (const c of list) {
          const previous = updates.get(c.shipment.id);
          updates.set(c.shipment.id, {
            ...previous,
            state: "failed",
            code,
            reason,
            retryable,
            attempted: attempted || (previous?.attempted ?? false),
            calls: previous?.calls ?? 0,
          });
        }
        events.push({
          level,
          entity: "order",
          entityId: String(group.scOrderId),
          code,
          message: reason,
          details: { shipments: list.map((c) => c.shipment.id) },
        });
      };

      // 1. Without calls: carrier mappings, and orders that must wait for the rest of their items.
      const toSend: OrderGroup[] = [];
      for (const group of loaded.groups) {
        if (!group.candidates.length) continue;
        const unmapped = group.candidates.filter((c) => !c.mapping);
        for (const c of unmapped) {
          fail(
            group,
            [c],
            "unmapped_carrier",
            `Order #${group.scOrderId}: carrier "${c.shipment.carrier}"${c.shipment.service ? ` with service "${c.shipment.service}"` : ""} has no SellerCloud carrier mapped. Add it in the channel's shipping mappings (${shippingSettingsPath(ctx.channelId)}); the shipment is sent on the next run after that.`,
            true,
            false,
          );
        }
        group.candidates = group.candidates.filter((c) => c.mapping);
        for (const c of group.candidates) {
          const problem = mapCandidate(template, group, c);
          if (problem)
            fail(
              group,
              [c],
              "mapping_error",
              `Order #${group.scOrderId}: the Sync Orders template could not map tracking ${problem.trackingNumber}. ${problem.messages.join(" ")} Fix the template (${syncTemplatesPath(ctx.channelId)}) or the shipment; it is sent on the next run after that.`,
              true,
              false,
            );
        }
        group.candidates = group.candidates.filter((c) => updates.get(c.shipment.id)?.state !== "failed");
        if (!group.candidates.length) continue;
        const inFlight = group.candidates.some((c) => c.shipment.syncState === "sending");
        if (settings.partialShipments === "wait" && !inFlight && !loaded.complete.get(group.orderId)) {
          skipped += group.candidates.length;
          events.push({
            level: "info",
            entity: "order",
            entityId: String(group.scOrderId),
            code: "waiting_for_rest",
            message: `Order #${group.scOrderId} is only partly fulfilled; waiting for shipments of the remaining items (the channel's setting is "wait until complete").`,
          });
          continue;
        }
        toSend.push(group);
      }

      let client: SellerCloudClient | undefined;
      let stoppedBefore: string | null = null;
      if (toSend.length && !ctx.dryRun) {
        client = await ctx.sellercloud();
        const before = client.callsMade;
        // 2. Read the orders back: already-sent numbers, someone else's shipment, creation dates.
        const { orders: scOrders } = await client.getOrdersByIds(
          toSend.map((g) => g.scOrderId),
          { signal: ctx.signal },
        );
        stats.minimumCalls += Math.ceil(toSend.length / 50);
        const byId = new Map(scOrders.map((o) => [o.id, o]));
        stats.calls += client.callsMade - before;

        // 3. Send, one order at a time (the connection's rate limit is the real bound, not latency).
        for (const group of toSend) {
          if (ctx.signal.aborted) {
            // Canceled or lease lost: commit what was answered and resume before this order.
            stoppedBefore = group.orderId;
            break;
          }
          const sc = byId.get(group.scOrderId);
          if (!sc) {
            fail(
              group,
              group.candidates,
              "order_not_in_sellercloud",
              `SellerCloud returned no order #${group.scOrderId}: it was deleted, or the API user cannot see its company.`,
              false,
              true,
            );
            continue;
          }
          const startCalls = client.callsMade;
          await sendGroup({ ctx, client, group, sc, now, slackMs, updates, applied, fail, events, stats });
          const used = client.callsMade - startCalls;
          stats.calls += used;
          // Calls are booked on the order's first shipment (almost always its only one).
          const first = group.candidates[0];
          if (first) {
            const u = updates.get(first.shipment.id);
            if (u) u.calls += used;
          }
        }
      } else if (toSend.length) {
        for (const group of toSend) {
          skipped += group.candidates.length;
          const numbers = group.candidates.flatMap((c) =>
            c.packages.filter((p) => !p.scAppliedAt).map((p) => p.trackingNumber),
          );
          events.push({
            level: "info",
            entity: "order",
            entityId: String(group.scOrderId),
            code: "dry_run",
            message: `Dry run: would send ${numbers.join(", ")} to order #${group.scOrderId}.`,
          });
        }
      }

      let synced = 0;
      let failed = 0;
      for (const u of updates.values()) {
        if (u.state === "synced") synced++;
        else if (u.state === "failed") failed++;
      }
      const lastOrderId = stoppedBefore
        ? (orderIds[orderIds.indexOf(stoppedBefore) - 1] ?? cursor?.afterOrderId ?? null)
        : orderIds[orderIds.length - 1]!;
      const done = !stoppedBefore && orderIds.length < pageOrders;
      const fetched =
        loaded.groups.reduce((n, g) => n + g.candidates.length, 0) +
        [...updates.values()].filter((u) => u.code === "unmapped_carrier" || u.code === "mapping_error").length;
      if (stats.calls > 0) {
        events.push({
          level: "info",
          entity: "page",
          code: "calls",
          message: `${synced} shipment(s) sent or confirmed with ${stats.calls} SellerCloud call(s) (the fewest possible: ${stats.minimumCalls}).`,
          details: { calls: stats.calls, minimumCalls: stats.minimumCalls, synced, failed },
        });
      }

      return {
        nextCursor: { afterOrderId: lastOrderId, templateVersionId },
        done,
        counts: { fetched, updated: synced, failed, skipped },
        events,
        progressLabel: `${synced} synced, ${failed} failed, ${skipped} waiting; ${stats.calls} calls`,
        commit: async (tx) => {
          // Like Get Orders, the run row names the template version it used.
          if (isFirstPage && templateVersionId)
            await tx.update(runs).set({ templateVersionId }).where(eq(runs.id, ctx.runId));
          await commitPage(tx, ctx, updates, applied, now);
        },
      };
    },
  };
}

export const syncOrdersModule = createSyncOrdersModule();

interface SendArgs {
  ctx: OperationContext;
  client: SellerCloudClient;
  group: OrderGroup;
  sc: ScOrder;
  now: Date;
  slackMs: number;
  updates: Map<string, ShipmentUpdate>;
  applied: Map<string, { at: Date; scPackageId: number | null }>;
  fail: (
    group: OrderGroup,
    list: Candidate[],
    code: string,
    reason: string,
    retryable: boolean,
    attempted: boolean,
    level?: "error" | "warn",
  ) => void;
  events: RunEventInput[];
  stats: PageStats;
}

async function sendGroup(args: SendArgs): Promise<void> {
  const { ctx, client, group, sc, now, slackMs, updates, applied, fail, events, stats } = args;
  const present = new Set([...sc.allTrackingNumbers, sc.trackingNumber ?? ""].filter(Boolean).map(norm));
  // The number as the template sends it (the package's own unless the template changes it).
  const sentNumbers = new Map(group.candidates.flatMap((c) => [...c.values].map(([id, v]) => [id, v.trackingNumber])));
  const tracking = (pkg: ShipmentPackage) => sentNumbers.get(pkg.id) ?? pkg.trackingNumber;
  const valuesOf = (candidate: Candidate, pkg: ShipmentPackage) => candidate.values.get(pkg.id)!;
  const firstValues = (candidate: Candidate) => candidate.values.values().next().value;
  const pending: { candidate: Candidate; pkg: ShipmentPackage }[] = [];
  let confirmedByReadBack = 0;
  for (const candidate of group.candidates) {
    for (const pkg of candidate.packages) {
      if (pkg.scAppliedAt || applied.has(pkg.id)) continue;
      if (present.has(norm(tracking(pkg)))) {
        applied.set(pkg.id, { at: now, scPackageId: null });
        confirmedByReadBack++;
      } else pending.push({ candidate, pkg });
    }
  }
  const finishSynced = () => {
    for (const c of group.candidates) {
      if (c.packages.every((p) => p.scAppliedAt || applied.has(p.id))) {
        const previous = updates.get(c.shipment.id);
        if (previous?.state === "failed") continue;
        updates.set(c.shipment.id, {
          ...previous,
          state: "synced",
          attempted: previous?.attempted ?? false,
          calls: previous?.calls ?? 0,
          sentCarrier: previous?.sentCarrier ?? firstValues(c)?.carrier,
          sentService: previous?.sentService ?? firstValues(c)?.service,
        });
      }
    }
  };

  if (pending.length === 0) {
    if (confirmedByReadBack && group.candidates.some((c) => c.shipment.syncState === "sending")) {
      events.push({
        level: "info",
        entity: "order",
        entityId: String(group.scOrderId),
        code: "confirmed_by_read_back",
        message: `Order #${group.scOrderId}: SellerCloud already had the tracking number(s) from an earlier, unconfirmed attempt; nothing was sent again.`,
      });
    }
    finishSynced();
    return;
  }

  const first = pending[0]!;
  const candidatesWithPending = [...new Set(pending.map((p) => p.candidate))];
  const createdOn = scDateToDate(sc.createdOn ?? group.createdOn);
  // The template's ship date is UTC without an offset; the clamp still applies whatever it says.
  const mappedShipDate = new Date(`${valuesOf(first.candidate, first.pkg).shipDate}Z`);
  const shipDateText = formatBodyDate(clampShipDate(mappedShipDate, now, createdOn, slackMs));
  const markSending = async () => {
    // Committed on its own before the first write: a crash after SellerCloud's success leaves this
    // state behind, and whoever finds it reads the order back instead of sending again.
    await ctx.db
      .update(shipments)
      .set({ syncState: "sending", sendingRunId: ctx.runId, sendingAt: now, updatedAt: now })
      .where(
        inArray(
          shipments.id,
          candidatesWithPending.map((c) => c.shipment.id),
        ),
      );
    for (const c of candidatesWithPending) {
      const previous = updates.get(c.shipment.id);
      updates.set(c.shipment.id, {
        ...previous,
        state: "sending",
        attempted: true,
        calls: previous?.calls ?? 0,
        sentCarrier: firstValues(c)?.carrier,
        sentService: firstValues(c)?.service,
        sentShipDate: shipDateText,
      });
    }
  };

  const alreadyShipped = sc.shippingStatus === FULLY_SHIPPED;
  if (alreadyShipped) {
    const ours = group.allPackages.some((p) => p.scAppliedAt || applied.has(p.id) || present.has(norm(tracking(p))));
    if (!ours) {
      const theirs = sc.allTrackingNumbers.length
        ? `tracking ${sc.allTrackingNumbers.join(", ")}`
        : "no tracking number";
      fail(
        group,
        candidatesWithPending,
        "shipped_elsewhere",
        `Order #${group.scOrderId} is already Fully Shipped in SellerCloud (${theirs}), by someone other than Conduit. Conduit did not overwrite it; check the order in SellerCloud, then retry if it should get these tracking numbers too.`,
        false,
        true,
        "warn",
      );
      finishSynced();
      return;
    }
  }

  // Sends one write; on an unclear failure reads the order back. True when the number is on the order.
  const write = async (
    pkg: ShipmentPackage,
    candidate: Candidate,
    call: () => Promise<void>,
    packageId: number | null,
  ) => {
    try {
      await call();
      applied.set(pkg.id, { at: now, scPackageId: packageId });
      return true;
    } catch (error) {
      if (!isSellerCloudError(error) || error.kind === "aborted" || error.kind === "auth") throw error;
      if (error.mayHaveApplied) {
        const { orders: back } = await client.getOrdersByIds([group.scOrderId], { signal: ctx.signal });
        const now2 = back[0];
        if (now2?.allTrackingNumbers.some((t) => norm(t) === norm(tracking(pkg)))) {
          applied.set(pkg.id, { at: now, scPackageId: packageId });
          events.push({
            level: "info",
            entity: "order",
            entityId: String(group.scOrderId),
            code: "confirmed_by_read_back",
            message: `Order #${group.scOrderId}: SellerCloud did not confirm tracking ${tracking(pkg)} (${error.message}), but reading the order back shows it there; it was not sent again.`,
          });
          return true;
        }
        fail(
          group,
          [candidate],
          "sellercloud_unconfirmed",
          `Order #${group.scOrderId}: SellerCloud did not confirm tracking ${tracking(pkg)} (${error.message}). Reading the order back shows it is not there; it will be sent again on the next run.`,
          true,
          true,
        );
        return false;
      }
      describeFailure(group, candidate, error, fail);
      return false;
    }
  };

  const toCall = (candidate: Candidate, pkg: ShipmentPackage) => ({
    carrier: valuesOf(candidate, pkg).carrier,
    service: valuesOf(candidate, pkg).service,
  });

  if (!alreadyShipped && pending.length === 1) {
    // One tracking number: the primary call, which marks the order Fully Shipped.
    stats.minimumCalls += 1;
    await markSending();
    await write(
      first.pkg,
      first.candidate,
      () =>
        client.updateShippingStatus(
          {
            orderId: group.scOrderId,
            ...toCall(first.candidate, first.pkg),
            shipDate: shipDateText,
            trackingNumber: tracking(first.pkg),
          },
          ctx.signal,
        ),
      null,
    );
    finishSynced();
    return;
  }

  // Several numbers (or more for an order we already shipped): one package each.
  stats.minimumCalls += 1 + pending.length;
  let packages = await readPackages(client, group, ctx, candidatesWithPending, fail);
  if (!packages) return;
  let free = packages.filter((p) => !p.trackingNumber?.trim());
  if (free.length < pending.length && !alreadyShipped) {
    // Creating packages replaces all of them; only allowed while the order is unshipped.
    stats.minimumCalls += 2;
    await markSending();
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
      describeFailure(group, first.candidate, error, fail, candidatesWithPending);
      return;
    }
    packages = await readPackages(client, group, ctx, candidatesWithPending, fail);
    if (!packages) return;
    free = packages.filter((p) => !p.trackingNumber?.trim());
  }
  if (updates.get(first.candidate.shipment.id)?.state !== "sending") await markSending();

  for (let i = 0; i < pending.length; i++) {
    const { pkg, candidate } = pending[i]!;
    const target = free[i];
    if (!target) {
      fail(
        group,
        [candidate],
        "no_free_package",
        `Order #${group.scOrderId} is already Fully Shipped in SellerCloud and has no empty package left for tracking ${tracking(pkg)}; SellerCloud cannot add packages to a shipped order. Add the number in SellerCloud by hand (or unship the order there), then retry.`,
        false,
        true,
      );
      continue;
    }
    const ok = await write(
      pkg,
      candidate,
      () =>
        client.updateSinglePackageTracking(
          {
            orderId: group.scOrderId,
            packageId: target.id,
            trackingNumber: tracking(pkg),
            ...toCall(candidate, pkg),
            // SellerCloud ignores ShipDate once the order is shipped.
            shipDate: alreadyShipped ? undefined : shipDateText,
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
        .filter((c) => updates.get(c.shipment.id)?.state !== "failed");
      if (rest.length)
        fail(
          group,
          [...new Set(rest)],
          "stopped_after_failure",
          `Order #${group.scOrderId}: the remaining tracking numbers were not sent after the failure above; they go on the next run.`,
          true,
          true,
        );
      break;
    }
  }
  finishSynced();
}

async function readPackages(
  client: SellerCloudClient,
  group: OrderGroup,
  ctx: OperationContext,
  candidates: Candidate[],
  fail: SendArgs["fail"],
) {
  try {
    const list = await client.getOrderPackages(group.scOrderId, ctx.signal);
    return [...list].sort((a, b) => a.id - b.id);
  } catch (error) {
    if (!isSellerCloudError(error) || error.kind === "aborted" || error.kind === "auth") throw error;
    fail(
      group,
      candidates,
      "sellercloud_error",
      `Order #${group.scOrderId}: could not read its packages from SellerCloud (${error.message}); it will be tried again on the next run.`,
      error.retryable,
      true,
    );
    return null;
  }
}

function describeFailure(
  group: OrderGroup,
  candidate: Candidate,
  error: SellerCloudError,
  fail: SendArgs["fail"],
  list: Candidate[] = [candidate],
) {
  if (error.retryable) {
    fail(
      group,
      list,
      "sellercloud_error",
      `Order #${group.scOrderId}: ${error.message} It will be tried again on the next run.`,
      true,
      true,
    );
  } else {
    fail(
      group,
      list,
      "sellercloud_refused",
      `SellerCloud refused the update for order #${group.scOrderId}: ${error.message}`,
      false,
      true,
    );
  }
}

async function loadSyncSettings(ctx: OperationContext) {
  const [channel] = await ctx.db
    .select({ settings: channels.settings })
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, ctx.channelId)));
  if (!channel) throw new AppError("NOT_FOUND", "The channel was not found.");
  const mappings: ShippingMapping[] = [];
  for (const raw of channel.settings.shippingMappings ?? []) {
    const parsed = shippingMappingSchema.safeParse(raw);
    if (parsed.success) mappings.push(parsed.data);
  }
  const partial = orderSettingsSchema.shape.partialShipments.safeParse(channel.settings.orders?.partialShipments);
  return { mappings, partialShipments: partial.success ? partial.data : ("wait" as const) };
}

/** SellerCloud order ids named by a "retry failed items" run (its events' entity ids). */
function retryScope(input: Record<string, unknown>): number[] {
  const ids = Array.isArray(input.entityIds) ? input.entityIds : [];
  return ids.map((id) => Number(id)).filter((id) => Number.isInteger(id) && id > 0);
}

async function loadGroups(
  db: Db,
  workspaceId: string,
  orderIds: string[],
  isCandidate: (s: Shipment) => boolean,
  mappings: ShippingMapping[],
) {
  const orderRows = await db
    .select({
      id: orders.id,
      scId: orders.sellercloudOrderId,
      createdOn: orders.scCreatedOn,
      orderSourceOrderId: orders.orderSourceOrderId,
    })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), inArray(orders.id, orderIds)));
  const shipmentRows = await db
    .select()
    .from(shipments)
    .where(and(eq(shipments.workspaceId, workspaceId), inArray(shipments.orderId, orderIds)))
    .orderBy(asc(shipments.createdAt), asc(shipments.id));
  const packageRows = await db
    .select()
    .from(shipmentPackages)
    .where(and(eq(shipmentPackages.workspaceId, workspaceId), inArray(shipmentPackages.orderId, orderIds)))
    .orderBy(asc(shipmentPackages.position));
  const lines = await db
    .select({
      id: orderItems.id,
      orderId: orderItems.orderId,
      quantity: orderItems.quantity,
      scItemId: orderItems.sellercloudItemId,
    })
    .from(orderItems)
    .where(and(eq(orderItems.workspaceId, workspaceId), inArray(orderItems.orderId, orderIds)));
  const covered = await db
    .select({ orderItemId: shipmentItems.orderItemId, quantity: sql<number>`sum(${shipmentItems.quantity})::int` })
    .from(shipmentItems)
    .innerJoin(shipments, eq(shipments.id, shipmentItems.shipmentId))
    .where(and(eq(shipments.workspaceId, workspaceId), inArray(shipments.orderId, orderIds)))
    .groupBy(shipmentItems.orderItemId);
  const coveredBy = new Map(covered.map((c) => [c.orderItemId, Number(c.quantity)]));

  const packagesByShipment = new Map<string, ShipmentPackage[]>();
  const packagesByOrder = new Map<string, ShipmentPackage[]>();
  for (const p of packageRows) {
    packagesByShipment.set(p.shipmentId, [...(packagesByShipment.get(p.shipmentId) ?? []), p]);
    packagesByOrder.set(p.orderId, [...(packagesByOrder.get(p.orderId) ?? []), p]);
  }
  const complete = new Map<string, boolean>();
  for (const order of orderRows) {
    const own = shipmentRows.filter((s) => s.orderId === order.id);
    const whole = own.some((s) => s.coversWholeOrder);
    const orderLines = lines.filter((l) => l.orderId === order.id);
    complete.set(order.id, whole || orderLines.every((l) => (coveredBy.get(l.id) ?? 0) >= (l.quantity ?? 0)));
  }
  const groups: OrderGroup[] = orderRows
    .map((order) => ({
      orderId: order.id,
      scOrderId: order.scId,
      scItemIds: new Map(
        lines.filter((l) => l.orderId === order.id && l.scItemId !== null).map((l) => [l.id, Number(l.scItemId)]),
      ),
      createdOn: order.createdOn,
      orderSourceOrderId: order.orderSourceOrderId,
      allPackages: packagesByOrder.get(order.id) ?? [],
      candidates: shipmentRows
        .filter((s) => s.orderId === order.id && isCandidate(s))
        .map((shipment) => ({
          shipment,
          packages: packagesByShipment.get(shipment.id) ?? [],
          mapping: findShippingMapping(mappings, shipment.carrier, shipment.service),
          values: new Map<string, SyncValues>(),
        })),
    }))
    .sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  return { groups, complete };
}

async function commitPage(
  tx: Db,
  ctx: OperationContext,
  updates: Map<string, ShipmentUpdate>,
  applied: Map<string, { at: Date; scPackageId: number | null }>,
  now: Date,
) {
  // Two statements per page whatever its size: rows travel as one jsonb parameter each.
  const packageRows = [...applied].map(([id, a]) => ({ id, at: a.at.toISOString(), pkg: a.scPackageId }));
  if (packageRows.length) {
    await tx.execute(sql`
      update ${shipmentPackages} as p
      set sc_applied_at = x.at, sc_package_id = coalesce(x.pkg, p.sc_package_id)
      from jsonb_to_recordset(${JSON.stringify(packageRows)}::jsonb) as x(id uuid, at timestamptz, pkg bigint)
      where p.id = x.id and p.workspace_id = ${ctx.workspaceId}`);
  }
  // "sending" at commit time means the page ended without an answer for it: leave it for read-back.
  const shipmentRows = [...updates]
    .filter(([, u]) => u.state !== "sending")
    .map(([id, u]) => ({
      id,
      state: u.state,
      reason: u.state === "failed" ? (u.reason ?? null) : null,
      code: u.state === "failed" ? (u.code ?? null) : null,
      retryable: u.state === "failed" ? (u.retryable ?? false) : false,
      attempted: u.attempted,
      calls: u.calls,
      sent_carrier: u.sentCarrier ?? null,
      sent_service: u.sentService ?? null,
      sent_ship_date: u.sentShipDate ?? null,
    }));
  if (shipmentRows.length) {
    await tx.execute(sql`
      update ${shipments} as s
      set sync_state = x.state,
          synced_at = case when x.state = 'synced' then ${now.toISOString()}::timestamptz else null end,
          failure_reason = x.reason,
          failure_code = x.code,
          retryable = x.retryable,
          attempts = s.attempts + case when x.attempted then 1 else 0 end,
          calls_used = s.calls_used + x.calls,
          sent_carrier = coalesce(x.sent_carrier, s.sent_carrier),
          sent_service = coalesce(x.sent_service, s.sent_service),
          sent_ship_date = coalesce(x.sent_ship_date, s.sent_ship_date),
          sending_run_id = null,
          sending_at = null,
          updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(shipmentRows)}::jsonb)
        as x(id uuid, state text, reason text, code text, retryable boolean, attempted boolean, calls int,
             sent_carrier text, sent_service text, sent_ship_date text)
      where s.id = x.id and s.workspace_id = ${ctx.workspaceId}`);
  }
}

// Versions are immutable, so a body is read once per process; the sets it reads are mutable and
// loaded per page (no query unless the template uses one). Compiling six fields is cheap.
const syncVersionBodies = new Map<string, TemplateBody>();

async function prepareSyncTemplate(ctx: OperationContext, versionId: string | null): Promise<CompiledSyncTemplate> {
  let body = versionId ? syncVersionBodies.get(versionId) : buildDefaultSyncTemplateBody();
  if (!body) {
    body = (await getTemplateVersion(ctx.db, ctx.workspaceId, versionId!)).body;
    if (syncVersionBodies.size > 200) syncVersionBodies.clear();
    syncVersionBodies.set(versionId!, body);
  }
  const sets = await loadSetsForTemplate(ctx.db, ctx.workspaceId, body);
  const check = validateSyncTemplate(body, sets);
  if (!check.ok) {
    const first = Object.entries(check.errors)[0];
    throw new AppError(
      "VALIDATION",
      `The Sync Orders mapping template cannot be used: ${first ? `${first[0]}: ${first[1]}` : "invalid"}.`,
    );
  }
  return compileSyncTemplate(check.body, sets);
}

/**
 * Maps each package of a shipment through the template into `candidate.values`. Returns the
 * first package's problems (field and reason) when any package cannot be mapped.
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
