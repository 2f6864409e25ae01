import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { channelOperations } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { silentLogger } from "@/lib/log";
import { type InProcessScheduler, startInProcessScheduler } from "./in-process-scheduler";
import type { RunnerDeps } from "./runner";
import { noClient, seedChannel } from "./testing/fixtures";
import type { OperationModule } from "./types";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describeEachDb("in-process scheduler", (ctx) => {
  let scheduler: InProcessScheduler | null = null;
  let channelId: string;
  const slowModule: OperationModule<{ n: number }> = {
    operation: "get_orders",
    async runPage(_ctx, cursor) {
      await sleep(25);
      const n = cursor?.n ?? 0;
      return { counts: { fetched: 1 }, nextCursor: { n: n + 1 }, done: n === 39 };
    },
  };
  const deps = async (): Promise<RunnerDeps> => ({
    db: ctx.db,
    log: silentLogger,
    createSellerCloudClient: noClient,
    getModule: () => slowModule as OperationModule<unknown>,
  });
  const theRun = async () => (await ctx.db.select().from(runs).where(eq(runs.channelId, channelId)))[0];

  beforeEach(async () => {
    await ctx.db.delete(runs);
    await ctx.db.delete(channelOperations);
    ({ channelId } = await seedChannel(ctx.db, {
      operations: [
        { operation: "get_orders", schedule: { kind: "hourly", minute: 0 }, nextRunAt: new Date(Date.now() - 1_000) },
      ],
    }));
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = null;
  });

  it("does not start when switched off", () => {
    expect(startInProcessScheduler({ enabled: false, deps, log: silentLogger })).toBeNull();
  });

  it("ticks on its own: the due run is enqueued and worked", async () => {
    scheduler = startInProcessScheduler({
      enabled: true,
      deps,
      intervalMs: 50,
      budgetMs: 10_000,
      initialDelayMs: 0,
      signals: [],
      log: silentLogger,
    });
    await until(async () => (await theRun())?.status === "succeeded");
    expect(await theRun()).toMatchObject({ trigger: "schedule", pagesDone: 40, fetchedCount: 40 });
  });

  it("on a shutdown signal stops claiming and releases the lease at the next page boundary", async () => {
    scheduler = startInProcessScheduler({
      enabled: true,
      deps,
      intervalMs: 50,
      budgetMs: 10_000,
      initialDelayMs: 0,
      signals: ["SIGUSR2"],
      log: silentLogger,
    });
    await until(async () => ((await theRun())?.pagesDone ?? 0) >= 3);
    process.emit("SIGUSR2", "SIGUSR2");
    await scheduler!.idle();
    const stopped = await theRun();
    expect(stopped).toMatchObject({ status: "running", lockToken: null });
    expect(stopped!.pagesDone).toBeLessThan(40);
    expect(stopped!.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    // Nothing ticks any more.
    await sleep(200);
    expect((await theRun())!.pagesDone).toBe(stopped!.pagesDone);
  });
});
