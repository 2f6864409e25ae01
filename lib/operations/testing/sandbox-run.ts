/**
 * One run through the real runner against an in-process sandbox, for tests: enqueue (manual),
 * claim and work it with a fresh sandbox client (no rate limit, no heartbeat, no page retries),
 * then read back the run row and its events in order. Throws when a run of the operation is
 * already active.
 */

import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runEvents, runs } from "@/db/schema/runs";
import type { Operation } from "@/db/schema/values";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import type { RunningSandbox } from "@/lib/sellercloud/sandbox/server";
import { enqueueRun } from "../enqueue";
import { claimRun, workRun } from "../runner";
import type { OperationModule } from "../types";

export async function runOverSandbox<Cursor>(
  db: Db,
  sandbox: RunningSandbox,
  module: OperationModule<Cursor>,
  run: { workspaceId: string; channelId: string; operation: Operation; input?: Record<string, unknown> },
) {
  const queued = await enqueueRun(db, { ...run, trigger: "manual" });
  if ("alreadyRunning" in queued) throw new Error("a run is already active");
  const client = new SellerCloudClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
    limiter: unlimited,
  });
  const deps = {
    db,
    createSellerCloudClient: async () => client,
    getModule: () => module as OperationModule<unknown>,
    options: { heartbeatMs: 0, pageRetries: 0 },
  };
  const outcome = await workRun(deps, (await claimRun(deps, { runId: queued.id }))!);
  const [row] = await db.select().from(runs).where(eq(runs.id, queued.id));
  const events = await db.select().from(runEvents).where(eq(runEvents.runId, queued.id)).orderBy(asc(runEvents.id));
  return { outcome, run: row!, events, calls: client.callsMade };
}
