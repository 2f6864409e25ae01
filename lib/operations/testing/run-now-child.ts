/**
 * A server-like process for the shutdown test: installs the process's shutdown handler and starts
 * the in-process scheduler as instrumentation.ts does, then starts "Run now" work the way the
 * Run now action's after() does (workWorkspaceRunsNow), printing `committing N` inside each page.
 * Run: node --import tsx lib/operations/testing/run-now-child.ts
 * (WORKER_DATA_DIR for PGlite or WORKER_DATABASE_URL, WORKER_WORKSPACE_ID, WORKER_TOTAL).
 */
import path from "node:path";
import { openPglite, openPostgres } from "@/db/client";
import { silentLogger } from "@/lib/log";
import { startInProcessScheduler } from "../in-process-scheduler";
import type { RunnerDeps } from "../runner";
import { workWorkspaceRunsNow } from "../run-now";
import { installShutdownHandler, onShutdown } from "../workers";
import { noClient } from "./fixtures";
import { tableOperation } from "./table-operation";

const { WORKER_DATA_DIR: dataDir, WORKER_DATABASE_URL: url, WORKER_WORKSPACE_ID: workspaceId } = process.env;
if (!workspaceId || !(dataDir || url)) throw new Error("WORKER_WORKSPACE_ID and a database are required");

installShutdownHandler({ log: silentLogger });
const handle = url
  ? openPostgres(url, { max: 3 })
  : await openPglite(path.join(dataDir!, "pgdata"), { lockDir: dataDir });
onShutdown(() => handle.close()); // as instrumentation.ts does for PGlite
const module = tableOperation({
  total: Number(process.env.WORKER_TOTAL ?? 100),
  pageSize: 10,
  worker: "child",
  fetchDelayMs: 150,
  onCommitting: (page) => console.log(`committing ${page}`),
});
const deps = async (): Promise<RunnerDeps> => ({
  db: handle.db,
  log: silentLogger,
  createSellerCloudClient: noClient,
  getModule: () => module,
});
startInProcessScheduler({ enabled: true, deps, initialDelayMs: 600_000, log: silentLogger });
void workWorkspaceRunsNow(deps, workspaceId);
