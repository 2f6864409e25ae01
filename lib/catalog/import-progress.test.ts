import { describe, expect, it } from "vitest";
import { importProgressView, readImportProgress, trackImportProgress } from "./import-progress";

describe("catalog import progress (issue 14 §4)", () => {
  it("is not 100 % when every byte is sent but no row is written yet", () => {
    const view = importProgressView({
      bytesSent: 5_000_000,
      bytesTotal: 5_000_000,
      estimatedRows: 43_936,
      server: null,
    });
    expect(view.percent).toBe(0);
    expect(view.label).not.toMatch(/last rows/);
  });

  it("follows the rows the server wrote, never 100 % before it finished", () => {
    const base = { bytesSent: 5_000_000, bytesTotal: 5_000_000, estimatedRows: 43_936 };
    expect(importProgressView({ ...base, server: { rowsDone: 11_000, finished: false } })).toEqual({
      percent: 25,
      label: "11,000 of about 43,936 rows imported",
    });
    expect(importProgressView({ ...base, server: { rowsDone: 43_936, finished: false } }).percent).toBe(99);
    expect(importProgressView({ ...base, server: { rowsDone: 43_936, finished: true } }).percent).toBe(100);
  });

  it("has no percentage without an estimate of the rows", () => {
    const view = importProgressView({
      bytesSent: 1,
      bytesTotal: 2,
      estimatedRows: null,
      server: { rowsDone: 3_000, finished: false },
    });
    expect(view).toEqual({ percent: null, label: "3,000 rows imported" });
  });

  it("keeps each workspace's imports apart", () => {
    const progress = trackImportProgress("ws-a", "import-1");
    progress.report(2_000);
    expect(readImportProgress("ws-a", "import-1")).toEqual({ rowsDone: 2_000, finished: false });
    expect(readImportProgress("ws-b", "import-1")).toBeNull();
    progress.finish();
    expect(readImportProgress("ws-a", "import-1")).toEqual({ rowsDone: 2_000, finished: true });
  });
});
