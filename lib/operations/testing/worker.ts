/**
 * A worker in its own process, for the crash-recovery test: it claims one run and works it with
 * the table operation, printing a line as each page is inside its transaction, so the test can
 * SIGKILL it mid-commit. Run: node --import tsx lib/operations/testing/worker.ts (env below).
 */
import { openPostgres } from "@/db/client";
import { claimRun, workRun } from "../runner";
import { noClient } from "./fixtures";
import { tableOperation } from "./table-operation";

const url = process.env.WORKER_DATABASE_URL;
const runId = process.env.WORKER_RUN_ID;
if (!url || !runId) throw new Error("WORKER_DATABASE_URL and WORKER_RUN_ID are required");

const handle = openPostgres(url, { max: 3 });
const module = tableOperation({
  total: Number(process.env.WORKER_TOTAL ?? 100),
  pageSize: Number(process.env.WORKER_PAGE_SIZE ?? 10),
  worker: "child",
  fetchDelayMs: Number(process.env.WORKER_FETCH_DELAY_MS ?? 20),
  commitDelayMs: Number(process.env.WORKER_COMMIT_DELAY_MS ?? 200),
  onCommitting: (page) => console.log(`committing ${page}`),
});
const deps = {
  db: handle.db,
  createSellerCloudClient: noClient,
  getModule: () => module,
  options: { leaseMs: Number(process.env.WORKER_LEASE_MS ?? 2000), heartbeatMs: 200 },
};

const claimed = await claimRun(deps, { runId });
if (!claimed) {
  console.log("nothing to claim");
} else {
  console.log("claimed");
  const outcome = await workRun(deps, claimed);
  console.log(`outcome ${JSON.stringify(outcome)}`);
}
await handle.close();
