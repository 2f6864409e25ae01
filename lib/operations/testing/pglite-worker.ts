/**
 * A worker in its own process on a real PGlite data folder, for the crash tests: it works one run
 * with the table operation, committing each page the way Get Orders does (commitWithoutWaitingForDisk),
 * and prints `progress N` when the run row shows N pages done — what the run page would show — and
 * `finished <status>` at the end, then waits to be killed.
 * Run: node --import tsx lib/operations/testing/pglite-worker.ts (WORKER_DATA_DIR, WORKER_RUN_ID, …).
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { openPglite } from "@/db/client";
import { commitWithoutWaitingForDisk } from "@/db/commit-durability";
import { runs } from "@/db/schema/runs";
import { claimRun, workRun } from "../runner";
import type { OperationModule } from "../types";
import { noClient } from "./fixtures";
import { tableOperation } from "./table-operation";

const dataDir = process.env.WORKER_DATA_DIR;
const runId = process.env.WORKER_RUN_ID;
if (!dataDir || !runId) throw new Error("WORKER_DATA_DIR and WORKER_RUN_ID are required");

const handle = await openPglite(path.join(dataDir, "pgdata"), { lockDir: dataDir });
const inner = tableOperation({
  total: Number(process.env.WORKER_TOTAL ?? 100),
  pageSize: Number(process.env.WORKER_PAGE_SIZE ?? 10),
  worker: "child",
  fetchDelayMs: Number(process.env.WORKER_FETCH_DELAY_MS ?? 50),
});
const module: OperationModule<{ page: number }> = {
  operation: inner.operation,
  async runPage(ctx, cursor) {
    const [shown] = await ctx.db.select({ pagesDone: runs.pagesDone }).from(runs).where(eq(runs.id, ctx.runId));
    console.log(`progress ${shown?.pagesDone}`);
    const outcome = await inner.runPage(ctx, cursor);
    return {
      ...outcome,
      async commit(tx) {
        await commitWithoutWaitingForDisk(tx);
        await outcome.commit?.(tx);
      },
    };
  },
};
// No heartbeat and a long lease: no synchronous write of the runner's own flushes the pages.
const deps = {
  db: handle.db,
  createSellerCloudClient: noClient,
  getModule: () => module as OperationModule<unknown>,
  options: { leaseMs: 600_000, heartbeatMs: 0 },
};
const claimed = await claimRun(deps, { runId });
if (!claimed) throw new Error("nothing to claim");
const outcome = await workRun(deps, claimed);
const [final] = await handle.db.select({ status: runs.status }).from(runs).where(eq(runs.id, runId));
console.log(`finished ${outcome.kind} ${final?.status}`);
setInterval(() => {}, 1_000); // stay up until killed, like a server
