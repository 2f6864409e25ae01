import { describe, expect, it } from "vitest";
import { describeTimeZone, fromTenantWallClock, isTimeZone, tenantOffsetMs, toTenantWallClock } from "./tenant-clock";

describe("tenant clock", () => {
  it.each([
    ["UTC", "2026-01-15T17:00:00.000Z", "2026-01-15T17:00:00.000Z"],
    ["America/New_York", "2026-01-15T17:00:00.000Z", "2026-01-15T12:00:00.000Z"],
    // Daylight saving time: four hours behind in July.
    ["America/New_York", "2026-07-15T17:00:30.250Z", "2026-07-15T13:00:30.250Z"],
    ["Asia/Kolkata", "2026-01-15T17:00:00.000Z", "2026-01-15T22:30:00.000Z"],
  ])("reads %s's wall clock at %s as %s, and back", (zone, instant, wall) => {
    expect(toTenantWallClock(new Date(instant), zone).toISOString()).toBe(wall);
    expect(fromTenantWallClock(new Date(wall), zone).toISOString()).toBe(instant);
  });

  it("knows zone names and says what the offset is", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Eastern")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(tenantOffsetMs(new Date("2026-01-15T17:00:00Z"), "America/New_York")).toBe(-5 * 3_600_000);
    expect(describeTimeZone("America/New_York", new Date("2026-01-15T17:00:00Z"))).toBe(
      "America/New_York (UTC-05:00 now)",
    );
    expect(describeTimeZone("UTC")).toBe("UTC");
  });
});
