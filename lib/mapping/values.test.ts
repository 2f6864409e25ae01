import { describe, expect, it } from "vitest";
import { coerce } from "./values";

describe("coerce money", () => {
  // SellerCloud sends JSON numbers; their binary values lie just below the half cent.
  it.each([
    [1.005, "1.01"],
    [1.015, "1.02"],
    [2.675, "2.68"],
    [0.285, "0.29"],
    [1.255, "1.26"],
    [8.325, "8.33"],
    [10.075, "10.08"],
    [-10.075, "-10.08"],
    [0.1 + 0.2, "0.30"],
    [19.99, "19.99"],
    [1e-7, "0.00"],
  ])("the number %s is %s", (value, money) => {
    expect(coerce(value, "money")).toEqual({ ok: true, value: money });
  });

  it.each([
    ["10.075", "10.08"],
    ["$1,299.5", "1299.50"],
    [" 3 ", "3.00"],
    ["€12", "12.00"],
  ])("the text %j is %s", (value, money) => {
    expect(coerce(value, "money")).toEqual({ ok: true, value: money });
  });

  it("refuses what is not an amount, and amounts too large", () => {
    expect(coerce("12 dollars", "money")).toEqual({ ok: false, reason: '"12 dollars" is not a money amount' });
    expect(coerce(Number.NaN, "money")).toMatchObject({ ok: false });
    expect(coerce(1e12, "money")).toEqual({ ok: false, reason: "1000000000000 is too large for a money amount" });
  });
});
