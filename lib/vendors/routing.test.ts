import { describe, expect, it } from "vitest";
import { groupByVendor, type RoutableLine, type RoutableOrder, type RoutingRule, routeOrder } from "./routing";

const VENDORS = new Map([
  ["acme", "Acme Supply"],
  ["zeta", "Zeta 3PL"],
  ["home", "Own warehouse"],
]);

const line = (over: Partial<RoutableLine> = {}): RoutableLine => ({
  orderItemId: "L1",
  sku: "MUG-RED",
  quantity: 1,
  variant: { vendorId: null, brand: "Acme", tags: ["kitchen", "Sale"] },
  ...over,
});
const order = (l: RoutableLine, shipCountry: string | null = "US"): RoutableOrder => ({ shipCountry, lines: [l] });

const rule = (kind: RoutingRule["kind"], vendorId: string | null, values: string[] = []): RoutingRule => ({
  kind,
  values,
  vendorId,
});

type Expected = { vendor: string; rule: number } | { held: RegExp };

const TABLE: { name: string; rules: RoutingRule[]; line: RoutableLine; country?: string | null; expect: Expected }[] = [
  // Each rule kind matches…
  {
    name: "variant's vendor",
    rules: [rule("variant_vendor", null)],
    line: line({ variant: { vendorId: "zeta", brand: null, tags: [] } }),
    expect: { vendor: "zeta", rule: 0 },
  },
  {
    name: "brand (no case)",
    rules: [rule("brand", "acme", [" ACME "])],
    line: line(),
    expect: { vendor: "acme", rule: 0 },
  },
  { name: "tag (no case)", rules: [rule("tag", "zeta", ["sale"])], line: line(), expect: { vendor: "zeta", rule: 0 } },
  {
    name: "SKU prefix",
    rules: [rule("sku_prefix", "home", ["mug-"])],
    line: line(),
    expect: { vendor: "home", rule: 0 },
  },
  {
    name: "ship-to country",
    rules: [rule("ship_country", "zeta", ["CA", "us"])],
    line: line(),
    expect: { vendor: "zeta", rule: 0 },
  },
  { name: "default", rules: [rule("default", "home")], line: line(), expect: { vendor: "home", rule: 0 } },
  // …and does not match otherwise.
  {
    name: "variant without vendor falls through",
    rules: [rule("variant_vendor", null), rule("default", "home")],
    line: line(),
    expect: { vendor: "home", rule: 1 },
  },
  {
    name: "other brand falls through",
    rules: [rule("brand", "acme", ["Zeta"]), rule("default", "home")],
    line: line(),
    expect: { vendor: "home", rule: 1 },
  },
  {
    name: "other country falls through",
    rules: [rule("ship_country", "zeta", ["CA"]), rule("default", "home")],
    line: line(),
    expect: { vendor: "home", rule: 1 },
  },
  {
    name: "prefix must be at the start",
    rules: [rule("sku_prefix", "zeta", ["RED"]), rule("default", "home")],
    line: line(),
    expect: { vendor: "home", rule: 1 },
  },
  // Priority: the first matching rule wins, even when a later one also matches.
  {
    name: "first match wins",
    rules: [rule("tag", "zeta", ["kitchen"]), rule("brand", "acme", ["Acme"])],
    line: line(),
    expect: { vendor: "zeta", rule: 0 },
  },
  {
    name: "order of rules decides",
    rules: [rule("brand", "acme", ["Acme"]), rule("tag", "zeta", ["kitchen"])],
    line: line(),
    expect: { vendor: "acme", rule: 0 },
  },
  {
    name: "archived vendor is skipped",
    rules: [rule("brand", "gone", ["Acme"]), rule("default", "home")],
    line: line(),
    expect: { vendor: "home", rule: 1 },
  },
  // Held lines, with their reasons.
  { name: "no rules", rules: [], line: line(), expect: { held: /no routing rules/ } },
  {
    name: "nothing matches",
    rules: [rule("brand", "acme", ["Zeta"])],
    line: line(),
    expect: {
      held: /No routing rule matched \(SKU MUG-RED; brand Acme; tags kitchen, Sale; no vendor on the variant; ship-to country US\)/,
    },
  },
  {
    name: "unlinked line: variant rules cannot place it",
    rules: [rule("brand", "acme", ["Acme"])],
    line: line({ variant: null }),
    expect: { held: /no catalog variant linked/ },
  },
  {
    name: "unlinked line still routes by SKU prefix",
    rules: [rule("brand", "acme", ["Acme"]), rule("sku_prefix", "zeta", ["MUG"])],
    line: line({ variant: null }),
    expect: { vendor: "zeta", rule: 1 },
  },
  {
    name: "quantity 0 is held even with a default",
    rules: [rule("default", "home")],
    line: line({ quantity: 0 }),
    expect: { held: /Quantity 0: there is nothing to fulfil/ },
  },
  {
    name: "no ship-to country",
    rules: [rule("ship_country", "zeta", ["US"])],
    line: line(),
    country: null,
    expect: { held: /ship-to country \(none\)/ },
  },
];

describe("routeOrder", () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const [placement] = routeOrder(
        row.rules,
        order(row.line, row.country === undefined ? "US" : row.country),
        VENDORS,
      );
      if ("held" in row.expect) {
        expect(placement).toMatchObject({ placed: false });
        expect(placement!.placed === false && placement!.reason).toMatch(row.expect.held);
      } else {
        expect(placement).toMatchObject({ placed: true, vendorId: row.expect.vendor, ruleIndex: row.expect.rule });
      }
    });
  }

  it("splits one order's lines across vendors and names the rule", () => {
    const placements = routeOrder(
      [rule("brand", "acme", ["Acme"]), rule("default", "home")],
      {
        shipCountry: "US",
        lines: [
          line({ orderItemId: "a" }),
          line({ orderItemId: "b", variant: { vendorId: null, brand: "Other", tags: [] } }),
          line({ orderItemId: "c" }),
        ],
      },
      VENDORS,
    );
    expect(placements.map((p) => (p.placed ? p.routedBy : p.reason))).toEqual([
      "Rule 1 (brand Acme)",
      "Rule 2 (default vendor)",
      "Rule 1 (brand Acme)",
    ]);
    expect([...groupByVendor(placements)]).toEqual([
      ["acme", ["a", "c"]],
      ["home", ["b"]],
    ]);
  });
});
