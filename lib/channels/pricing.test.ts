import { describe, expect, it } from "vitest";
import { applyPriceRules, applyQuantityRules, DEFAULT_PRICING_RULES, type PricedItem } from "./pricing";
import type { PricingRules } from "./settings";

const item: PricedItem = { sku: "A", cost: 10, price: 20, msrp: 30, map: 18, quantity: 10 };
const rules = (over: Partial<PricingRules["price"]>): PricingRules["price"] => ({
  ...DEFAULT_PRICING_RULES.price,
  ...over,
});

describe("applyPriceRules", () => {
  it.each([
    ["keeps the listing price", rules({}), item, 20],
    ["marks cost up by a percent", rules({ base: "cost_markup_percent", amount: 50 }), item, 18],
    ["marks cost up by a flat amount", rules({ base: "cost_markup_flat", amount: 12.5 }), item, 22.5],
    ["discounts MSRP", rules({ base: "msrp_discount_percent", amount: 10 }), item, 27],
    ["rounds to .99", rules({ roundTo99: true }), { ...item, price: 21.4 }, 21.99],
    ["raises to the minimum", rules({ min: 25 }), item, 25],
    ["lowers to the maximum", rules({ max: 19 }), item, 19],
    ["caps at MSRP", rules({ neverAboveMsrp: true, base: "cost_markup_percent", amount: 300 }), item, 30],
    ["never goes below MAP", rules({ base: "cost_markup_percent", amount: 20 }), item, 18],
    ["never goes below cost, even under a maximum", rules({ max: 5, neverBelowMap: false }), item, 10],
  ])("%s", (_title, price, input, expected) => {
    expect(applyPriceRules(price, input).price).toBe(expected);
  });

  it("says why a listing without a cost has no price", () => {
    const result = applyPriceRules(rules({ base: "cost_markup_flat", amount: 1 }), { ...item, cost: null });
    expect(result.price).toBeNull();
    expect(result.notes[0]).toMatch(/no cost/);
  });
});

describe("applyQuantityRules", () => {
  it.each([
    ["sends the stock", { buffer: 0, max: null, percentOfStock: 100 }, 10, 10],
    ["keeps a buffer", { buffer: 3, max: null, percentOfStock: 100 }, 10, 7],
    ["never goes below zero", { buffer: 30, max: null, percentOfStock: 100 }, 10, 0],
    ["caps at a maximum", { buffer: 0, max: 4, percentOfStock: 100 }, 10, 4],
    ["sends a percent of stock, rounded down", { buffer: 0, max: null, percentOfStock: 55 }, 10, 5],
  ])("%s", (_title, quantity, stock, expected) => {
    expect(applyQuantityRules(quantity, stock)).toBe(expected);
  });
});
