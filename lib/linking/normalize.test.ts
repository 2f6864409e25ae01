import { describe, expect, it } from "vitest";
import { compareKindOf, gtinCheckDigit, normalizeGtin, normalizeText, skuKey } from "./normalize";

describe("normalizeGtin", () => {
  const valid: Array<[string, string, string]> = [
    ["UPC-A", "012345678905", "00012345678905"],
    ["EAN-13 of the same UPC", "0012345678905", "00012345678905"],
    ["GTIN-14 of the same UPC", "00012345678905", "00012345678905"],
    ["UPC-A with surrounding spaces", "  012345678905 ", "00012345678905"],
    ["UPC-A printed in groups", "0 12345 67890 5", "00012345678905"],
    ["UPC-A with hyphens", "0-12345-67890-5", "00012345678905"],
    ["EAN-13", "4006381333931", "04006381333931"],
    ["GTIN-8 (EAN-8)", "96385074", "00000096385074"],
    ["GTIN-14 with an indicator digit", "10012345678902", "10012345678902"],
  ];
  it.each(valid)("normalises %s (%s) to GTIN-14", (_label, raw, key) => {
    expect(normalizeGtin(raw)).toEqual({ kind: "value", key });
  });

  const invalid: Array<[string, string, RegExp]> = [
    ["a wrong check digit", "012345678906", /check digit \(expected 5\)/],
    ["a wrong EAN-13 check digit", "4006381333932", /check digit/],
    ["11 digits (leading zero lost)", "12345678905", /11 digits.*leading zero/],
    ["9 digits", "123456789", /9 digits/],
    ["letters", "01234567890A", /other than digits/],
    ["scientific notation", "1.23457E+11", /scientific notation/],
  ];
  it.each(invalid)("reports %s as invalid", (_label, raw, reason) => {
    const result = normalizeGtin(raw);
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") {
      expect(result.reason).toMatch(reason);
      expect(result.value).toBe(raw.trim());
    }
  });

  it.each([[""], ["   "], [null], [undefined]])("treats %j as empty", (raw) => {
    expect(normalizeGtin(raw)).toEqual({ kind: "empty" });
  });

  it("computes GS1 check digits", () => {
    expect(gtinCheckDigit("0001234567890")).toBe(5);
    expect(gtinCheckDigit("0400638133393")).toBe(1);
    expect(gtinCheckDigit("1001234567890")).toBe(2);
  });
});

describe("normalizeText", () => {
  it.each([
    ["abc-1", "ABC-1"],
    ["  Abc-1\t", "ABC-1"],
    ["b00x4whp5e", "B00X4WHP5E"],
  ])("normalises %j to %j", (raw, key) => {
    expect(normalizeText(raw)).toEqual({ kind: "value", key });
    expect(skuKey(raw)).toBe(key);
  });
  it("treats blanks as empty", () => {
    expect(normalizeText("  ")).toEqual({ kind: "empty" });
  });
});

describe("compareKindOf", () => {
  it.each([
    ["upc", "UPC", "gtin"],
    ["ean", "UPC", "gtin"],
    ["gtin", "EAN", "gtin"],
    ["upc", "GTIN", "gtin"],
    ["sku", "ID", "text"],
    ["sku", "UPC", "text"],
    ["upc", "ManufacturerSKU", "text"],
    ["asin", "ASIN", "text"],
    ["mpn", "ManufacturerSKU", "text"],
  ] as const)("compares %s → %s as %s", (listingField, sellercloudField, kind) => {
    expect(compareKindOf({ listingField, sellercloudField })).toBe(kind);
  });
});
