/**
 * The labels of a run's counts on the run page. A dry run writes nothing, so its counts say what
 * a run would do ("Would create 40"), never "Created 40" (issue 14 §13). Framework-free.
 */

export const RUN_COUNT_KEYS = [
  "fetchedCount",
  "createdCount",
  "updatedCount",
  "unchangedCount",
  "skippedCount",
  "failedCount",
] as const;
export type RunCountKey = (typeof RUN_COUNT_KEYS)[number];

const WRITTEN: Record<RunCountKey, string> = {
  fetchedCount: "Fetched",
  createdCount: "Created",
  updatedCount: "Updated",
  unchangedCount: "Unchanged",
  skippedCount: "Skipped",
  failedCount: "Failed",
};

const DRY: Record<RunCountKey, string> = {
  ...WRITTEN,
  createdCount: "Would create",
  updatedCount: "Would update",
  skippedCount: "Would skip",
  failedCount: "Would fail",
};

/** [key, label] for each count of a run, in the order shown. */
export function runCountLabels(dryRun: boolean): Array<readonly [RunCountKey, string]> {
  const labels = dryRun ? DRY : WRITTEN;
  return RUN_COUNT_KEYS.map((key) => [key, labels[key]] as const);
}
