/**
 * The routing engine: which vendor fulfils each order line. Pure (no database), so the rules
 * editor's preview and Submit to Vendors place lines the same way.
 *
 * A channel's rules are tried in order; the first rule that matches a line places it:
 *  - variant_vendor: the line's catalog variant has a vendor (catalog CSV column `vendor`);
 *  - brand / tag: the variant's listing brand, or one of its tags, is in the rule's list;
 *  - sku_prefix: the line's SKU starts with one of the prefixes;
 *  - ship_country: the order's ship-to country code is in the list;
 *  - default: every line.
 * Lists compare trimmed and without case. A rule naming an archived or deleted vendor never matches.
 * A line no rule places is held with a plain reason, and so is a line with a quantity of 0 or less.
 */

import type { RoutingRuleKind } from "@/db/schema/vendors";

export interface RoutingRule {
  kind: RoutingRuleKind;
  /** Brands, tags, SKU prefixes or country codes; ignored by variant_vendor and default. */
  values: string[];
  /** The vendor the rule sends to; null for variant_vendor (the variant's own vendor). */
  vendorId: string | null;
}

export interface RoutableLine {
  orderItemId: string;
  /** The order line's SKU (SellerCloud ProductID). */
  sku: string | null;
  quantity: number | null;
  /** The catalog variant the line sells, when Get Orders linked one. */
  variant: { vendorId: string | null; brand: string | null; tags: string[] } | null;
}

export interface RoutableOrder {
  /** ISO 3166 alpha-2 ship-to country code. */
  shipCountry: string | null;
  lines: RoutableLine[];
}

/** The vendors rules may send to: id → name (archived vendors left out). */
export type ActiveVendors = ReadonlyMap<string, string>;

export type LinePlacement =
  | {
      orderItemId: string;
      placed: true;
      vendorId: string;
      /** 0-based index of the rule that placed the line. */
      ruleIndex: number;
      /** "Rule 2 (brand Acme)": shown on the order and in the preview. */
      routedBy: string;
    }
  | { orderItemId: string; placed: false; reason: string };

const norm = (s: string) => s.trim().toLowerCase();

/** "brand Acme, Zeta", "the variant's vendor", "default": a rule in words. */
export function describeRule(rule: RoutingRule): string {
  const list = rule.values.join(", ");
  switch (rule.kind) {
    case "variant_vendor":
      return "the variant's vendor";
    case "brand":
      return `brand ${list}`;
    case "tag":
      return `tag ${list}`;
    case "sku_prefix":
      return `SKU starting ${list}`;
    case "ship_country":
      return `ship-to country ${list}`;
    case "default":
      return "default vendor";
  }
}

/** The vendor a rule gives a line, or null when the rule does not match it. */
function matchRule(rule: RoutingRule, line: RoutableLine, order: RoutableOrder): string | null {
  const values = new Set(rule.values.map(norm).filter(Boolean));
  const v = line.variant;
  switch (rule.kind) {
    case "variant_vendor":
      return v?.vendorId ?? null;
    case "brand":
      return v?.brand && values.has(norm(v.brand)) ? rule.vendorId : null;
    case "tag":
      return v?.tags.some((t) => values.has(norm(t))) ? rule.vendorId : null;
    case "sku_prefix": {
      const sku = line.sku ? norm(line.sku) : "";
      return sku && [...values].some((p) => sku.startsWith(p)) ? rule.vendorId : null;
    }
    case "ship_country":
      return order.shipCountry && values.has(norm(order.shipCountry)) ? rule.vendorId : null;
    case "default":
      return rule.vendorId;
  }
}

/** Why no rule placed the line, in words a merchant can act on. */
function heldReason(rules: readonly RoutingRule[], line: RoutableLine, order: RoutableOrder): string {
  if (rules.length === 0) return "The channel has no routing rules yet: add one (or a default vendor).";
  const facts = [
    `SKU ${line.sku ?? "(none)"}`,
    line.variant ? `brand ${line.variant.brand || "(none)"}` : "no catalog variant linked",
    line.variant?.tags.length ? `tags ${line.variant.tags.join(", ")}` : null,
    line.variant ? (line.variant.vendorId ? null : "no vendor on the variant") : null,
    `ship-to country ${order.shipCountry || "(none)"}`,
  ].filter(Boolean);
  return `No routing rule matched (${facts.join("; ")}). Add a rule or a default vendor, then run Submit to Vendors again.`;
}

/**
 * Places every line of one order: the first rule (in order) that matches and names an active
 * vendor wins; otherwise the line is held with a reason. Lines keep the order's order.
 */
export function routeOrder(
  rules: readonly RoutingRule[],
  order: RoutableOrder,
  vendors: ActiveVendors,
): LinePlacement[] {
  return order.lines.map((line): LinePlacement => {
    if ((line.quantity ?? 0) <= 0) {
      return {
        orderItemId: line.orderItemId,
        placed: false,
        reason: `Quantity ${line.quantity ?? 0}: there is nothing to fulfil; check the line in SellerCloud.`,
      };
    }
    for (const [index, rule] of rules.entries()) {
      const vendorId = matchRule(rule, line, order);
      if (vendorId && vendors.has(vendorId)) {
        return {
          orderItemId: line.orderItemId,
          placed: true,
          vendorId,
          ruleIndex: index,
          routedBy: `Rule ${index + 1} (${describeRule(rule)})`,
        };
      }
    }
    return { orderItemId: line.orderItemId, placed: false, reason: heldReason(rules, line, order) };
  });
}

/** Placed lines grouped by vendor, in the order each vendor first appears: one request each. */
export function groupByVendor(placements: readonly LinePlacement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of placements) {
    if (!p.placed) continue;
    const list = out.get(p.vendorId) ?? [];
    list.push(p.orderItemId);
    out.set(p.vendorId, list);
  }
  return out;
}
