import { type ChildProcess, spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type DbHandle, openPostgres } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { channelOperations } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import { describePostgres } from "@/db/testing/describe-db";
import { enqueueRun, isAlreadyRunning } from "./enqueue";
import { claimRun, type RunnerDeps, workRun } from "./runner";
import { noClient, seedChannel } from "./testing/fixtures";
import { createTestTable, type TableOperationOptions, TEST_TABLE, tableOperation } from "./testing/table-operation";
import { runTick } from "./tick";

/**
 * The runtime's promises that only real Postgres (several connections, several processes) can
 * test: single flight under racing ticks and clicks, crash recovery after SIGKILL, and fencing of
 * a worker that wakes up after losing its lease.
 */

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describePostgres("operations runtime under concurrency", (ctx) => {
  // A second pool wide enough that twenty racing callers really run at once.
  let wide: DbHandle;
  let workspaceId: string;
  let channelId: string;

  beforeAll(async () => {
    wide = openPostgres(ctx.url!, { max: 25 });
    await createTestTable(ctx.db);
  });
  afterAll(async () => {
    await wide?.close();
  });
  beforeEach(async () => {
    await ctx.db.delete(runs);
    await ctx.db.delete(channelOperations);
    await ctx.db.execute(sql.raw(`DELETE FROM ${TEST_TABLE}`));
    ({ workspaceId, channelId } = await seedChannel(ctx.db, {
      operations: [{ operation: "link_listings", schedule: { kind: "hourly", minute: 0 } }],
    }));
  });

  const tableDeps = (
    options: Omit<TableOperationOptions, "total" | "pageSize"> & { total?: number; pageSize?: number },
    runner: RunnerDeps["options"],
  ): RunnerDeps => {
    const module = tableOperation({ total: 50, pageSize: 10, ...options });
    return { db: ctx.db, createSellerCloudClient: noClient, getModule: () => module, options: runner };
  };
  const itemsOf = async (runId: string) =>
    rowsOf<{ item: number; worker: string }>(
      await ctx.db.execute(sql.raw(`SELECT item, worker FROM ${TEST_TABLE} WHERE run_id = '${runId}' ORDER BY item`)),
    );
  const readRun = async (id: string) => (await ctx.db.select().from(runs).where(eq(runs.id, id)))[0]!;
  const newRun = async () => {
    const result = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    if (isAlreadyRunning(result)) throw new Error("expected a new run");
    return result;
  };

  it("makes exactly one run from ten concurrent ticks plus Run now clicks, round after round", async () => {
    const tickDeps: RunnerDeps = { db: wide.db, createSellerCloudClient: noClient, getModule: () => undefined };
    for (let round = 0; round < 5; round++) {
      await ctx.db.delete(runs);
      await ctx.db.update(channelOperations).set({ nextRunAt: new Date(Date.now() - 60_000) });
      const calls: Array<() => Promise<unknown>> = [];
      for (let i = 0; i < 10; i++) {
        calls.push(() => runTick(tickDeps, { budgetMs: 0 }));
        calls.push(() =>
          enqueueRun(wide.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" }),
        );
      }
      calls.sort(() => Math.random() - 0.5);
      const results = await Promise.all(calls.map((call) => call()));

      const made = await ctx.db.select().from(runs).where(eq(runs.channelId, channelId));
      expect(made).toHaveLength(1);
      const runId = made[0]!.id;
      let created = 0;
      for (const result of results) {
        if (result && typeof result === "object" && "worked" in result) {
          created += (result as unknown as { enqueued: unknown[] }).enqueued.length;
        } else if (isAlreadyRunning(result as never)) {
          expect((result as { alreadyRunning: { id: string } }).alreadyRunning.id).toBe(runId);
        } else {
          created++;
          expect((result as { id: string }).id).toBe(runId);
        }
      }
      expect(created).toBe(1);
      // The schedule moved on exactly once, to the next hour.
      const [op] = await ctx.db.select().from(channelOperations).where(eq(channelOperations.channelId, channelId));
      expect(op!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    }
  });

  it("lets exactly one of ten racing workers claim a run", async () => {
    const run = await newRun();
    const deps: RunnerDeps = { db: wide.db, createSellerCloudClient: noClient, getModule: () => undefined };
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimRun(deps)));
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(1);
    expect(won[0]!.run.id).toBe(run.id);
    expect((await readRun(run.id)).attempts).toBe(1);
  });

  it("resumes a run whose worker process was SIGKILLed mid-commit: nothing lost, nothing duplicated", async () => {
    const run = await newRun();
    const total = 200;
    const leaseMs = 2_000;
    const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/operations/testing/worker.ts"], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        WORKER_DATABASE_URL: ctx.url,
        WORKER_RUN_ID: run.id,
        WORKER_TOTAL: String(total),
        WORKER_PAGE_SIZE: "10",
        WORKER_LEASE_MS: String(leaseMs),
        WORKER_COMMIT_DELAY_MS: "300",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on("exit", (_code, signal) => done(signal)));
    // Kill while page 6's rows are inserted but its transaction is still open.
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`child never reached page 6: ${output}`)), 30_000);
      child.stdout?.on("data", (chunk) => {
        output += String(chunk);
        if (output.includes("committing 6")) {
          clearTimeout(timer);
          done();
        }
      });
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Postgres rolled back the open page: six pages are there, the seventh is not.
    const afterKill = await readRun(run.id);
    expect(afterKill).toMatchObject({ status: "running", pagesDone: 6, createdCount: 60, attempts: 1 });
    expect(await itemsOf(run.id)).toHaveLength(60);

    // The dead worker's lease still stands, so nobody takes the run early.
    const resumer = tableDeps({ total, worker: "parent" }, { leaseMs: 10_000, heartbeatMs: 1_000 });
    expect(await claimRun(resumer)).toBeNull();

    let claimed = null;
    const giveUp = Date.now() + leaseMs + 5_000;
    while (!claimed && Date.now() < giveUp) {
      await sleep(100);
      claimed = await claimRun(resumer);
    }
    expect(claimed?.run.id).toBe(run.id);
    expect(claimed!.run.attempts).toBe(2);
    expect(Date.now()).toBeGreaterThanOrEqual(afterKill.leaseUntil!.getTime());
    expect(await workRun(resumer, claimed!)).toEqual({ kind: "finished", status: "succeeded" });

    const items = await itemsOf(run.id);
    expect(items.map((r) => r.item)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(items.filter((r) => r.worker === "child")).toHaveLength(60);
    expect(items.filter((r) => r.worker === "parent")).toHaveLength(140);
    expect(await readRun(run.id)).toMatchObject({
      status: "succeeded",
      pagesDone: 20,
      createdCount: total,
      fetchedCount: total,
    });
  }, 60_000);

  it("writes nothing from a paused worker that wakes after another worker took its run", async () => {
    const run = await newRun();
    const aReachedPage2 = deferred();
    const wakeA = deferred();
    const bReachedPage3 = deferred();
    const wakeB = deferred();
    // A's heartbeat is off, as if the whole process were frozen (GC pause, SIGSTOP, a sleeping laptop).
    const a = tableDeps(
      {
        worker: "A",
        beforePage: async (page) => {
          if (page === 2) {
            aReachedPage2.resolve();
            await wakeA.promise;
          }
        },
      },
      { leaseMs: 400, heartbeatMs: 0 },
    );
    const b = tableDeps(
      {
        worker: "B",
        beforePage: async (page) => {
          if (page === 3) {
            bReachedPage3.resolve();
            await wakeB.promise;
          }
        },
      },
      { leaseMs: 30_000, heartbeatMs: 0 },
    );

    const claimedA = await claimRun(a);
    const workA = workRun(a, claimedA!);
    await aReachedPage2.promise;
    await sleep(600);

    const claimedB = await claimRun(b);
    expect(claimedB?.run.id).toBe(run.id);
    expect(claimedB?.run.cursor).toEqual({ page: 2 });
    const workB = workRun(b, claimedB!);
    await bReachedPage3.promise; // B has committed page 2 and holds the lease

    wakeA.resolve(); // A finishes fetching page 2 and tries to commit it
    expect(await workA).toEqual({ kind: "lost" });
    const midway = await readRun(run.id);
    expect(midway).toMatchObject({ lockToken: claimedB!.token, pagesDone: 3, status: "running" });

    wakeB.resolve();
    expect(await workB).toEqual({ kind: "finished", status: "succeeded" });

    const items = await itemsOf(run.id);
    expect(items.map((r) => r.item)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items.filter((r) => r.worker === "A").map((r) => r.item)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, run.id)).orderBy(runEvents.id);
    expect(events.map((e) => e.message)).toEqual([
      "Page 0 by A",
      "Page 1 by A",
      "Page 2 by B",
      "Page 3 by B",
      "Page 4 by B",
    ]);
    expect(await readRun(run.id)).toMatchObject({ status: "succeeded", pagesDone: 5, createdCount: 50, attempts: 2 });
  });

  it("frees a run whose worker froze inside its page transaction, holding the row lock", async () => {
    const run = await newRun();
    const insideCommit = deferred();
    const thaw = deferred();
    const frozenModule = tableOperation({ total: 30, pageSize: 10, worker: "frozen" });
    // Page 1's commit stops between statements with the transaction (and the run's row lock) open.
    // Its own pool: Postgres ends the frozen session, and that connection's error must be
    // listened to (node-postgres leaves checked-out clients without an error listener).
    const frozenHandle = openPostgres(ctx.url!, { max: 2 });
    frozenHandle.pool!.on("connect", (client) => client.on("error", () => {}));
    const frozen: RunnerDeps = {
      db: frozenHandle.db,
      createSellerCloudClient: noClient,
      getModule: () => ({
        operation: "link_listings",
        async runPage(opCtx, cursor) {
          const outcome = await frozenModule.runPage(opCtx, cursor as { page: number } | null);
          if ((cursor as { page: number } | null)?.page !== 1) return outcome;
          return {
            ...outcome,
            async commit(tx) {
              await outcome.commit?.(tx);
              insideCommit.resolve();
              await thaw.promise;
            },
          };
        },
      }),
      options: { leaseMs: 1_000, heartbeatMs: 0, pageRetries: 0 },
    };
    const work = workRun(frozen, (await claimRun(frozen))!);
    await insideCommit.promise;

    const rescuer = tableDeps({ worker: "rescuer", total: 30 }, { leaseMs: 10_000, heartbeatMs: 0 });
    let claimed = null;
    const giveUp = Date.now() + 8_000;
    while (!claimed && Date.now() < giveUp) {
      await sleep(100);
      claimed = await claimRun(rescuer);
    }
    expect(claimed?.run.id).toBe(run.id);
    expect(await workRun(rescuer, claimed!)).toEqual({ kind: "finished", status: "succeeded" });
    thaw.resolve();
    expect((await work).kind).not.toBe("finished");
    await frozenHandle.close();

    const items = await itemsOf(run.id);
    expect(items.map((r) => r.item)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(items.filter((r) => r.worker === "frozen").map((r) => r.item)).toEqual(
      Array.from({ length: 10 }, (_, i) => i),
    );
  }, 20_000);

  it("keeps the lease alive with heartbeats while a page is slower than the lease", async () => {
    const run = await newRun();
    const slow = tableDeps({ worker: "slow", total: 20, fetchDelayMs: 700 }, { leaseMs: 300, heartbeatMs: 80 });
    const thief = tableDeps({ worker: "thief" }, { leaseMs: 300 });
    const claimed = await claimRun(slow);
    const work = workRun(slow, claimed!);
    let stolen = 0;
    let finished = false;
    void work.then(() => {
      finished = true;
    });
    while (!finished) {
      if (await claimRun(thief)) stolen++;
      await sleep(50);
    }
    expect(stolen).toBe(0);
    expect(await work).toEqual({ kind: "finished", status: "succeeded" });
    expect(await readRun(run.id)).toMatchObject({ attempts: 1, pagesDone: 2 });
    expect((await itemsOf(run.id)).every((r) => r.worker === "slow")).toBe(true);
  });
});
