import { describe, expect, it } from "vitest";
import { currencyFromSellerCloud } from "./currency";

describe("currencyFromSellerCloud", () => {
  it("maps SellerCloud's documented codes to ISO 4217", () => {
    expect([0, 1, 2, 3, 4, 5].map(currencyFromSellerCloud)).toEqual(["USD", "GBP", "JPY", "EUR", "CAD", "AUD"]);
    expect(currencyFromSellerCloud("3")).toBe("EUR");
  });

  it("says nothing for a missing or undocumented code", () => {
    for (const code of [undefined, null, "", 6, -1, 1.5, "EUR", {}]) expect(currencyFromSellerCloud(code)).toBeNull();
  });
});
