import { describe, expect, it } from "vitest";
import { personalDataClearing } from "./retention";

const DAY = 86_400_000;

describe("personalDataClearing (the order page's note)", () => {
  const shippedAt = new Date("2026-02-01T10:00:00Z");

  it("says when a shipped order's data is due, from the channel's setting", () => {
    expect(personalDataClearing({ shippedAt, personalDataClearedAt: null }, "30")).toEqual({
      kind: "scheduled",
      dueAt: new Date(shippedAt.getTime() + 30 * DAY),
      days: 30,
    });
  });

  it("waits for the shipment, keeps with 'keep', and reports a clearing that happened", () => {
    expect(personalDataClearing({ shippedAt: null, personalDataClearedAt: null }, "90")).toEqual({
      kind: "after_shipment",
      days: 90,
    });
    expect(personalDataClearing({ shippedAt, personalDataClearedAt: null }, "keep")).toEqual({ kind: "kept" });
    expect(personalDataClearing({ shippedAt, personalDataClearedAt: null }, undefined)).toEqual({ kind: "kept" });
    const at = new Date("2026-03-05T02:00:00Z");
    // Cleared under an earlier setting: still said, whatever the setting is now.
    expect(personalDataClearing({ shippedAt, personalDataClearedAt: at }, "keep")).toEqual({ kind: "cleared", at });
  });
});
