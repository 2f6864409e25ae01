/**
 * A channel's routing rules in the database (table vendor_routing_rules), the order lines routing
 * reads (with their variant's brand, tags and vendor), and the editor's preview on a real order.
 */

import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listings, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { routingRules, variantVendors, vendors } from "@/db/schema/vendors";
import { AppError, notFound } from "@/lib/errors";
import { type LinePlacement, type RoutableOrder, type RoutingRule, routeOrder } from "./routing";
import { routingRulesInputSchema, type RoutingRulesInput } from "./schemas";
import { activeVendorNames } from "./vendors";

/** One routable line with what the order page and requests show of it. */
export interface LoadedLine {
  orderItemId: string;
  lineNumber: number;
  sku: string | null;
  name: string | null;
  quantity: number | null;
  variant: { vendorId: string | null; brand: string | null; tags: string[] } | null;
  vendorSku: string | null;
  vendorCostCents: number | null;
}

export interface LoadedOrder extends RoutableOrder {
  id: string;
  sellercloudOrderId: number;
  lines: LoadedLine[];
}

async function channelOf(db: Db, workspaceId: string, channelId: string) {
  const [row] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)));
  if (!row) throw notFound("That channel");
  return row;
}

/** The channel's rules in order. */
export async function loadRoutingRules(
  db: Db,
  scope: { workspaceId: string; channelId: string },
): Promise<RoutingRule[]> {
  const rows = await db
    .select({ kind: routingRules.kind, values: routingRules.values, vendorId: routingRules.vendorId })
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, scope.workspaceId), eq(routingRules.channelId, scope.channelId)))
    .orderBy(asc(routingRules.position));
  return rows;
}

/**
 * Replaces the channel's rules with `input.rules` (in that order), in one transaction.
 * Errors: NOT_FOUND (channel), VALIDATION (a rule's fields, with `rules.N.field` keys; a vendor not
 * of the workspace).
 */
export async function saveRoutingRules(db: Db, workspaceId: string, input: RoutingRulesInput): Promise<RoutingRule[]> {
  const parsed = routingRulesInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
    throw new AppError("VALIDATION", "Some rules need attention.", { fieldErrors });
  }
  const { channelId, rules } = parsed.data;
  await channelOf(db, workspaceId, channelId);
  const vendorIds = [...new Set(rules.map((r) => r.vendorId).filter((v): v is string => v !== null))];
  if (vendorIds.length) {
    const found = await db
      .select({ id: vendors.id })
      .from(vendors)
      .where(and(eq(vendors.workspaceId, workspaceId), inArray(vendors.id, vendorIds)));
    const known = new Set(found.map((f) => f.id));
    const fieldErrors: Record<string, string> = {};
    rules.forEach((r, i) => {
      if (r.vendorId && !known.has(r.vendorId)) fieldErrors[`rules.${i}.vendorId`] = "Choose one of your vendors";
    });
    if (Object.keys(fieldErrors).length)
      throw new AppError("VALIDATION", "Choose one of your vendors.", { fieldErrors });
  }
  const stored = rules.map((r) => ({
    kind: r.kind,
    values: r.kind === "ship_country" ? r.values.map((v) => v.toUpperCase()) : r.values,
    vendorId: r.kind === "variant_vendor" ? null : r.vendorId,
  }));
  await db.transaction(async (tx) => {
    await tx
      .delete(routingRules)
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.channelId, channelId)));
    if (stored.length)
      await tx.insert(routingRules).values(stored.map((r, position) => ({ workspaceId, channelId, position, ...r })));
  });
  return stored;
}

/** Orders of the workspace with their lines as routing reads them, in the order of `orderIds`. */
export async function loadRoutableOrders(db: Db, workspaceId: string, orderIds: string[]): Promise<LoadedOrder[]> {
  if (orderIds.length === 0) return [];
  const heads = await db
    .select({ id: orders.id, sellercloudOrderId: orders.sellercloudOrderId, shipCountry: orders.shippingCountryCode })
    .from(orders)
    .where(and(eq(orders.workspaceId, workspaceId), inArray(orders.id, orderIds)));
  const lines = await db
    .select({
      orderId: orderItems.orderId,
      orderItemId: orderItems.id,
      lineNumber: orderItems.lineNumber,
      sku: orderItems.productId,
      name: orderItems.displayName,
      quantity: orderItems.quantity,
      variantId: variants.id,
      brand: listings.brand,
      tags: listings.tags,
      vendorId: variantVendors.vendorId,
      vendorSku: variantVendors.vendorSku,
      vendorCostCents: variantVendors.vendorCostCents,
    })
    .from(orderItems)
    .leftJoin(variants, eq(variants.id, orderItems.variantId))
    .leftJoin(listings, eq(listings.id, variants.listingId))
    .leftJoin(variantVendors, eq(variantVendors.variantId, variants.id))
    .where(and(eq(orderItems.workspaceId, workspaceId), inArray(orderItems.orderId, orderIds)))
    .orderBy(asc(orderItems.orderId), asc(orderItems.lineNumber));
  const byOrder = new Map<string, LoadedLine[]>();
  for (const l of lines) {
    const list = byOrder.get(l.orderId) ?? [];
    list.push({
      orderItemId: l.orderItemId,
      lineNumber: l.lineNumber,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      variant: l.variantId ? { vendorId: l.vendorId ?? null, brand: l.brand ?? null, tags: l.tags ?? [] } : null,
      vendorSku: l.vendorSku ?? null,
      vendorCostCents: l.vendorCostCents ?? null,
    });
    byOrder.set(l.orderId, list);
  }
  const headById = new Map(heads.map((h) => [h.id, h]));
  return orderIds
    .map((id) => headById.get(id))
    .filter((h): h is NonNullable<typeof h> => h !== undefined)
    .map((h) => ({ ...h, lines: byOrder.get(h.id) ?? [] }));
}

export interface RoutingPreviewLine {
  orderItemId: string;
  lineNumber: number;
  sku: string | null;
  name: string | null;
  quantity: number | null;
  placement: LinePlacement;
  vendorName: string | null;
}

/**
 * Where each line of one of the channel's imported orders would go under `rules` (the editor's
 * unsaved rules; the saved ones when omitted). Writes nothing. Errors: NOT_FOUND (order not of
 * this channel and workspace), VALIDATION (rules).
 */
export async function previewRouting(
  db: Db,
  scope: { workspaceId: string; channelId: string; orderId: string },
  rules?: RoutingRulesInput["rules"],
): Promise<{ sellercloudOrderId: number; shipCountry: string | null; lines: RoutingPreviewLine[] }> {
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.id, scope.orderId),
        eq(orders.workspaceId, scope.workspaceId),
        eq(orders.channelId, scope.channelId),
      ),
    );
  if (!order) throw notFound("That order");
  let active: RoutingRule[];
  if (rules) {
    const parsed = routingRulesInputSchema.safeParse({ channelId: scope.channelId, rules });
    if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "Check the rules.");
    active = parsed.data.rules;
  } else active = await loadRoutingRules(db, scope);
  const vendorNames = await activeVendorNames(db, scope.workspaceId);
  const [loaded] = await loadRoutableOrders(db, scope.workspaceId, [order.id]);
  const placements = routeOrder(active, loaded!, vendorNames);
  return {
    sellercloudOrderId: loaded!.sellercloudOrderId,
    shipCountry: loaded!.shipCountry,
    lines: loaded!.lines.map((l, i) => {
      const placement = placements[i]!;
      return {
        orderItemId: l.orderItemId,
        lineNumber: l.lineNumber,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        placement,
        vendorName: placement.placed ? (vendorNames.get(placement.vendorId) ?? null) : null,
      };
    }),
  };
}
