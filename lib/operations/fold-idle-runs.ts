/**
 * The Runs list folds scheduled runs that had nothing to do (a Sync Orders run every few minutes
 * with no shipment to send) into one line per channel, operation and UTC day, with their count
 * and time span, so they no longer fill the history (issue 14 §16). Each run is still counted
 * and still listed when the list is unfolded. Framework-free.
 */

/** The fields of a run the folding reads. */
export interface FoldableRun {
  id: string;
  channelId: string;
  operation: string;
  trigger: string;
  status: string;
  dryRun: boolean;
  queuedAt: Date;
  fetchedCount: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  failedCount: number;
}

/** A scheduled run that succeeded without finding anything to fetch, write, skip or fail. */
export function isIdleRun(run: FoldableRun): boolean {
  return (
    run.trigger === "schedule" &&
    run.status === "succeeded" &&
    !run.dryRun &&
    run.fetchedCount === 0 &&
    run.createdCount === 0 &&
    run.updatedCount === 0 &&
    run.skippedCount === 0 &&
    run.failedCount === 0
  );
}

/** Idle runs of one channel, operation and UTC day: how many, the newest and oldest. */
export interface IdleRunGroup<R extends FoldableRun> {
  kind: "idle";
  key: string;
  day: string;
  count: number;
  newest: R;
  oldest: R;
}

export type FoldedRunRow<R extends FoldableRun> = { kind: "run"; run: R } | IdleRunGroup<R>;

/**
 * The runs (newest first) with idle runs folded: one group per channel, operation and day, placed
 * where its newest run was. Other runs keep their place. A day with a single idle run still folds
 * (it reads "1 scheduled run with nothing to do").
 */
export function foldIdleRuns<R extends FoldableRun>(runs: readonly R[]): Array<FoldedRunRow<R>> {
  const out: Array<FoldedRunRow<R>> = [];
  const groups = new Map<string, IdleRunGroup<R>>();
  for (const run of runs) {
    if (!isIdleRun(run)) {
      out.push({ kind: "run", run });
      continue;
    }
    const day = run.queuedAt.toISOString().slice(0, 10);
    const key = `${run.channelId}:${run.operation}:${day}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.oldest = run;
      continue;
    }
    const created: IdleRunGroup<R> = { kind: "idle", key, day, count: 1, newest: run, oldest: run };
    groups.set(key, created);
    out.push(created);
  }
  return out;
}
