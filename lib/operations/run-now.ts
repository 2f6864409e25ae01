/** workWorkspaceRunsNow: "Run now"'s background work on the workspace's claimable runs, within RUN_NOW_BUDGET_MS. */
import { createLogger } from "@/lib/log";
import { type RunnerDeps, workClaimedRuns } from "./runner";
import { runWorker } from "./workers";

const log = createLogger("runtime");

// Leave room under a serverless function's maxDuration; the next tick resumes from the cursor.
export const RUN_NOW_BUDGET_MS = 45_000;

/**
 * "Run now"'s background work: works the workspace's claimable runs for up to `budgetMs`, as a
 * registered worker (./workers.ts), so a shutdown stops it at a page boundary and releases its
 * lease like the ticker's. Never throws: a failure is logged and the next tick resumes the run.
 */
export async function workWorkspaceRunsNow(
  deps: () => Promise<RunnerDeps>,
  workspaceId: string,
  budgetMs = RUN_NOW_BUDGET_MS,
): Promise<void> {
  const deadline = new Date(Date.now() + budgetMs);
  try {
    await runWorker(async (stop) => workClaimedRuns(await deps(), { workspaceId, deadline, stop }));
  } catch (error) {
    log.error("background work failed", { workspaceId, error: error instanceof Error ? error.stack : String(error) });
  }
}
