import { describe, expect, it } from "vitest";
import { compileSyncTemplate, type SyncSource, validateSyncTemplate } from "./sync-evaluate";
import { buildDefaultSyncTemplateBody, SYNC_SOURCE_FIELDS, SYNC_TARGET_FIELDS } from "./sync-targets";
import type { FieldMapping, MappingSetData, TemplateBody } from "./template";

const SET: MappingSetData = {
  id: "6f1c9a52-8a55-4f6e-9c1b-2d1f7c0e3a11",
  name: "Carriers",
  entries: [{ from: "UPS", to: "UPS Freight" }],
};

const source: SyncSource = {
  order: { sellercloudOrderId: 5001, orderSourceOrderId: "AMZ-1" },
  shipment: {
    carrier: "UPS",
    service: "UPS Ground",
    conduitCarrier: "ups",
    conduitService: "ground",
    trackingNumber: "1Z999",
    trackingNumbers: ["1Z999", "1Z998"],
    shipDate: "2026-03-09T08:00:00.000Z",
  },
};

function withField(key: string, mapping: FieldMapping): TemplateBody {
  const body = buildDefaultSyncTemplateBody();
  return { ...body, fields: { ...body.fields, [key]: mapping } };
}

describe("sync template evaluation", () => {
  it("the recommended template sends the shipment as it is", () => {
    const result = compileSyncTemplate(buildDefaultSyncTemplateBody()).map(source);
    expect(result).toEqual({
      ok: true,
      values: {
        orderId: 5001,
        trackingNumber: "1Z999",
        carrier: "UPS",
        service: "UPS Ground",
        shipDate: "2026-03-09T08:00:00",
        shippingStatus: "Fully Shipped",
      },
    });
  });

  it.each<[string, string, FieldMapping, string | number]>([
    ["a Value for carrier", "carrier", { mode: "value", value: "FedEx" }, "FedEx"],
    [
      "a Field from Conduit's own service name",
      "service",
      { mode: "field", path: "shipment.conduitService" },
      "ground",
    ],
    [
      "a Mapping Set on carrier",
      "carrier",
      { mode: "mapping_set", setId: SET.id, path: "shipment.carrier", fallback: { kind: "pass_through" } },
      "UPS Freight",
    ],
    [
      "a Rule on service (matches)",
      "service",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "shipment.conduitService", op: "equals", value: "GROUND" }],
            output: { kind: "value", value: "UPS SurePost" },
          },
        ],
        default: { kind: "field", path: "shipment.service" },
      },
      "UPS SurePost",
    ],
    [
      "a Rule on service (falls to the default)",
      "service",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "order.orderSourceOrderId", op: "starts_with", value: "EBAY" }],
            output: { kind: "value", value: "UPS SurePost" },
          },
        ],
        default: { kind: "field", path: "shipment.service" },
      },
      "UPS Ground",
    ],
    [
      "a Rule comparing the ship date",
      "service",
      {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "shipment.shipDate", op: "lt", value: "2026-03-10" }],
            output: { kind: "value", value: "Late" },
          },
        ],
        default: { kind: "empty" },
      },
      "Late",
    ],
    ["a fixed ship date", "shipDate", { mode: "value", value: "2026-03-01 10:00" }, "2026-03-01T10:00:00"],
    ["the status in any case", "shippingStatus", { mode: "value", value: "fully shipped" }, "Fully Shipped"],
  ])("%s", (_, key, mapping, expected) => {
    const result = compileSyncTemplate(withField(key, mapping), [SET]).map(source);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.values[key as keyof typeof result.values]).toBe(expected);
  });

  it.each<[string, string, FieldMapping, SyncSource, RegExp]>([
    [
      "an empty required carrier",
      "carrier",
      { mode: "field", path: "shipment.carrier" },
      { ...source, shipment: { ...source.shipment, carrier: "" } },
      /Carrier: is required but came out empty/,
    ],
    [
      "a status SellerCloud does not take",
      "shippingStatus",
      { mode: "field", path: "shipment.conduitService" },
      source,
      /Shipping status: "ground" cannot be sent: SellerCloud's tracking updates only set "Fully Shipped"/,
    ],
    [
      "an order ID that is not a number",
      "orderId",
      { mode: "field", path: "order.orderSourceOrderId" },
      source,
      /Order ID: order.orderSourceOrderId "AMZ-1" is not a number/,
    ],
    [
      "a ship date that is not a date",
      "shipDate",
      { mode: "field", path: "shipment.trackingNumber" },
      source,
      /Ship date: shipment.trackingNumber "1Z999" is not a date/,
    ],
  ])("reports %s with the field and the reason", (_, key, mapping, input, message) => {
    const result = compileSyncTemplate(withField(key, mapping)).map(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0]?.field).toBe(key);
      expect(result.issues[0]?.message).toMatch(message);
    }
  });
});

describe("sync template validation", () => {
  it("accepts the recommended template, and its sources are all in the tree", () => {
    expect(validateSyncTemplate(buildDefaultSyncTemplateBody(), []).ok).toBe(true);
    const paths = new Set(SYNC_SOURCE_FIELDS.map((f) => f.path));
    for (const mapping of Object.values(buildDefaultSyncTemplateBody().fields))
      if (mapping.mode === "field") expect(paths.has(mapping.path)).toBe(true);
    expect(Object.keys(buildDefaultSyncTemplateBody().fields).sort()).toEqual(
      SYNC_TARGET_FIELDS.map((t) => t.key).sort(),
    );
  });

  it.each<[string, TemplateBody, string, RegExp]>([
    [
      "a Get Orders source path",
      withField("carrier", { mode: "field", path: "ShippingAddress.City" }),
      "carrier",
      /unknown Conduit field "ShippingAddress.City"/,
    ],
    [
      "Don't Map on a required target",
      withField("trackingNumber", { mode: "none" }),
      "trackingNumber",
      /Tracking number is required/,
    ],
    [
      "a status value other than Fully Shipped",
      withField("shippingStatus", { mode: "value", value: "Partially Shipped" }),
      "shippingStatus",
      /"Partially Shipped" cannot be sent/,
    ],
    [
      "a rule output status other than Fully Shipped",
      withField("shippingStatus", {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "shipment.carrier", op: "is_empty" }],
            output: { kind: "value", value: "Unshipped" },
          },
        ],
        default: { kind: "value", value: "Fully Shipped" },
      }),
      "shippingStatus",
      /"Unshipped" cannot be sent/,
    ],
    [
      "a ship date value that is not a date",
      withField("shipDate", { mode: "value", value: "soon" }),
      "shipDate",
      /"soon" is not a date/,
    ],
    [
      "a missing mapping set",
      withField("carrier", {
        mode: "mapping_set",
        setId: SET.id,
        path: "shipment.carrier",
        fallback: { kind: "pass_through" },
      }),
      "carrier",
      /chosen set does not exist/,
    ],
    [
      "a Get Orders target key",
      { format: 1, fields: { ...buildDefaultSyncTemplateBody().fields, "shipping.city": { mode: "none" } } },
      "shipping.city",
      /not a SellerCloud shipping-update field/,
    ],
  ])("refuses %s on its row", (_, body, row, message) => {
    const result = validateSyncTemplate(body, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[row]).toMatch(message);
  });
});
