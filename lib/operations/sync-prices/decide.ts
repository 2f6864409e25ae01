/**
 * Sync Prices & Quantities' engine, pure: the channel's Pricing & Quantity rules turn a variant
 * into a price and a quantity (lib/channels/pricing.ts, the same functions as the wizard's
 * preview), then the safety rails decide per variant whether the value is sent, left alone
 * (unchanged since SellerCloud last confirmed it), held for review, refused or skipped, each with
 * a plain reason. The run-wide rail (too many quantities zeroed) is `zeroingHold`.
 */

import type { PriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { applyPriceRules, applyQuantityRules, type PricedItem } from "@/lib/channels/pricing";
import type { PricingRules } from "@/lib/channels/settings";

/** What is known of a variant's last push: the values SellerCloud confirmed (null: never sent). */
export interface Confirmed {
  priceCents: number | null;
  qty: number | null;
  /** Warehouse the confirmed quantity was set in; a different warehouse now means "send again". */
  warehouseId: number | null;
}

/** An earlier review decision on a value (held -> approved / skipped), matched by the value it was about. */
export interface Review {
  state: "approved" | "skipped" | "held" | null;
  /** The planned value the decision was about (cents for price, units for quantity). */
  value: number | null;
}

export type DecisionKind = "unchanged" | "send" | "hold" | "refuse" | "skip";

export type DecisionCode =
  | "unchanged"
  | "changed"
  | "first_push"
  | "approved"
  | "large_change"
  | "still_held"
  | "review_skipped"
  | "below_cost"
  | "below_map"
  | "missing_cost"
  | "missing_value"
  | "no_warehouse";

export interface Decision {
  kind: DecisionKind;
  code: DecisionCode;
  /** Cents for a price, units for a quantity; null when none could be computed. */
  value: number | null;
  /** Which rule made the value, in words ("Cost + 40 %, rounded to .99"). */
  why: string;
  /** Why it is held, refused or skipped, in plain words naming the variant's SKU. */
  reason?: string;
}

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The price rule in words, with the notes applyPriceRules gave (rounding, floors, caps). */
export function describePriceRule(rules: PricingRules["price"], notes: readonly string[]): string {
  const base = {
    price: "The listing's price",
    cost_markup_percent: `Cost + ${rules.amount} %`,
    cost_markup_flat: `Cost + $${rules.amount.toFixed(2)}`,
    msrp_discount_percent: `MSRP − ${rules.amount} %`,
  }[rules.base];
  return notes.length ? `${base}, ${notes.join(", ")}` : base;
}

/** The quantity rule in words. */
export function describeQuantityRule(rules: PricingRules["quantity"]): string {
  const parts = [rules.percentOfStock === 100 ? "Stock" : `${rules.percentOfStock} % of stock`];
  if (rules.buffer) parts.push(`minus a buffer of ${rules.buffer}`);
  if (rules.max !== null) parts.push(`at most ${rules.max}`);
  return parts.join(", ");
}

const needsCost = (rules: PricingRules["price"]) =>
  rules.base === "cost_markup_percent" || rules.base === "cost_markup_flat";

/**
 * The price decision of one variant. Order: missing cost (rule needs it) -> skip; other missing
 * values -> skip; below cost / MAP (rails) -> refuse; equal to what SellerCloud confirmed ->
 * unchanged; never sent and first pushes are reviewed -> hold (first_push); reviewed before with
 * the same value -> send (approved) or skip (review_skipped) or stay held; more than
 * holdPriceChangePercent from the confirmed price -> hold; else send.
 */
export function decidePrice(
  rules: PricingRules["price"],
  rails: PriceSyncSettings,
  item: PricedItem,
  confirmed: Confirmed,
  review: Review,
): Decision {
  const result = applyPriceRules(rules, item);
  const why = describePriceRule(rules, result.price === null ? [] : result.notes);
  if (result.price === null) {
    if (needsCost(rules) && item.cost === null)
      return {
        kind: "skip",
        code: "missing_cost",
        value: null,
        why,
        reason: `${item.sku}: not priced, the rule needs a cost and the variant has none.`,
      };
    return {
      kind: "skip",
      code: "missing_value",
      value: null,
      why,
      reason: `${item.sku}: ${result.notes.join("; ")}.`,
    };
  }
  const cents = Math.round(result.price * 100);
  const costCents = item.cost === null ? null : Math.round(item.cost * 100);
  const mapCents = item.map === null ? null : Math.round(item.map * 100);
  if (rails.refuseBelowCost && costCents !== null && cents < costCents)
    return {
      kind: "refuse",
      code: "below_cost",
      value: cents,
      why,
      reason: `${item.sku}: ${money(cents)} is below its cost of ${money(costCents)}; not sent.`,
    };
  if (rails.refuseBelowMap && mapCents !== null && cents < mapCents)
    return {
      kind: "refuse",
      code: "below_map",
      value: cents,
      why,
      reason: `${item.sku}: ${money(cents)} is below its MAP of ${money(mapCents)}; not sent.`,
    };
  if (confirmed.priceCents === cents) return { kind: "unchanged", code: "unchanged", value: cents, why };
  const reviewed = reviewDecision(review, cents, why);
  if (reviewed) return reviewed;
  if (confirmed.priceCents === null) {
    if (rails.reviewFirstPush)
      return {
        kind: "hold",
        code: "first_push",
        value: cents,
        why,
        reason: `${item.sku}: first price sent to SellerCloud (${money(cents)}); review it before it is sent.`,
      };
    return { kind: "send", code: "changed", value: cents, why };
  }
  const limit = rails.holdPriceChangePercent;
  if (limit !== null) {
    const from = confirmed.priceCents;
    const change = from === 0 ? Number.POSITIVE_INFINITY : (Math.abs(cents - from) * 100) / from;
    if (change > limit)
      return {
        kind: "hold",
        code: "large_change",
        value: cents,
        why,
        reason: `${item.sku}: price would move from ${money(from)} to ${money(cents)} (${formatPercent(change)}), more than the ${limit} % allowed in one run; held for review.`,
      };
  }
  return { kind: "send", code: "changed", value: cents, why };
}

/**
 * The quantity decision of one variant for the channel's warehouse: no warehouse or no stock ->
 * skip; equal to the confirmed quantity in the same warehouse -> unchanged; first push -> hold when
 * first pushes are reviewed; an earlier review of the same value decides; else send.
 */
export function decideQuantity(
  rules: PricingRules["quantity"],
  rails: PriceSyncSettings,
  item: PricedItem,
  confirmed: Confirmed,
  review: Review,
): Decision {
  const why = describeQuantityRule(rules);
  if (rails.warehouseId === null)
    return {
      kind: "skip",
      code: "no_warehouse",
      value: null,
      why,
      reason: `${item.sku}: no SellerCloud warehouse is chosen for quantities.`,
    };
  const qty = applyQuantityRules(rules, item.quantity);
  if (qty === null)
    return {
      kind: "skip",
      code: "missing_value",
      value: null,
      why,
      reason: `${item.sku}: the variant has no stock quantity; not sent.`,
    };
  const sameWarehouse = confirmed.warehouseId === rails.warehouseId;
  if (sameWarehouse && confirmed.qty === qty) return { kind: "unchanged", code: "unchanged", value: qty, why };
  const reviewed = reviewDecision(review, qty, why);
  if (reviewed) return reviewed;
  if (confirmed.qty === null || !sameWarehouse) {
    if (rails.reviewFirstPush)
      return {
        kind: "hold",
        code: "first_push",
        value: qty,
        why,
        reason: `${item.sku}: first quantity sent to this SellerCloud warehouse (${qty}); review it before it is sent.`,
      };
  }
  return { kind: "send", code: "changed", value: qty, why };
}

/** An earlier review of exactly this value: approved -> send, skipped -> skip, still held -> hold. */
function reviewDecision(review: Review, value: number, why: string): Decision | null {
  if (review.value !== value || review.state === null) return null;
  if (review.state === "approved") return { kind: "send", code: "approved", value, why };
  if (review.state === "skipped") return { kind: "skip", code: "review_skipped", value, why };
  return { kind: "hold", code: "still_held", value, why };
}

function formatPercent(p: number): string {
  return Number.isFinite(p) ? `${Math.round(p * 10) / 10} %` : "from $0.00";
}

/**
 * The run-wide rail: quantities this run would set to 0 (from a confirmed quantity above 0, or
 * never sent) against every quantity it computed. Held when the share is above `limitPercent`
 * (null: never). Returns the sentence for the run, or null when the run may go on.
 */
export function zeroingHold(
  counts: { zeroing: number; withQuantity: number },
  limitPercent: number | null,
): string | null {
  if (limitPercent === null || counts.withQuantity === 0 || counts.zeroing === 0) return null;
  const share = (counts.zeroing * 100) / counts.withQuantity;
  if (share <= limitPercent) return null;
  return `This run would set ${counts.zeroing} of ${counts.withQuantity} quantities to 0 (${formatPercent(share)}), more than the ${limitPercent} % allowed; the whole run is held for review and nothing was sent.`;
}
