import { describe, expect, it } from "vitest";
import { CleaningTally, cleaningSummary, cleanText } from "./clean";

describe("cleanText", () => {
  it("removes NUL and other control characters, keeps tabs", () => {
    expect(cleanText("Apt 4\u0000")).toBe("Apt 4");
    expect(cleanText("a\u0001b\u0008c\u001Fd\u007Fe\tf")).toBe("abcde\tf");
  });

  it("turns line breaks into spaces unless they are kept", () => {
    expect(cleanText("line 1\r\nline 2\nline 3")).toBe("line 1 line 2 line 3");
    expect(cleanText("line 1\r\nline 2\u0000", { keepLineBreaks: true })).toBe("line 1\r\nline 2");
  });

  it("replaces lone surrogates and keeps pairs", () => {
    expect(cleanText("mug \uD83D")).toBe("mug \uFFFD");
    expect(cleanText("\uDE00 mug")).toBe("\uFFFD mug");
    expect(cleanText("mug 😀")).toBe("mug 😀");
  });

  it("returns the same string when there is nothing to clean", () => {
    const text = "Café Crème Men’s 😀";
    expect(cleanText(text)).toBe(text);
  });
});

describe("CleaningTally", () => {
  it("counts the strings it changed", () => {
    const tally = new CleaningTally();
    expect(["a\u0000", "b", "c\u0007", "\uD800"].map((s) => tally.clean(s))).toEqual(["a", "b", "c", "\uFFFD"]);
    expect(tally.changed).toBe(3);
    expect(cleaningSummary(tally.changed)).toBe("3 cells had control characters or broken characters removed");
    expect(cleaningSummary(0)).toBeNull();
  });

  it("cleans every string of a JSON value, keys too, without changing a clean one", () => {
    const tally = new CleaningTally();
    const clean = { a: ["x", { b: 1 }], c: null };
    expect(tally.cleanJson(clean)).toBe(clean);
    const dirty = {
      ShippingAddress: { StreetLine2: "Apt 4\u0000" },
      Items: [{ DisplayName: "Mug\u0000" }],
      "K\u0001": 2,
    };
    expect(tally.cleanJson(dirty)).toEqual({
      ShippingAddress: { StreetLine2: "Apt 4" },
      Items: [{ DisplayName: "Mug" }],
      K: 2,
    });
    expect(dirty.ShippingAddress.StreetLine2).toBe("Apt 4\u0000");
    expect(tally.changed).toBe(3);
  });
});

describe("CleaningTally.cleanJson paths", () => {
  it("names the path of each cleaned string, keys as cleaned", () => {
    const paths: string[] = [];
    const tally = new CleaningTally();
    tally.cleanJson(
      {
        ID: 5,
        ShippingAddress: { StreetLine2: "Apt 4\u0000", City: "Austin" },
        Items: [{ DisplayName: "Mug" }, { DisplayName: "Cup \uD83D" }],
        "K\u0001": "v\u0002",
      },
      (path) => paths.push(path),
    );
    expect(paths).toEqual(["ShippingAddress.StreetLine2", "Items[1].DisplayName", "K", "K"]);
    expect(tally.changed).toBe(4);
  });
});
