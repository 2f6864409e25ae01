import { describe, expect, it } from "vitest";
import { readItemsPage } from "./client-pages";
import { SellerCloudError } from "./errors";
import type { SellerCloudHttp } from "./http";
import { readListEnvelope } from "./schemas";

describe("readListEnvelope", () => {
  it("returns the rows (the same array, not a copy) and the total", () => {
    const rows = [{ ID: "A" }, 7, null];
    const envelope = readListEnvelope({ Items: rows, TotalResults: 3, Extra: true }, "Items");
    expect(envelope).toEqual({ rows, totalResults: 3 });
    expect(envelope?.rows).toBe(rows);
    expect(readListEnvelope({ Results: [], TotalResults: 0 }, "Results")).toEqual({ rows: [], totalResults: 0 });
  });

  it.each([
    ["no object", null],
    ["an array", [1, 2]],
    ["a string", "Items"],
    ["rows under the other key", { Results: [], TotalResults: 0 }],
    ["rows not an array", { Items: { 0: "A" }, TotalResults: 1 }],
    ["no TotalResults", { Items: [] }],
    ["TotalResults as text", { Items: [], TotalResults: "3" }],
    ["a negative TotalResults", { Items: [], TotalResults: -1 }],
    ["a fractional TotalResults", { Items: [], TotalResults: 1.5 }],
    ["a TotalResults past the safe integers", { Items: [], TotalResults: 1e16 }],
  ])("refuses %s", (_label, data) => {
    expect(readListEnvelope(data, "Items")).toBeNull();
  });
});

describe("readItemsPage", () => {
  const httpAnswering = (data: unknown) => ({ json: async () => data }) as unknown as SellerCloudHttp;
  const check = (raw: unknown, index: number) =>
    typeof raw === "string"
      ? ({ ok: true, value: raw } as const)
      : ({ ok: false, invalid: { index, id: null, message: `row ${index}`, raw } } as const);

  it("checks every row and keeps the bad ones beside the good", async () => {
    const page = await readItemsPage(
      httpAnswering({ Items: ["a", 2, "b"], TotalResults: 9 }),
      "/api/X",
      {},
      check,
      (v) => v,
      3,
    );
    expect(page).toMatchObject({ items: ["a", "b"], pageNumber: 3, received: 3, totalResults: 9 });
    expect(page.invalid.map((r) => r.index)).toEqual([1]);
  });

  it("answers a wrong envelope with invalid_response, not retried", async () => {
    const error = await readItemsPage(
      httpAnswering({ Items: "none", TotalResults: 1 }),
      "/api/X",
      {},
      check,
      (v) => v,
      1,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(SellerCloudError);
    expect(error).toMatchObject({ kind: "invalid_response", retryable: false });
    expect(error.message).toContain("expected { Items, TotalResults }");
  });
});
