import { describe, expect, it } from "vitest";
import { type FoldableRun, foldIdleRuns } from "./fold-idle-runs";

let n = 0;
function run(patch: Partial<FoldableRun> & { queuedAt: Date }): FoldableRun {
  n++;
  return {
    id: `r${n}`,
    channelId: "c1",
    operation: "sync_orders",
    trigger: "schedule",
    status: "succeeded",
    dryRun: false,
    fetchedCount: 0,
    createdCount: 0,
    updatedCount: 0,
    skippedCount: 0,
    failedCount: 0,
    ...patch,
  };
}

describe("idle scheduled runs fold into one line per day (issue 14 §16)", () => {
  it("folds a day's nothing-to-do Sync Orders runs and keeps the others in place", () => {
    const at = (iso: string) => new Date(iso);
    const runs = [
      run({ queuedAt: at("2026-05-02T10:00:00Z") }),
      run({ queuedAt: at("2026-05-02T09:55:00Z"), fetchedCount: 3, updatedCount: 3 }),
      run({ queuedAt: at("2026-05-02T09:50:00Z") }),
      run({ queuedAt: at("2026-05-02T09:45:00Z") }),
      run({ queuedAt: at("2026-05-01T23:55:00Z") }),
      run({ queuedAt: at("2026-05-01T23:50:00Z"), trigger: "manual" }),
      run({ queuedAt: at("2026-05-01T23:45:00Z"), status: "failed" }),
    ];
    const folded = foldIdleRuns(runs);
    expect(folded.map((row) => (row.kind === "run" ? row.run.id : `${row.day}×${row.count}`))).toEqual([
      "2026-05-02×3",
      runs[1]!.id,
      "2026-05-01×1",
      runs[5]!.id,
      runs[6]!.id,
    ]);
    const [first] = folded;
    expect(first?.kind === "idle" && [first.newest.id, first.oldest.id]).toEqual([runs[0]!.id, runs[3]!.id]);
  });
});
