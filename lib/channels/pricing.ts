/**
 * The pricing and quantity rules as pure functions: the wizard's live preview and Sync Prices &
 * Quantities (lib/operations/sync-prices/decide.ts, which sends them to SellerCloud) both use these,
 * so the preview shows exactly what is sent.
 */

import { decimalToCents, percentOfCents } from "@/lib/money/cents";
import type { PricingRules } from "./settings";

export interface PricedItem {
  sku: string;
  title?: string;
  /** Dollars; null when the listing does not carry the value. */
  cost: number | null;
  price: number | null;
  msrp: number | null;
  map: number | null;
  quantity: number | null;
}

export interface PriceResult {
  price: number | null;
  /** Plain notes on what changed the price (floors, caps, rounding) or why there is none. */
  notes: string[];
}

/**
 * Dollars (as the preview and the settings hold them) to integer cents through their decimal text
 * (lib/money/cents.ts): 19.99 is 1999 exactly, never 1998.9999 rounded. Rules compute in cents.
 */
function toCents(dollars: number): number {
  const result = decimalToCents(String(dollars));
  if (!result.ok) throw new RangeError(`Not an amount: ${dollars}`);
  return result.cents;
}

const toDollars = (cents: number) => cents / 100;

function basePrice(rules: PricingRules["price"], item: PricedItem): { cents: number | null; missing?: string } {
  switch (rules.base) {
    case "price":
      return item.price === null ? { cents: null, missing: "no price" } : { cents: toCents(item.price) };
    case "cost_markup_percent":
      return item.cost === null
        ? { cents: null, missing: "no cost" }
        : { cents: percentOfCents(toCents(item.cost), 100 + rules.amount) };
    case "cost_markup_flat":
      return item.cost === null
        ? { cents: null, missing: "no cost" }
        : { cents: toCents(item.cost) + toCents(rules.amount) };
    case "msrp_discount_percent":
      return item.msrp === null
        ? { cents: null, missing: "no MSRP" }
        : { cents: percentOfCents(toCents(item.msrp), 100 - rules.amount) };
  }
}

/**
 * The price a channel would send for an item under the rules, in dollars with whole cents, and notes
 * on what changed it. Computed in integer cents (percentages rounded half away from zero at the cent).
 */
export function applyPriceRules(rules: PricingRules["price"], item: PricedItem): PriceResult {
  const base = basePrice(rules, item);
  if (base.cents === null) return { price: null, notes: [`Not priced: the listing has ${base.missing}`] };
  const notes: string[] = [];
  let price = base.cents;
  if (rules.roundTo99) {
    const rounded = Math.floor(price / 100) * 100 + 99;
    if (rounded !== price) notes.push("rounded to .99");
    price = rounded;
  }
  if (rules.min !== null && price < toCents(rules.min)) {
    price = toCents(rules.min);
    notes.push("raised to the minimum");
  }
  if (rules.max !== null && price > toCents(rules.max)) {
    price = toCents(rules.max);
    notes.push("lowered to the maximum");
  }
  if (rules.neverAboveMsrp && item.msrp !== null && price > toCents(item.msrp)) {
    price = toCents(item.msrp);
    notes.push("capped at MSRP");
  }
  // Floors come last on purpose: never selling below cost or MAP wins over every cap.
  if (rules.neverBelowMap && item.map !== null && price < toCents(item.map)) {
    price = toCents(item.map);
    notes.push("raised to MAP");
  }
  if (rules.neverBelowCost && item.cost !== null && price < toCents(item.cost)) {
    price = toCents(item.cost);
    notes.push("raised to cost");
  }
  return { price: toDollars(price), notes };
}

export function applyQuantityRules(rules: PricingRules["quantity"], stock: number | null): number | null {
  if (stock === null) return null;
  let quantity = Math.floor((Math.max(0, stock) * rules.percentOfStock) / 100) - rules.buffer;
  quantity = Math.max(0, quantity);
  if (rules.max !== null) quantity = Math.min(quantity, rules.max);
  return quantity;
}

export const DEFAULT_PRICING_RULES: PricingRules = {
  price: {
    base: "price",
    amount: 0,
    neverBelowCost: true,
    neverBelowMap: true,
    neverAboveMsrp: false,
    roundTo99: false,
    min: null,
    max: null,
  },
  quantity: { buffer: 0, max: null, percentOfStock: 100 },
};

/** Shown when the workspace has no catalog yet; the preview says these are samples. */
export const SAMPLE_PRICED_ITEMS: PricedItem[] = [
  { sku: "SAMPLE-TEE-M", title: "Sample T-shirt", cost: 6.4, price: 19.99, msrp: 24, map: 17.5, quantity: 42 },
  { sku: "SAMPLE-MUG", title: "Sample mug", cost: 3.1, price: 12, msrp: 14.99, map: null, quantity: 5 },
  { sku: "SAMPLE-LAMP", title: "Sample desk lamp", cost: 28, price: null, msrp: 59.99, map: 49.99, quantity: 0 },
];
