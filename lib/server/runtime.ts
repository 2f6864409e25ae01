/**
 * workRunsSoon: "Run now" works the workspace's claimable runs right after the response, without
 * waiting for the next tick.
 */
import { after } from "next/server";
import { getDb } from "@/db/index";
import { appRunnerDeps } from "@/lib/operations/app-runtime";
import { workWorkspaceRunsNow } from "@/lib/operations/run-now";

/**
 * "Run now" should not wait for the next scheduler tick: after the response is sent, work the
 * workspace's claimable runs. Row locks make this safe alongside the ticker and other processes;
 * the work is a registered worker, so SIGTERM stops it at a page boundary and releases its lease.
 */
export function workRunsSoon(workspaceId: string): void {
  after(() => workWorkspaceRunsNow(async () => appRunnerDeps(await getDb()), workspaceId));
}
