/**
 * "Retry failed items" at a scale past Postgres's 65,535 bind parameters: 70,000 failed items make
 * one retry run, and the operation's first page selects by them without one parameter per item.
 */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { enqueueRun, isAlreadyRunning, retryFailedItems } from "./enqueue";
import { claimRun, type RunnerDeps, workRun } from "./runner";
import { syncOrdersModule } from "./sync-orders";
import { noClient, seedChannel } from "./testing/fixtures";

const FAILED = 70_000;

describeEachDb("retrying 70,000 failed items", (ctx) => {
  it("makes one retry run and works it", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const first = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(first)) throw new Error("expected a new run");
    await ctx.db
      .update(runs)
      .set({ status: "partially_failed", finishedAt: new Date(), failedCount: FAILED })
      .where(eq(runs.id, first.id));
    await ctx.db.execute(sql`
      insert into run_events (workspace_id, run_id, level, entity, entity_id, code, message)
      select ${workspaceId}::uuid, ${first.id}::uuid, 'error', 'order', g::text, 'send_failed', 'SellerCloud said no'
      from generate_series(1, ${FAILED}) g`);

    const retry = await retryFailedItems(ctx.db, { workspaceId, runId: first.id });
    if (isAlreadyRunning(retry)) throw new Error("expected a new run");
    expect((retry.input as { entityIds: string[] }).entityIds).toHaveLength(FAILED);

    const deps: RunnerDeps = {
      db: ctx.db,
      createSellerCloudClient: noClient,
      getModule: () => syncOrdersModule,
      options: { heartbeatMs: 0, pageRetries: 0 },
    };
    const claimed = await claimRun(deps, { runId: retry.id });
    expect(claimed?.run.id).toBe(retry.id);
    expect(await workRun(deps, claimed!)).toEqual({ kind: "finished", status: "succeeded" });
  }, 120_000);
});
