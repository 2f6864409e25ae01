import { describe, expect, it } from "vitest";
import { PRICE_SYNC_DEFAULTS, type PriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { DEFAULT_PRICING_RULES, type PricedItem } from "@/lib/channels/pricing";
import type { PricingRules } from "@/lib/channels/settings";
import { type Confirmed, decidePrice, decideQuantity, type Review, zeroingHold } from "./decide";

/** The engine, table-driven: rules -> values (rounding, MAP floor, buffers) and every rail. */

const item = (over: Partial<PricedItem> = {}): PricedItem => ({
  sku: "SKU-1",
  cost: 10,
  price: 19.99,
  msrp: 30,
  map: 15,
  quantity: 12,
  ...over,
});
const priceRules = (over: Partial<PricingRules["price"]> = {}): PricingRules["price"] => ({
  ...DEFAULT_PRICING_RULES.price,
  ...over,
});
const qtyRules = (over: Partial<PricingRules["quantity"]> = {}): PricingRules["quantity"] => ({
  ...DEFAULT_PRICING_RULES.quantity,
  ...over,
});
const rails = (over: Partial<PriceSyncSettings> = {}): PriceSyncSettings => ({
  ...PRICE_SYNC_DEFAULTS,
  reviewFirstPush: false,
  warehouseId: 7,
  ...over,
});
const sent = (priceCents: number | null, qty: number | null = null, warehouseId: number | null = 7): Confirmed => ({
  priceCents,
  qty,
  warehouseId,
});
const none: Review = { state: null, value: null };

describe("decidePrice", () => {
  const cases: Array<{
    name: string;
    rules?: Partial<PricingRules["price"]>;
    rails?: Partial<PriceSyncSettings>;
    item?: Partial<PricedItem>;
    confirmed?: Confirmed;
    review?: Review;
    kind: string;
    code: string;
    value: number | null;
    reason?: RegExp;
    why?: RegExp;
  }> = [
    { name: "never sent: sent as is", confirmed: sent(null), kind: "send", code: "changed", value: 1999 },
    {
      name: "equal to the confirmed price: nothing sent",
      confirmed: sent(1999),
      kind: "unchanged",
      code: "unchanged",
      value: 1999,
    },
    { name: "small change: sent", confirmed: sent(1800), kind: "send", code: "changed", value: 1999 },
    {
      name: "cost + 40 %, rounded to .99",
      rules: { base: "cost_markup_percent", amount: 40, roundTo99: true },
      item: { map: null },
      confirmed: sent(1300),
      kind: "send",
      code: "changed",
      value: 1499,
      why: /Cost \+ 40 %, rounded to \.99/,
    },
    {
      name: "cost + a flat amount",
      rules: { base: "cost_markup_flat", amount: 2.5 },
      item: { map: null },
      confirmed: sent(1200),
      kind: "send",
      code: "changed",
      value: 1250,
    },
    {
      name: "MAP floor raises the price",
      rules: { base: "msrp_discount_percent", amount: 60 },
      confirmed: sent(1500),
      kind: "unchanged",
      code: "unchanged",
      value: 1500,
      why: /raised to MAP/,
    },
    {
      name: "below MAP with the rule's floor off: refused by the rail",
      rules: { base: "msrp_discount_percent", amount: 60, neverBelowMap: false },
      item: { cost: 5 },
      confirmed: sent(1500),
      kind: "refuse",
      code: "below_map",
      value: 1200,
      reason: /SKU-1: \$12\.00 is below its MAP of \$15\.00; not sent/,
    },
    {
      name: "below cost with the rule's floor off: refused by the rail",
      rules: { base: "price", neverBelowCost: false, neverBelowMap: false },
      item: { price: 8, map: null },
      confirmed: sent(900),
      kind: "refuse",
      code: "below_cost",
      value: 800,
      reason: /below its cost of \$10\.00/,
    },
    {
      name: "rail off: a price below cost is sent",
      rules: { neverBelowCost: false, neverBelowMap: false },
      rails: { refuseBelowCost: false },
      item: { price: 8, map: null },
      confirmed: sent(850),
      kind: "send",
      code: "changed",
      value: 800,
    },
    {
      name: "no cost where the rule needs one: skipped",
      rules: { base: "cost_markup_percent", amount: 20 },
      item: { cost: null },
      kind: "skip",
      code: "missing_cost",
      value: null,
      reason: /needs a cost and the variant has none/,
    },
    {
      name: "no price: skipped",
      item: { price: null },
      kind: "skip",
      code: "missing_value",
      value: null,
      reason: /no price/,
    },
    {
      name: "a 50 % jump is held",
      item: { price: 30, msrp: 40 },
      confirmed: sent(2000),
      kind: "hold",
      code: "large_change",
      value: 3000,
      reason: /from \$20\.00 to \$30\.00 \(50 %\), more than the 30 % allowed/,
    },
    {
      name: "exactly 30 %: sent",
      item: { price: 26, msrp: 40 },
      confirmed: sent(2000),
      kind: "send",
      code: "changed",
      value: 2600,
    },
    {
      name: "a 40 % drop is held",
      item: { price: 12, map: null },
      confirmed: sent(2000),
      kind: "hold",
      code: "large_change",
      value: 1200,
    },
    {
      name: "change rail off",
      rails: { holdPriceChangePercent: null },
      item: { price: 30, msrp: 40 },
      confirmed: sent(2000),
      kind: "send",
      code: "changed",
      value: 3000,
    },
    {
      name: "held then approved at the same value: sent",
      item: { price: 30, msrp: 40 },
      confirmed: sent(2000),
      review: { state: "approved", value: 3000 },
      kind: "send",
      code: "approved",
      value: 3000,
    },
    {
      name: "approved a different value: the rail decides again",
      item: { price: 31, msrp: 40 },
      confirmed: sent(2000),
      review: { state: "approved", value: 3000 },
      kind: "hold",
      code: "large_change",
      value: 3100,
    },
    {
      name: "skipped at the same value: stays skipped",
      item: { price: 30, msrp: 40 },
      confirmed: sent(2000),
      review: { state: "skipped", value: 3000 },
      kind: "skip",
      code: "review_skipped",
      value: 3000,
    },
    {
      name: "first push reviewed",
      rails: { reviewFirstPush: true },
      confirmed: sent(null),
      kind: "hold",
      code: "first_push",
      value: 1999,
      reason: /first price/,
    },
    {
      name: "first push approved",
      rails: { reviewFirstPush: true },
      confirmed: sent(null),
      review: { state: "approved", value: 1999 },
      kind: "send",
      code: "approved",
      value: 1999,
    },
    {
      name: "below-cost refusal wins over an approval",
      rules: { neverBelowCost: false, neverBelowMap: false },
      item: { price: 8, map: null },
      confirmed: sent(2000),
      review: { state: "approved", value: 800 },
      kind: "refuse",
      code: "below_cost",
      value: 800,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decidePrice(
        priceRules(c.rules),
        rails(c.rails),
        item(c.item),
        c.confirmed ?? sent(null),
        c.review ?? none,
      );
      expect({ kind: d.kind, code: d.code, value: d.value }).toEqual({ kind: c.kind, code: c.code, value: c.value });
      if (c.reason) expect(d.reason).toMatch(c.reason);
      if (c.why) expect(d.why).toMatch(c.why);
    });
  }
});

describe("decideQuantity", () => {
  const cases: Array<{
    name: string;
    rules?: Partial<PricingRules["quantity"]>;
    rails?: Partial<PriceSyncSettings>;
    item?: Partial<PricedItem>;
    confirmed?: Confirmed;
    review?: Review;
    kind: string;
    code: string;
    value: number | null;
  }> = [
    { name: "stock as is", confirmed: sent(null, null), kind: "send", code: "changed", value: 12 },
    { name: "unchanged", confirmed: sent(null, 12), kind: "unchanged", code: "unchanged", value: 12 },
    { name: "buffer", rules: { buffer: 5 }, confirmed: sent(null, 12), kind: "send", code: "changed", value: 7 },
    {
      name: "buffer never below 0",
      rules: { buffer: 50 },
      confirmed: sent(null, 3),
      kind: "send",
      code: "changed",
      value: 0,
    },
    {
      name: "percent of stock rounds down",
      rules: { percentOfStock: 50 },
      item: { quantity: 7 },
      kind: "send",
      code: "changed",
      value: 3,
    },
    { name: "capped", rules: { max: 10 }, confirmed: sent(null, 10), kind: "unchanged", code: "unchanged", value: 10 },
    {
      name: "negative stock is 0",
      item: { quantity: -4 },
      confirmed: sent(null, 1),
      kind: "send",
      code: "changed",
      value: 0,
    },
    { name: "another warehouse: sent again", confirmed: sent(null, 12, 3), kind: "send", code: "changed", value: 12 },
    { name: "no stock: skipped", item: { quantity: null }, kind: "skip", code: "missing_value", value: null },
    { name: "no warehouse: skipped", rails: { warehouseId: null }, kind: "skip", code: "no_warehouse", value: null },
    { name: "first push reviewed", rails: { reviewFirstPush: true }, kind: "hold", code: "first_push", value: 12 },
    {
      name: "first push approved",
      rails: { reviewFirstPush: true },
      review: { state: "approved", value: 12 },
      kind: "send",
      code: "approved",
      value: 12,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = decideQuantity(
        qtyRules(c.rules),
        rails(c.rails),
        item(c.item),
        c.confirmed ?? sent(null),
        c.review ?? none,
      );
      expect({ kind: d.kind, code: d.code, value: d.value }).toEqual({ kind: c.kind, code: c.code, value: c.value });
    });
  }
});

describe("zeroingHold", () => {
  const cases: Array<[string, { zeroing: number; withQuantity: number }, number | null, boolean]> = [
    ["none zeroed", { zeroing: 0, withQuantity: 100 }, 20, false],
    ["20 % exactly is allowed", { zeroing: 20, withQuantity: 100 }, 20, false],
    ["21 % holds", { zeroing: 21, withQuantity: 100 }, 20, true],
    ["rail off", { zeroing: 100, withQuantity: 100 }, null, false],
    ["nothing computed", { zeroing: 0, withQuantity: 0 }, 20, false],
  ];
  for (const [name, counts, limit, held] of cases) {
    it(name, () => {
      const sentence = zeroingHold(counts, limit);
      expect(sentence !== null).toBe(held);
      if (held) expect(sentence).toMatch(/held for review and nothing was sent/);
    });
  }
});
