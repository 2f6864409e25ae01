import { describe, expect, it } from "vitest";
import {
  type CompareKind,
  compareKey,
  compareKindOf,
  gtinCheckDigit,
  normalizeAs,
  normalizeGtin,
  normalizeText,
  skuKey,
} from "./normalize";

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

describe("compareKey", () => {
  const expected = (kind: CompareKind, raw: string | null | undefined) => {
    const normalized = normalizeAs(kind, raw);
    return normalized.kind === "value" ? normalized.key : normalized.kind === "empty" ? null : undefined;
  };

  it("agrees with normalizeAs on every shape of value", () => {
    const values: Array<string | null | undefined> = [
      null,
      undefined,
      "",
      "   ",
      "012345678905",
      "12345678905",
      "0012345678905",
      "00012345678905",
      "4006381333931",
      "4006381333932",
      "96385074",
      "96385075",
      " 012345678905 ",
      "0-12345-67890-5",
      "0 12345 67890 5",
      "1.23457E+11",
      "ABC123",
      "abc-123 ",
      "sku-0001",
      "１２３",
    ];
    // Every length around the valid ones, with right and wrong check digits.
    let state = 7;
    for (let length = 6; length <= 16; length++) {
      for (let k = 0; k < 40; k++) {
        let digits = "";
        for (let i = 0; i < length; i++) {
          state = (state * 1103515245 + 12345) % 2147483648;
          digits += String(state % 10);
        }
        values.push(digits);
        if (length >= 8 && length <= 14) {
          const body = digits.slice(0, -1);
          values.push(`${body}${gtinCheckDigit(body.padStart(13, "0"))}`);
        }
      }
    }
    for (const kind of ["gtin", "text"] as const) {
      for (const raw of values) expect([kind, raw, compareKey(kind, raw)]).toEqual([kind, raw, expected(kind, raw)]);
    }
  });
});
