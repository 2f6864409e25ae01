/**
 * The plan phase of Sync Prices & Quantities: one page of the channel's linked variants (keyset on
 * the variant id), each priced and counted by the engine (decide.ts), turned into the rows the page
 * commits (price_sync_items) and the events it reports. No SellerCloud call, except reading the
 * current values of variants held for a large change (capped per run) for the review screen.
 */

import { and, asc, eq, gt, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listingLinks, variants } from "@/db/schema/catalog";
import { type PriceItemState, priceSyncItems } from "@/db/schema/prices";
import type { PriceSyncSettings } from "@/lib/channels/price-sync-settings";
import type { PricedItem } from "@/lib/channels/pricing";
import type { PricingRules } from "@/lib/channels/settings";
import { isSellerCloudError } from "@/lib/sellercloud/errors";
import { getProductPrice, getWarehouseQuantity } from "@/lib/sellercloud/prices";
import type { OperationContext, RunEventInput } from "../types";
import { type Decision, decidePrice, decideQuantity, type Review } from "./decide";
import { type PlanTotals, PriceEvent } from "./model";

const dollars = (cents: number | null) => (cents === null ? null : cents / 100);
const money = (cents: number | null) => (cents === null ? "none" : `$${(cents / 100).toFixed(2)}`);

/** One row the plan writes to price_sync_items. */
export interface PlanRow {
  variant_id: string;
  product_id: string;
  planned_price: number | null;
  price_state: PriceItemState | null;
  price_why: string | null;
  price_reason: string | null;
  planned_qty: number | null;
  qty_state: PriceItemState | null;
  qty_why: string | null;
  qty_reason: string | null;
  sc_price: number | null;
  sc_qty: number | null;
  sc_read: boolean;
  /** Whether the row must be written (new, or anything but "unchanged, nothing open" before and after). */
  dirty: boolean;
}

export interface PlanPage {
  rows: PlanRow[];
  events: RunEventInput[];
  /** Variant ids in this page, ascending. */
  lastVariantId: string | null;
  size: number;
}

const reviewOf = (state: string | null, value: number | null): Review => ({
  state: state === "approved" || state === "skipped" || state === "held" ? state : null,
  value,
});

/** The state a decision leaves an item in. */
function stateOf(d: Decision): PriceItemState | null {
  switch (d.kind) {
    case "send":
      return "pending";
    case "hold":
      return "held";
    case "refuse":
      return "refused";
    case "skip":
      return d.code === "review_skipped" ? "skipped" : d.code === "no_warehouse" ? null : "refused";
    default:
      return null;
  }
}

/**
 * Plans one page: reads up to `limit` links after `afterVariantId` with their variant and their
 * price_sync_items row, decides price and quantity, and adds to `totals`. In a dry run each
 * decision to send is reported as an event (up to `maxDryRunEvents` per run).
 */
export async function planPage(input: {
  ctx: OperationContext;
  rules: PricingRules;
  settings: PriceSyncSettings;
  afterVariantId: string | null;
  limit: number;
  totals: PlanTotals;
  maxHeldReads: number;
  maxDryRunEvents: number;
  /** A retry: only the links to these SellerCloud products. */
  onlyProducts?: string[] | null;
}): Promise<PlanPage> {
  const { ctx, rules, settings, totals } = input;
  const rows = await loadPlanInputs(ctx.db, ctx, input.afterVariantId, input.limit, input.onlyProducts ?? null);
  const out: PlanRow[] = [];
  const events: RunEventInput[] = [];
  for (const r of rows) {
    totals.linked++;
    const item: PricedItem = {
      sku: r.sku,
      cost: dollars(r.cost),
      price: dollars(r.price),
      msrp: dollars(r.msrp),
      map: dollars(r.map),
      quantity: r.quantity,
    };
    // Values confirmed for another SellerCloud product (the variant was linked elsewhere) do not count.
    const same = r.itemProductId === null || r.itemProductId === r.productId;
    const confirmed = same
      ? { priceCents: r.confirmedPrice, qty: r.confirmedQty, warehouseId: r.confirmedWarehouse }
      : { priceCents: null, qty: null, warehouseId: null };
    const price = settings.sendPrices
      ? decidePrice(rules.price, settings, item, confirmed, reviewOf(r.priceState, r.plannedPrice))
      : null;
    const qty = settings.sendQuantities
      ? decideQuantity(rules.quantity, settings, item, confirmed, reviewOf(r.qtyState, r.plannedQty))
      : null;
    const row: PlanRow = {
      variant_id: r.variantId,
      product_id: r.productId,
      planned_price: price?.value ?? null,
      price_state: price ? stateOf(price) : null,
      price_why: price?.why ?? null,
      price_reason: price?.reason ?? null,
      planned_qty: qty?.value ?? null,
      qty_state: qty ? stateOf(qty) : null,
      qty_why: qty?.why ?? null,
      qty_reason: qty?.reason ?? null,
      sc_price: r.scPrice,
      sc_qty: r.scQty,
      sc_read: false,
      dirty: false,
    };
    if (qty && qty.value !== null) {
      totals.withQuantity++;
      if (qty.kind === "send" && qty.code === "changed" && qty.value === 0 && confirmed.qty !== 0) totals.zeroing++;
    }
    if (price?.kind === "send") totals.priceSends++;
    if (qty?.kind === "send") totals.qtySends++;
    if ((!price || price.kind === "unchanged") && (!qty || qty.kind === "unchanged" || qty.code === "no_warehouse"))
      totals.unchanged++;
    for (const [what, d] of [
      ["price", price],
      ["quantity", qty],
    ] as const) {
      if (!d) continue;
      if (d.kind === "hold") totals.held++;
      if (d.kind === "refuse" || (d.kind === "skip" && d.code !== "no_warehouse" && d.code !== "review_skipped"))
        totals.refused++;
      const event = eventFor(what, d, r.sku, what === "price" ? confirmed.priceCents : confirmed.qty);
      if (d.kind === "hold" && d.code === "first_push") totals.firstPush++;
      else if (event) events.push(event);
      // A dry run lists what it would send and the first pushes it would hold (other holds, refusals and
      // skips have their own events above), up to maxDryRunEvents per run.
      const firstPush = d.kind === "hold" && d.code === "first_push";
      if (ctx.dryRun && (d.kind === "send" || firstPush) && totals.dryRunEvents < input.maxDryRunEvents) {
        totals.dryRunEvents++;
        const from = what === "price" ? money(confirmed.priceCents) : String(confirmed.qty ?? "none");
        const to = what === "price" ? money(d.value) : String(d.value);
        const verb = firstPush ? "would hold for review (first push)" : "would send";
        events.push({
          level: "info",
          entity: "variant",
          entityId: r.sku,
          code: PriceEvent.DryRun,
          message: `Dry run: ${verb} ${what} ${to} for ${r.sku} (SellerCloud ${r.productId}; last confirmed ${from}). ${d.why}.`,
          details: {
            what,
            current: what === "price" ? confirmed.priceCents : confirmed.qty,
            next: d.value,
            why: d.why,
            decision: firstPush ? "hold" : "send",
          },
        });
      }
    }
    // The review screen shows SellerCloud's current value of a large change; read it once (capped).
    const largeHold = price?.code === "large_change" || qty?.code === "large_change";
    if (largeHold && !ctx.dryRun && totals.reads < input.maxHeldReads && r.scReadAt === null) {
      await readCurrent(ctx, row, settings.warehouseId, totals);
    }
    row.dirty =
      r.itemProductId === null ||
      !same ||
      row.sc_read ||
      row.price_state !== null ||
      row.qty_state !== null ||
      r.priceState !== null ||
      r.qtyState !== null;
    out.push(row);
  }
  return { rows: out, events, lastVariantId: rows.at(-1)?.variantId ?? null, size: rows.length };
}

function eventFor(what: string, d: Decision, sku: string, current: number | null): RunEventInput | null {
  if (d.kind === "hold")
    return {
      level: "warn",
      entity: "variant",
      entityId: sku,
      code: PriceEvent.Held,
      message: d.reason ?? `${sku}: ${what} held for review.`,
      details: { what, current, next: d.value, why: d.why, code: d.code },
    };
  if (d.kind === "refuse")
    return {
      level: "warn",
      entity: "variant",
      entityId: sku,
      code: PriceEvent.Refused,
      message: d.reason ?? `${sku}: ${what} refused.`,
      details: { what, next: d.value, why: d.why, code: d.code },
    };
  if (d.kind === "skip" && d.code !== "no_warehouse" && d.code !== "review_skipped")
    return {
      level: "warn",
      entity: "variant",
      entityId: sku,
      code: PriceEvent.Skipped,
      message: d.reason ?? `${sku}: ${what} skipped.`,
      details: { what, why: d.why, code: d.code },
    };
  return null;
}

async function readCurrent(ctx: OperationContext, row: PlanRow, warehouseId: number | null, totals: PlanTotals) {
  const client = await ctx.sellercloud();
  try {
    const price = await getProductPrice(client, row.product_id, ctx.signal);
    totals.reads++;
    row.sc_price = price === null ? null : Math.round(price * 100);
    if (warehouseId !== null) {
      row.sc_qty = await getWarehouseQuantity(client, row.product_id, warehouseId, ctx.signal);
      totals.reads++;
    }
    row.sc_read = true;
  } catch (error) {
    // The review shows "not read"; only auth and cancel stop the page.
    if (!isSellerCloudError(error) || error.kind === "auth" || error.kind === "aborted") throw error;
  }
}

/**
 * One page of the channel's links with their variant's values and their price_sync_items row. Two
 * queries: the items are read by the page's variant ids (a join on the shared workspace/channel
 * columns let the planner scan the channel's items once per link on a table without statistics).
 */
async function loadPlanInputs(
  db: Db,
  scope: { workspaceId: string; channelId: string },
  afterVariantId: string | null,
  limit: number,
  onlyProducts: string[] | null,
) {
  const where = [eq(listingLinks.workspaceId, scope.workspaceId), eq(listingLinks.channelId, scope.channelId)];
  if (afterVariantId) where.push(gt(listingLinks.variantId, afterVariantId));
  if (onlyProducts) where.push(inArray(listingLinks.sellercloudProductId, onlyProducts));
  const links = await db
    .select({
      variantId: listingLinks.variantId,
      productId: listingLinks.sellercloudProductId,
      sku: variants.sku,
      cost: variants.costCents,
      price: variants.priceCents,
      msrp: variants.msrpCents,
      map: variants.mapCents,
      quantity: variants.quantity,
    })
    .from(listingLinks)
    .innerJoin(variants, and(eq(variants.id, listingLinks.variantId), eq(variants.workspaceId, scope.workspaceId)))
    .where(and(...where))
    .orderBy(asc(listingLinks.variantId))
    .limit(limit);
  if (links.length === 0) return [];
  const items = await db
    .select({
      variantId: priceSyncItems.variantId,
      itemProductId: priceSyncItems.sellercloudProductId,
      confirmedPrice: priceSyncItems.confirmedPriceCents,
      confirmedQty: priceSyncItems.confirmedQty,
      confirmedWarehouse: priceSyncItems.confirmedWarehouseId,
      plannedPrice: priceSyncItems.plannedPriceCents,
      priceState: priceSyncItems.priceState,
      plannedQty: priceSyncItems.plannedQty,
      qtyState: priceSyncItems.qtyState,
      scPrice: priceSyncItems.scPriceCents,
      scQty: priceSyncItems.scQty,
      scReadAt: priceSyncItems.scReadAt,
    })
    .from(priceSyncItems)
    .where(
      and(
        eq(priceSyncItems.workspaceId, scope.workspaceId),
        eq(priceSyncItems.channelId, scope.channelId),
        gte(priceSyncItems.variantId, links[0]!.variantId),
        lte(priceSyncItems.variantId, links.at(-1)!.variantId),
      ),
    );
  const byVariant = new Map(items.map((i) => [i.variantId, i]));
  return links.map((l) => {
    const i = byVariant.get(l.variantId);
    return {
      ...l,
      itemProductId: i?.itemProductId ?? null,
      confirmedPrice: i?.confirmedPrice ?? null,
      confirmedQty: i?.confirmedQty ?? null,
      confirmedWarehouse: i?.confirmedWarehouse ?? null,
      plannedPrice: i?.plannedPrice ?? null,
      priceState: i?.priceState ?? null,
      plannedQty: i?.plannedQty ?? null,
      qtyState: i?.qtyState ?? null,
      scPrice: i?.scPrice ?? null,
      scQty: i?.scQty ?? null,
      scReadAt: i?.scReadAt ?? null,
    };
  });
}
