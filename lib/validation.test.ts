import { describe, expect, it } from "vitest";
import { calendarDay, isCalendarDay, plainText, searchText } from "./validation";

describe("input validation pieces", () => {
  it("accepts only days that exist", () => {
    expect(isCalendarDay("2026-02-28")).toBe(true);
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2026-02-30")).toBe(false);
    expect(isCalendarDay("2026-13-01")).toBe(false);
    expect(isCalendarDay("0000-01-01")).toBe(false);
    expect(calendarDay.safeParse("2026-02-30").success).toBe(false);
  });

  it("refuses control characters in text fields and drops them from searches", () => {
    const carrier = plainText(100, "The carrier");
    expect(carrier.safeParse("UPS\u0000").error?.issues[0]?.message).toMatch(/control character/);
    expect(carrier.parse("  UPS Ground ")).toBe("UPS Ground");
    expect(searchText().parse("\u0000")).toBeUndefined();
    expect(searchText().parse("mug\u0000 ")).toBe("mug");
  });
});
