import { describe, expect, it } from "vitest";
import { buildDefaultTemplateBody } from "./default-template";
import { previewTarget } from "./preview";
import { findTarget, TARGET_FIELDS, type TargetField } from "./targets";
import type { FieldMapping, MappingSetData } from "./template";

const REQUIRED = TARGET_FIELDS.filter((t) => t.required);
const target = (key: string): TargetField => findTarget(key)!;

const ORDER = {
  ID: 5000123,
  GrandTotal: 42.5,
  TimeOfOrder: "2026-11-20T10:15:00",
  ShippingService: "UPS Ground",
  TaxTotal: "abc",
  ShippingAddress: { City: "Austin", CountryCode: "US", StreetLine1: "1 Main St", CompanyName: "" },
  BillingAddress: { City: "Dallas" },
  Items: [
    { ID: 1, ProductID: "SKU-1", Qty: 2, SitePrice: 10 },
    { ID: 2, ProductID: "SKU-2", Qty: 1.5, SitePrice: 5 },
  ],
};
const SETS: MappingSetData[] = [
  { id: "00000000-0000-4000-8000-000000000001", name: "Services", entries: [{ from: "ups ground", to: "Ground" }] },
];

describe("previewTarget", () => {
  const cases: Array<{ name: string; key: string; mapping: FieldMapping; expected: Array<string | RegExp> }> = [
    {
      name: "a field",
      key: "shipping.city",
      mapping: { mode: "field", path: "ShippingAddress.City" },
      expected: ["→Austin"],
    },
    {
      name: "a fixed value",
      key: "billing.countryName",
      mapping: { mode: "value", value: "US only" },
      expected: ["→US only"],
    },
    { name: "Don't Map", key: "billing.city", mapping: { mode: "none" }, expected: ["not mapped"] },
    { name: "Set to Empty", key: "billing.city", mapping: { mode: "empty" }, expected: ["empty"] },
    {
      name: "an empty source",
      key: "shipping.companyName",
      mapping: { mode: "field", path: "ShippingAddress.CompanyName" },
      expected: ["empty"],
    },
    {
      name: "a mapping set hit, ignoring case",
      key: "order.shippingService",
      mapping: { mode: "mapping_set", setId: SETS[0]!.id, path: "ShippingService", fallback: { kind: "pass_through" } },
      expected: ["→Ground"],
    },
    {
      name: "a rule on another field",
      key: "billing.stateName",
      mapping: {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "GrandTotal", op: "gt", value: "40" }],
            output: { kind: "value", value: "BIG" },
          },
        ],
        default: { kind: "empty" },
      },
      expected: ["→BIG"],
    },
    {
      name: "a bad money value",
      key: "order.taxTotal",
      mapping: { mode: "field", path: "TaxTotal" },
      expected: [/not a money amount/],
    },
    {
      name: "each item line on its own",
      key: "item.quantity",
      mapping: { mode: "field", path: "Items.Qty" },
      expected: ["→2", /not a whole number/],
    },
    {
      name: "a required target left empty",
      key: "order.grandTotal",
      mapping: { mode: "empty" },
      expected: [/required but came out empty/],
    },
  ];
  it.each(cases)("shows $name", ({ key, mapping, expected }) => {
    const lines = previewTarget(target(key), mapping, REQUIRED, ORDER, SETS);
    const shown = lines.map((l) =>
      l.result.ok
        ? l.result.isUnmapped
          ? "not mapped"
          : l.result.isEmpty
            ? "empty"
            : `→${l.result.text}`
        : l.result.reason,
    );
    expect(shown).toHaveLength(expected.length);
    for (const [i, e] of expected.entries()) {
      if (typeof e === "string") expect(shown[i]).toBe(e);
      else expect(shown[i]).toMatch(e);
    }
  });

  it("lists the SellerCloud values a mapping reads, per item for item targets", () => {
    const lines = previewTarget(
      target("item.productId"),
      { mode: "field", path: "Items.ProductID" },
      REQUIRED,
      ORDER,
      SETS,
    );
    expect(lines.map((l) => [l.scope, l.sources])).toEqual([
      ["Item 1", [{ path: "Items.ProductID", value: "SKU-1" }]],
      ["Item 2", [{ path: "Items.ProductID", value: "SKU-2" }]],
    ]);
  });

  it("maps every row of the recommended template without an error on a complete order", () => {
    const body = buildDefaultTemplateBody();
    for (const t of TARGET_FIELDS.filter((t) => t.key !== "order.taxTotal")) {
      const lines = previewTarget(t, body.fields[t.key]!, REQUIRED, ORDER, SETS);
      if (t.group === "item" && t.key === "item.quantity") continue;
      for (const line of lines) expect(line.result.ok, `${t.key}: ${JSON.stringify(line.result)}`).toBe(true);
    }
  });

  it("explains a half-edited rule instead of failing", () => {
    const lines = previewTarget(
      target("billing.stateName"),
      {
        mode: "rules",
        rules: [
          { match: "all", conditions: [{ path: "", op: "gt", value: "x" }], output: { kind: "value", value: "" } },
        ],
        default: { kind: "empty" },
      },
      REQUIRED,
      ORDER,
      SETS,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]!.result.ok).toBe(true); // an empty path reads nothing, so the rule simply does not match
  });
});
