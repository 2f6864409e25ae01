import { describe, expect, it } from "vitest";
import { centsToDecimal, decimalToCents, percentOfCents } from "./cents";

describe("decimalToCents", () => {
  // Each of these lies just below the half cent in binary (1.005 is 1.00499999999999989…), so
  // Math.round(n * 100) gives one cent less; from the decimal text, half up gives the right cent.
  it.each([
    ["1.005", 101],
    ["1.015", 102],
    ["2.675", 268],
    ["0.285", 29],
    ["1.255", 126],
    ["8.325", 833],
    ["10.075", 1008],
  ])("%s -> %i cents (rounded half up from the decimal text)", (text, cents) => {
    expect(decimalToCents(text)).toEqual({ ok: true, cents, rounded: true });
    expect(decimalToCents(String(Number(text)))).toEqual({ ok: true, cents, rounded: true });
    // The binary value itself is below the half cent: rounding it would lose the cent.
    expect(Number(text).toPrecision(20) < text).toBe(true);
  });

  it("differs from Math.round(n * 100), which loses the cent", () => {
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(decimalToCents(String(1.005))).toMatchObject({ cents: 101 });
  });

  it.each([
    ["12.99", 1299],
    ["12.5", 1250],
    ["12", 1200],
    [".5", 50],
    ["5.", 500],
    ["$1,234.50", 123450],
    ["-1.005", -101],
    ["- $3.10", -310],
    ["+2", 200],
    ["0.00", 0],
    ["1e-7", 0],
    ["1.5e+3", 150000],
    ["123456789012.34", 12345678901234],
  ])("%s -> %i", (text, cents) => {
    const result = decimalToCents(text);
    expect(result.ok && result.cents).toBe(cents);
  });

  it("reads decimal commas when asked", () => {
    expect(decimalToCents("12,99", { decimalComma: true })).toEqual({ ok: true, cents: 1299, rounded: false });
    expect(decimalToCents("1.234,50", { decimalComma: true })).toMatchObject({ cents: 123450 });
    expect(decimalToCents("1 234,5", { decimalComma: true })).toMatchObject({ cents: 123450 });
    expect(decimalToCents("12,99")).toMatchObject({ ok: false });
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "abc", "1,2", "1.2.3", "$", "12 99", "1e999999"]) {
      expect(decimalToCents(text).ok, text).toBe(false);
    }
    expect(decimalToCents("99999999999999999999")).toEqual({
      ok: false,
      reason: '"99999999999999999999" is too large',
    });
  });

  it("converts JSON numbers through their shortest decimal form", () => {
    for (const n of [0.1 + 0.2, 19.99, 1234.5, 1e21, 5e-324]) {
      const result = decimalToCents(String(n));
      expect(result.ok, String(n)).toBe(n < 1e15);
    }
    expect(decimalToCents(String(0.1 + 0.2))).toEqual({ ok: true, cents: 30, rounded: true });
  });
});

describe("centsToDecimal and percentOfCents", () => {
  it("writes two decimals", () => {
    expect([1299, 5, -5, 0, 123450].map(centsToDecimal)).toEqual(["12.99", "0.05", "-0.05", "0.00", "1234.50"]);
  });

  it("takes a percent of an amount exactly", () => {
    expect(percentOfCents(1999, 12.5)).toBe(250);
    expect(percentOfCents(1000, 150)).toBe(1500);
    expect(percentOfCents(201, 50)).toBe(101);
    expect(percentOfCents(-201, 50)).toBe(-101);
    expect(percentOfCents(1005, "10")).toBe(101);
  });
});
