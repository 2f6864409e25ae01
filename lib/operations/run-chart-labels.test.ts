import { describe, expect, it } from "vitest";
import { runChartLabels } from "./run-chart-labels";

const at = (iso: string) => new Date(iso);

describe("Runs chart labels (issue 14 §14)", () => {
  it("shows the time alone within one day", () => {
    expect(runChartLabels([at("2026-05-01T09:30:00Z"), at("2026-05-01T10:30:00Z")])).toEqual(["09:30", "10:30"]);
  });

  it("adds the day across days", () => {
    expect(runChartLabels([at("2026-05-01T09:30:00Z"), at("2026-05-02T09:30:00Z")])).toEqual([
      "05-01 09:30",
      "05-02 09:30",
    ]);
  });

  it("adds seconds when runs share a minute, and never repeats a label", () => {
    expect(
      runChartLabels([at("2026-05-01T09:30:05Z"), at("2026-05-01T09:30:40Z"), at("2026-05-01T09:31:00Z")]),
    ).toEqual(["05-01 09:30:05", "05-01 09:30:40", "05-01 09:31:00"]);
    const same = runChartLabels([at("2026-05-01T09:30:05.100Z"), at("2026-05-01T09:30:05.900Z")]);
    expect(same).toEqual(["05-01 09:30:05", ""]);
  });
});
