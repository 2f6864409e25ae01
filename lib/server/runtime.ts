import { after } from "next/server";
import { getDb } from "@/db/index";
import { appRunnerDeps } from "@/lib/operations/app-runtime";
import { workClaimedRuns } from "@/lib/operations/runner";
import { createLogger } from "@/lib/log";

const log = createLogger("runtime");
// Leave room under a serverless function's maxDuration; the next tick resumes from the cursor.
const WORK_BUDGET_MS = 45_000;

/**
 * "Run now" should not wait for the next scheduler tick: after the response is sent, work the
 * workspace's claimable runs. Row locks make this safe alongside the ticker and other processes.
 */
export function workRunsSoon(workspaceId: string): void {
  after(async () => {
    try {
      const deps = appRunnerDeps(await getDb());
      await workClaimedRuns(deps, { workspaceId, deadline: new Date(Date.now() + WORK_BUDGET_MS) });
    } catch (error) {
      log.error("background work failed", { workspaceId, error: error instanceof Error ? error.stack : String(error) });
    }
  });
}
