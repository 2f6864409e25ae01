import { describe, expect, it } from "vitest";
import { buildDefaultTemplateBody } from "./default-template";
import { checkTyped, validateTemplate } from "./validate-template";
import { switchMappingMode } from "./mode-switch";
import { searchSourceFields } from "./source-fields";
import { TARGET_FIELDS } from "./targets";
import type { FieldMapping } from "./template";

// The template editor's rough edges (issue 14 §10).
describe("template editor checks", () => {
  const money = TARGET_FIELDS.find((t) => t.type === "money" && !t.required)!;

  it("refuses a money Value with three decimals, naming the cent it would be", () => {
    expect(checkTyped("12.345", money, "Value")).toBe(
      'Value "12.345" has more than two decimals: money is kept to the cent, so enter 12.35 or the amount you mean',
    );
    expect(checkTyped("12.34", money, "Value")).toBeNull();
    expect(checkTyped("12.3", money, "Value")).toBeNull();
    const body = buildDefaultTemplateBody();
    body.fields[money.key] = { mode: "value", value: "12.345" };
    const result = validateTemplate(body, []);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[money.key]).toMatch(/more than two decimals/);
  });

  it("brings back the picked field after switching a row to Value and back", () => {
    const fresh = (mapping: FieldMapping) => () => mapping;
    const picked: FieldMapping = { mode: "field", path: "ShippingAddress.City" };
    const toValue = switchMappingMode(picked, "value", {}, fresh({ mode: "value", value: "" }));
    expect(toValue.mapping).toEqual({ mode: "value", value: "" });
    const typed: FieldMapping = { mode: "value", value: "US" };
    const back = switchMappingMode(typed, "field", toValue.memory, fresh({ mode: "field", path: "" }));
    expect(back.mapping).toEqual(picked);
    const valueAgain = switchMappingMode(back.mapping, "value", back.memory, fresh({ mode: "value", value: "" }));
    expect(valueAgain.mapping).toEqual(typed);
  });

  it("ranks whole-word matches first", () => {
    // "Ship Date" is the word asked for; Shipping Status only contains it.
    expect(searchSourceFields("ship", { forItemTarget: false })[0]?.path).toBe("ShipDate");
    const cities = searchSourceFields("shipping city", { forItemTarget: false }).map((f) => f.path);
    expect(cities[0]).toBe("ShippingAddress.City");
    expect(searchSourceFields("", { forItemTarget: false })).toHaveLength(
      searchSourceFields("", { forItemTarget: true }).filter((f) => !f.isItemField).length,
    );
  });
});
