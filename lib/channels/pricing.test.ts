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

  it("computes in whole cents from the decimal amounts, half up", () => {
    const exact = { ...item, map: null };
    const markup = (amount: number, cost: number) =>
      applyPriceRules(rules({ base: "cost_markup_percent", amount }), { ...exact, cost }).price;
    const discount = (amount: number, msrp: number) =>
      applyPriceRules(rules({ base: "msrp_discount_percent", amount, neverBelowCost: false }), { ...exact, msrp })
        .price;
    // 1.15 × 1.10 is 1.2649999… in binary floating point (rounded to 1.26); in cents 126.5 -> 127.
    expect(markup(10, 1.15)).toBe(1.27);
    expect(markup(15, 0.5)).toBe(0.58);
    expect(markup(10, 17.15)).toBe(18.87);
    expect(discount(10, 1.15)).toBe(1.04);
    expect(discount(50, 0.29)).toBe(0.15);
    expect(applyPriceRules(rules({ base: "cost_markup_flat", amount: 0.2 }), { ...exact, cost: 0.1 }).price).toBe(0.3);
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
