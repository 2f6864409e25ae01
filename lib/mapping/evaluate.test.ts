import { describe, expect, it } from "vitest";
import { buildDefaultTemplateBody } from "./default-template";
import { compileTemplate, evaluateOrder, type SellerCloudRecord } from "./evaluate";
import { validateTemplate } from "./validate-template";
import { searchSourceFields, SOURCE_FIELDS } from "./source-fields";
import { TARGET_FIELDS } from "./targets";
import type { Condition, FieldMapping, MappingSetData, TemplateBody } from "./template";
import { coerce } from "./values";

const SET_ID = "8f0c3a8e-2f7c-4f57-9a0a-6e1f0a1b2c3d";
const SETS: MappingSetData[] = [
  {
    id: SET_ID,
    name: "Carriers",
    entries: [
      { from: "UPS Ground", to: "Ground" },
      { from: "usps priority", to: "Priority" },
      { from: "UPS Ground", to: "ignored duplicate" },
    ],
  },
];

function order(overrides: SellerCloudRecord = {}): SellerCloudRecord {
  return {
    ID: 5120347,
    OrderSourceOrderID: "DS-778812",
    StatusCode: 2,
    OrderSource: 66,
    TimeOfOrder: "2025-05-12T09:41:17",
    ShipDate: "0001-01-01T00:00:00",
    GrandTotal: 87.42,
    ShippingTotal: 7.95,
    TaxTotal: 5.49,
    ShippingService: "UPS Ground",
    CustomerEmail: "dana@example.com",
    AllTrackingNumbers: ["1Z1", "1Z2"],
    IsGiftOrder: false,
    ShippingAddress: {
      FirstName: "Dana",
      LastName: "Whitfield",
      CompanyName: "",
      StreetLine1: "418 Birchwood Ave",
      StreetLine2: "Apt 2B",
      City: "Columbus",
      StateCode: "OH",
      StateName: "Ohio",
      PostalCode: "43215",
      CountryCode: "US",
      CountryName: "United States",
      PhoneNumber: "614-555-0142",
    },
    BillingAddress: { FirstName: "Dana", City: "Columbus", CompanyName: "Whitfield Design" },
    Items: [
      {
        ID: 9983121,
        ProductID: "TRL-LANT-200",
        DisplayName: "Trailhead LED Lantern",
        Qty: 2,
        SitePrice: 36.99,
        AdjustedSitePrice: 36.99,
        OriginalBasePrice: 0,
        Weight: 1.4,
      },
    ],
    ...overrides,
  };
}

/** The default template with some fields replaced. */
function template(fields: Record<string, FieldMapping>): TemplateBody {
  const body = buildDefaultTemplateBody();
  return { ...body, fields: { ...body.fields, ...fields } };
}

function mapOne(fields: Record<string, FieldMapping>, record = order()) {
  const result = evaluateOrder(template(fields), record, SETS);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.order;
}

describe("mapping modes", () => {
  it.each<[string, string, FieldMapping, unknown]>([
    ["Don't Map leaves the field unset", "shipping.companyName", { mode: "none" }, undefined],
    ["Set to Empty clears it", "shipping.street2", { mode: "empty" }, null],
    ["Field copies a SellerCloud field", "shipping.city", { mode: "field", path: "ShippingAddress.City" }, "Columbus"],
    [
      "Field reads a top-level field",
      "order.shippingService",
      { mode: "field", path: "ShippingService" },
      "UPS Ground",
    ],
    ["Value sets a fixed text", "shipping.countryName", { mode: "value", value: "US Only" }, "US Only"],
    ["Value is typed as money", "order.shippingTotal", { mode: "value", value: "5" }, "5.00"],
    [
      "Mapping Set looks up the source value",
      "order.shippingService",
      { mode: "mapping_set", setId: SET_ID, path: "ShippingService", fallback: { kind: "empty" } },
      "Ground",
    ],
    [
      "Mapping Set passes an unmatched value through",
      "order.orderSourceOrderId",
      { mode: "mapping_set", setId: SET_ID, path: "OrderSourceOrderID", fallback: { kind: "pass_through" } },
      "DS-778812",
    ],
    [
      "Mapping Set falls back to a value",
      "order.orderSourceOrderId",
      { mode: "mapping_set", setId: SET_ID, path: "OrderSourceOrderID", fallback: { kind: "value", value: "n/a" } },
      "n/a",
    ],
    [
      "Mapping Set falls back to empty",
      "order.orderSourceOrderId",
      { mode: "mapping_set", setId: SET_ID, path: "OrderSourceOrderID", fallback: { kind: "empty" } },
      null,
    ],
    [
      "Rules output the first match's value",
      "order.shippingService",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "StatusCode", op: "equals", value: "9" }],
            output: { kind: "value", value: "never" },
          },
          {
            match: "all",
            conditions: [{ path: "OrderSource", op: "equals", value: "66" }],
            output: { kind: "value", value: "first" },
          },
          {
            match: "all",
            conditions: [{ path: "OrderSource", op: "equals", value: "66" }],
            output: { kind: "value", value: "second" },
          },
        ],
        default: { kind: "empty" },
      },
      "first",
    ],
    [
      "Rules output a field",
      "order.shippingService",
      {
        mode: "rules",
        rules: [
          {
            match: "any",
            conditions: [{ path: "GrandTotal", op: "gt", value: "50" }],
            output: { kind: "field", path: "ShippingAddress.StateCode" },
          },
        ],
        default: { kind: "empty" },
      },
      "OH",
    ],
    [
      "Rules use the default when none matches",
      "order.shippingService",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "GrandTotal", op: "lt", value: "1" }],
            output: { kind: "value", value: "x" },
          },
        ],
        default: { kind: "value", value: "Standard" },
      },
      "Standard",
    ],
    [
      "Rules default to a field",
      "order.shippingService",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "GrandTotal", op: "lt", value: "1" }],
            output: { kind: "value", value: "x" },
          },
        ],
        default: { kind: "field", path: "ShippingAddress.CountryCode" },
      },
      "US",
    ],
  ])("%s", (_title, key, mapping, expected) => {
    expect(mapOne({ [key]: mapping }).values[key]).toEqual(expected);
  });

  it("maps item fields per item, reading order fields too", () => {
    const mapped = mapOne({
      "item.displayName": {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "IsGiftOrder", op: "equals", value: "true" }],
            output: { kind: "value", value: "gift" },
          },
        ],
        default: { kind: "field", path: "Items.DisplayName" },
      },
    });
    expect(mapped.items).toEqual([
      {
        lineNumber: 1,
        sellercloudItemId: "9983121",
        values: {
          "item.adjustedSitePrice": "36.99",
          "item.displayName": "Trailhead LED Lantern",
          "item.originalBasePrice": "0.00",
          "item.productId": "TRL-LANT-200",
          "item.quantity": 2,
          "item.sitePrice": "36.99",
          "item.weight": 1.4,
        },
      },
    ]);
  });

  it("maps the sample order with the default template", () => {
    const mapped = mapOne({});
    expect(mapped.sellercloudOrderId).toBe("5120347");
    expect(mapped.values).toMatchObject({
      "order.grandTotal": "87.42",
      "order.timeOfOrder": "2025-05-12T09:41:17",
      "shipping.street1": "418 Birchwood Ave",
      "shipping.companyName": null,
      "billing.companyName": "Whitfield Design",
      "billing.street1": null,
    });
  });
});

describe("rule operators", () => {
  const cases: Array<[Condition, boolean]> = [
    [{ path: "ShippingService", op: "equals", value: "ups ground" }, true],
    [{ path: "ShippingService", op: "equals", value: "UPS" }, false],
    [{ path: "GrandTotal", op: "equals", value: "87.420" }, true],
    [{ path: "ShippingService", op: "not_equals", value: "FedEx" }, true],
    [{ path: "ShippingService", op: "not_equals", value: "UPS Ground" }, false],
    [{ path: "ShippingService", op: "contains", value: "grou" }, true],
    [{ path: "ShippingService", op: "contains", value: "air" }, false],
    [{ path: "ShippingService", op: "starts_with", value: "UPS" }, true],
    [{ path: "ShippingService", op: "starts_with", value: "Ground" }, false],
    [{ path: "ShippingService", op: "ends_with", value: "ground" }, true],
    [{ path: "ShippingService", op: "ends_with", value: "UPS" }, false],
    [{ path: "OrderSource", op: "in_list", value: ["4", "66"] }, true],
    [{ path: "OrderSource", op: "in_list", value: ["4", "1"] }, false],
    [{ path: "GrandTotal", op: "gt", value: "80" }, true],
    [{ path: "GrandTotal", op: "gt", value: "87.42" }, false],
    [{ path: "GrandTotal", op: "lt", value: "100" }, true],
    [{ path: "GrandTotal", op: "lt", value: "10" }, false],
    [{ path: "TimeOfOrder", op: "gt", value: "2025-05-01" }, true],
    [{ path: "TimeOfOrder", op: "lt", value: "05/01/2025 00:00" }, false],
    [{ path: "ShipDate", op: "gt", value: "2000-01-01" }, false], // unset date compares as empty
    [{ path: "ShipDate", op: "is_empty" }, true],
    [{ path: "ShippingAddress.CompanyName", op: "is_empty" }, true],
    [{ path: "AllTrackingNumbers", op: "is_not_empty" }, true],
    [{ path: "ShippingAddress.City", op: "is_not_empty" }, true],
    [{ path: "ShippingAddress.City", op: "is_empty" }, false],
    [{ path: "AllTrackingNumbers", op: "contains", value: "1z2" }, true],
  ];
  it.each(cases)("%j is %s", (condition, expected) => {
    const mapped = mapOne({
      "order.shippingService": {
        mode: "rules",
        rules: [{ match: "all", conditions: [condition], output: { kind: "value", value: "yes" } }],
        default: { kind: "value", value: "no" },
      },
    });
    expect(mapped.values["order.shippingService"]).toBe(expected ? "yes" : "no");
  });

  it.each<["all" | "any", boolean]>([
    ["all", false],
    ["any", true],
  ])("joins conditions with %s", (match, expected) => {
    const mapped = mapOne({
      "order.shippingService": {
        mode: "rules",
        rules: [
          {
            match,
            conditions: [
              { path: "ShippingService", op: "contains", value: "UPS" },
              { path: "GrandTotal", op: "gt", value: "1000" },
            ],
            output: { kind: "value", value: "yes" },
          },
        ],
        default: { kind: "value", value: "no" },
      },
    });
    expect(mapped.values["order.shippingService"]).toBe(expected ? "yes" : "no");
  });
});

describe("typed values", () => {
  it.each<[unknown, Parameters<typeof coerce>[1], unknown]>([
    ["  Columbus ", "text", "Columbus"],
    [42, "text", "42"],
    [true, "text", "true"],
    [["a", "b"], "text", "a, b"],
    ["", "text", null],
    [null, "text", null],
    [1.5, "number", 1.5],
    ["1,234.5", "number", 1234.5],
    ["abc", "number", { error: '"abc" is not a number' }],
    [3, "integer", 3],
    ["3.0", "integer", 3],
    [2.5, "integer", { error: "2.5 is not a whole number" }],
    [87.42, "money", "87.42"],
    [1.005, "money", "1.01"],
    ["$1,299.5", "money", "1299.50"],
    [-3.333, "money", "-3.33"],
    ["12 dollars", "money", { error: '"12 dollars" is not a money amount' }],
    ["2025-05-12T09:41:17", "date", "2025-05-12T09:41:17"],
    ["2025-05-12T09:41:17.123", "date", "2025-05-12T09:41:17"],
    ["2025-05-12T09:41:17+02:00", "date", "2025-05-12T07:41:17"],
    ["2025-05-12T09:41:17Z", "date", "2025-05-12T09:41:17"],
    ["2025-05-12", "date", "2025-05-12T00:00:00"],
    ["05/14/2025 13:05", "date", "2025-05-14T13:05:00"],
    ["0001-01-01T00:00:00", "date", null],
    ["2025-02-30", "date", { error: '"2025-02-30" is not a date' }],
    [20250512, "date", { error: "20250512 is not a date" }],
    [{ a: 1 }, "text", { error: "is an object, not a single value" }],
  ])("%j as %s is %j", (raw, type, expected) => {
    const result = coerce(raw, type);
    if (expected && typeof expected === "object" && "error" in expected) {
      expect(result).toEqual({ ok: false, reason: expected.error });
    } else {
      expect(result).toEqual({ ok: true, value: expected });
    }
  });
});

describe("unmappable records", () => {
  it.each<[string, SellerCloudRecord, Record<string, FieldMapping>, string]>([
    [
      "a required field empty",
      order({ ShippingAddress: { City: "" } }),
      {},
      "Order 5120347, Shipping address › City: is required but came out empty",
    ],
    [
      "a bad money value",
      order({ GrandTotal: "abc" }),
      {},
      'Order 5120347, Order › Grand total: GrandTotal "abc" is not a money amount',
    ],
    [
      "an unset time of order",
      order({ TimeOfOrder: "0001-01-01T00:00:00" }),
      {},
      "Order 5120347, Order › Time of order: is required but came out empty",
    ],
    [
      "a bad item quantity",
      order({ Items: [{ ID: 1, ProductID: "A", Qty: 1.5 }] }),
      {},
      "Order 5120347, item 1, Item › Quantity: Items.Qty 1.5 is not a whole number",
    ],
    [
      "a rule that cannot compare",
      order({ ShippingService: "Ground" }),
      {
        "order.shippingService": {
          mode: "rules",
          rules: [
            {
              match: "all",
              conditions: [{ path: "ShippingService", op: "gt", value: "5" }],
              output: { kind: "value", value: "x" },
            },
          ],
          default: { kind: "empty" },
        },
      },
      'Order 5120347, Order › Shipping service: rule 1: cannot compare "Ground" with "5" as numbers or dates',
    ],
    ["no ID", order({ ID: undefined }), {}, "Order ?, record: has no numeric ID"],
    ["items not a list", order({ Items: "nope" }), {}, "Order 5120347, record: Items is not a list"],
  ])("is refused for %s", (_title, record, fields, message) => {
    const result = evaluateOrder(template(fields), record, SETS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.message)).toContain(message);
  });

  it("names the order, the field and the reason", () => {
    const result = evaluateOrder(template({}), order({ GrandTotal: "x" }), SETS);
    expect(result).toMatchObject({ ok: false, issues: [{ orderId: "5120347", field: "order.grandTotal" }] });
  });
});

describe("validateTemplate", () => {
  const rules = (conditions: Condition[]): FieldMapping => ({
    mode: "rules",
    rules: [{ match: "all", conditions, output: { kind: "value", value: "x" } }],
    default: { kind: "empty" },
  });
  it("accepts the default template", () => {
    expect(validateTemplate(buildDefaultTemplateBody(), SETS)).toMatchObject({ ok: true });
  });

  it.each<[string, string, unknown, string]>([
    [
      "unknown source path",
      "shipping.city",
      { mode: "field", path: "ShippingAddress.Town" },
      'Field: unknown SellerCloud field "ShippingAddress.Town"',
    ],
    [
      "an item field on an order target",
      "order.shippingService",
      { mode: "field", path: "Items.ProductID" },
      'Field: "Items.ProductID" is an item field; order fields cannot use it',
    ],
    [
      "a missing mapping set",
      "order.shippingService",
      {
        mode: "mapping_set",
        setId: "00000000-0000-4000-8000-000000000000",
        path: "ShippingService",
        fallback: { kind: "empty" },
      },
      "Mapping set: the chosen set does not exist",
    ],
    [
      "an empty rule list",
      "order.shippingService",
      { mode: "rules", rules: [], default: { kind: "empty" } },
      "Rules: add at least one rule, or choose another mode",
    ],
    [
      "in_list without a list",
      "order.shippingService",
      rules([{ path: "OrderSource", op: "in_list", value: "4" }]),
      'Rule 1, condition 1: "is in list" needs a list of values',
    ],
    [
      "gt with text",
      "order.shippingService",
      rules([{ path: "GrandTotal", op: "gt", value: "lots" }]),
      'Rule 1, condition 1: "lots" is not a number to compare with',
    ],
    [
      "lt with a non-date on a date",
      "order.shippingService",
      rules([{ path: "TimeOfOrder", op: "lt", value: "12" }]),
      'Rule 1, condition 1: "12" is not a date to compare with',
    ],
    [
      "equals without a value",
      "order.shippingService",
      rules([{ path: "ShippingService", op: "equals" }]),
      "Rule 1, condition 1: enter one value to compare with",
    ],
    [
      "a required target set to Don't Map",
      "shipping.city",
      { mode: "none" },
      "City is required: map it to a field, a value, a mapping set or rules",
    ],
    [
      "a required target set to empty",
      "order.grandTotal",
      { mode: "empty" },
      "Grand total is required: map it to a field, a value, a mapping set or rules",
    ],
    [
      "a value of the wrong type",
      "order.taxTotal",
      { mode: "value", value: "ten" },
      'Value "ten" is not a money amount',
    ],
    [
      "a rule output of the wrong type",
      "item.quantity",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "Items.Qty", op: "is_empty" }],
            output: { kind: "value", value: "1.5" },
          },
        ],
        default: { kind: "field", path: "Items.Qty" },
      },
      'Rule 1 output "1.5" is not a whole number',
    ],
    [
      "a required default left empty",
      "order.grandTotal",
      rules([{ path: "GrandTotal", op: "is_empty" }]),
      "Grand total is required: the default cannot be empty",
    ],
    ["an unknown mode", "shipping.city", { mode: "guess" }, "Invalid"],
    [
      "a rule without conditions",
      "order.taxTotal",
      { mode: "rules", rules: [{ match: "all", conditions: [], output: { kind: "value", value: "1" } }] },
      "Rule 1: add at least one condition",
    ],
  ])("refuses %s", (_title, key, mapping, message) => {
    const body = buildDefaultTemplateBody();
    const result = validateTemplate({ ...body, fields: { ...body.fields, [key]: mapping } }, SETS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[key]).toContain(message);
  });

  it("refuses an unknown target field", () => {
    const body = buildDefaultTemplateBody();
    const result = validateTemplate({ ...body, fields: { ...body.fields, "order.colour": { mode: "empty" } } }, SETS);
    expect(result).toMatchObject({
      ok: false,
      errors: { "order.colour": '"order.colour" is not a Conduit order field' },
    });
  });
});

describe("targets and source fields", () => {
  it("covers every target of the product document", () => {
    expect(TARGET_FIELDS.filter((t) => t.group === "billing")).toHaveLength(12);
    expect(TARGET_FIELDS.filter((t) => t.group === "shipping")).toHaveLength(12);
    expect(TARGET_FIELDS.filter((t) => t.group === "order")).toHaveLength(6);
    expect(TARGET_FIELDS.filter((t) => t.group === "item")).toHaveLength(7);
  });

  it("offers the swagger's list-DTO fields, without item fields for order targets", () => {
    expect(SOURCE_FIELDS.find((f) => f.path === "ShippingAddress.StreetLine1")).toMatchObject({ type: "text" });
    expect(SOURCE_FIELDS.find((f) => f.path === "Items.Weight")).toMatchObject({ type: "number", isItemField: true });
    expect(SOURCE_FIELDS.find((f) => f.path === "GrandTotal")).toMatchObject({ type: "money" });
    expect(SOURCE_FIELDS.find((f) => f.path === "TimeOfOrder")).toMatchObject({ type: "date" });
    expect(SOURCE_FIELDS.some((f) => f.path === "Items.Qty1")).toBe(false);
    expect(searchSourceFields("shipping city", { forItemTarget: false }).map((f) => f.path)).toEqual([
      "ShippingAddress.City",
    ]);
    expect(searchSourceFields("weight", { forItemTarget: false }).map((f) => f.path)).not.toContain("Items.Weight");
    expect(searchSourceFields("weight", { forItemTarget: true }).map((f) => f.path)).toContain("Items.Weight");
  });

  it("reports which targets a template writes", () => {
    const compiled = compileTemplate(template({ "shipping.companyName": { mode: "none" } }), SETS);
    expect(compiled.writtenOrderTargets.map((t) => t.key)).not.toContain("shipping.companyName");
    expect(compiled.writtenItemTargets).toHaveLength(7);
  });
});
