import { and, eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { channelOperations } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { AppError } from "@/lib/errors";
import { SellerCloudError } from "@/lib/sellercloud/errors";
import { enqueueRun, isAlreadyRunning, requestCancel, retryFailedItems } from "./enqueue";
import { getRun, listRuns, runStats } from "./queries";
import { claimRun, type RunnerDeps, workClaimedRuns, workRun } from "./runner";
import { noClient, seedChannel, stubClientFactory } from "./testing/fixtures";
import { createTestTable, TEST_TABLE, tableOperation } from "./testing/table-operation";
import { enqueueDueRuns, runTick } from "./tick";
import type { OperationModule, PageOutcome } from "./types";

/** A module whose pages are given by a function of the page number. */
function scripted(
  page: (
    n: number,
    ctx: Parameters<OperationModule["runPage"]>[0],
  ) => Promise<PageOutcome<{ n: number }>> | PageOutcome<{ n: number }>,
): OperationModule<{ n: number }> {
  return { operation: "get_orders", runPage: async (ctx, cursor) => page(cursor?.n ?? 0, ctx) };
}

const fast = { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 2, retryDelayMs: 1 };

describeEachDb("operations runtime", (ctx) => {
  let workspaceId: string;
  let channelId: string;
  const deps = (
    module: OperationModule<never> | OperationModule<{ n: number }> | OperationModule<{ page: number }>,
    extra: Partial<RunnerDeps> = {},
  ): RunnerDeps => ({
    db: ctx.db,
    createSellerCloudClient: noClient,
    getModule: () => module as OperationModule<unknown>,
    options: fast,
    ...extra,
  });
  const newRun = async (operation: "get_orders" | "link_listings" = "get_orders", input?: Record<string, unknown>) => {
    const result = await enqueueRun(ctx.db, { workspaceId, channelId, operation, trigger: "manual", input });
    if (isAlreadyRunning(result)) throw new Error("expected a new run");
    return result;
  };
  const readRun = async (id: string) => (await ctx.db.select().from(runs).where(eq(runs.id, id)))[0]!;
  const eventsOf = (id: string) => ctx.db.select().from(runEvents).where(eq(runEvents.runId, id)).orderBy(runEvents.id);

  beforeEach(async () => {
    // Claims take the oldest claimable run in the database, so each test starts from none.
    await ctx.db.delete(runs);
    await ctx.db.delete(channelOperations);
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
  });

  it("enqueues one active run per operation and reports the one under way", async () => {
    const first = await newRun();
    expect(first.status).toBe("queued");
    const second = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "get_orders", trigger: "schedule" });
    expect(isAlreadyRunning(second) && second.alreadyRunning.id).toBe(first.id);
    // Another operation of the same channel is independent.
    const other = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    expect(isAlreadyRunning(other)).toBe(false);
  });

  it("refuses to enqueue a run on another workspace's channel", async () => {
    const stranger = await seedChannel(ctx.db);
    await expect(
      enqueueRun(ctx.db, { workspaceId: stranger.workspaceId, channelId, operation: "get_orders", trigger: "manual" }),
    ).rejects.toThrow(/channel was not found/);
  });

  it("claims a queued run once, with a lease, a token and an attempt", async () => {
    const run = await newRun();
    const claimed = await claimRun(deps(scripted(() => ({ nextCursor: { n: 1 }, done: true }))));
    expect(claimed?.run.id).toBe(run.id);
    expect(claimed?.run.status).toBe("running");
    expect(claimed?.run.attempts).toBe(1);
    expect(claimed?.run.lockToken).toBe(claimed?.token);
    expect(claimed!.run.leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await claimRun(deps(scripted(() => ({ nextCursor: { n: 1 }, done: true }))))).toBeNull();
  });

  it("works a run page by page: cursor, counts, events, progress and final status", async () => {
    const run = await newRun();
    const seen: Array<number> = [];
    const module = scripted((n) => {
      seen.push(n);
      return {
        counts: { fetched: 10, created: 7, unchanged: 2, skipped: 1 },
        events: [
          { level: "warn", entity: "order", entityId: `o-${n}`, code: "skipped", message: `Order o-${n} was skipped.` },
        ],
        nextCursor: { n: n + 1 },
        done: n === 2,
        progress: { unit: "orders", total: 30 },
        progressLabel: `page ${n + 1} of 3`,
      };
    });
    const claimed = await claimRun(deps(module));
    const outcome = await workRun(deps(module), claimed!);
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(seen).toEqual([0, 1, 2]);
    const done = await readRun(run.id);
    expect(done).toMatchObject({
      status: "succeeded",
      pagesDone: 3,
      fetchedCount: 30,
      createdCount: 21,
      unchangedCount: 6,
      skippedCount: 3,
      failedCount: 0,
      cursor: { n: 3 },
      total: 30,
      progressLabel: "page 3 of 3",
      lockToken: null,
      leaseUntil: null,
    });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect((await eventsOf(run.id)).map((e) => e.entityId)).toEqual(["o-0", "o-1", "o-2"]);
    // Finished: the next enqueue makes a new run.
    expect(
      isAlreadyRunning(
        await enqueueRun(ctx.db, { workspaceId, channelId, operation: "get_orders", trigger: "manual" }),
      ),
    ).toBe(false);
  });

  it("ends partially failed when items failed, without failing the run", async () => {
    const run = await newRun();
    const module = scripted((n) => ({
      counts: { fetched: 5, created: 4, failed: n === 0 ? 1 : 0 },
      events:
        n === 0
          ? [{ level: "error", entity: "order", entityId: "bad-1", code: "mapping_failed", message: "No SKU." }]
          : [],
      nextCursor: { n: n + 1 },
      done: n === 1,
    }));
    expect(await workRun(deps(module), (await claimRun(deps(module)))!)).toEqual({
      kind: "finished",
      status: "partially_failed",
    });
    expect(await readRun(run.id)).toMatchObject({ status: "partially_failed", failedCount: 1, fetchedCount: 10 });
  });

  it("retries a failing page with backoff and carries on when it recovers", async () => {
    const run = await newRun();
    let tries = 0;
    const module = scripted((n) => {
      if (n === 1 && tries++ < 2) throw new Error("socket hang up");
      return { counts: { fetched: 1 }, nextCursor: { n: n + 1 }, done: n === 2 };
    });
    expect(await workRun(deps(module), (await claimRun(deps(module)))!)).toEqual({
      kind: "finished",
      status: "succeeded",
    });
    expect(tries).toBe(3);
    expect(await readRun(run.id)).toMatchObject({ pagesDone: 3, fetchedCount: 3 });
  });

  it("fails the run with the error's safe message once retries are spent, keeping earlier pages", async () => {
    const run = await newRun();
    let tries = 0;
    const module = scripted((n) => {
      if (n === 1) {
        tries++;
        throw new SellerCloudError("SellerCloud is not answering (HTTP 503).", {
          kind: "server",
          status: 503,
          retryable: true,
        });
      }
      return { counts: { fetched: 4 }, nextCursor: { n: n + 1 }, done: false };
    });
    expect(await workRun(deps(module), (await claimRun(deps(module)))!)).toEqual({
      kind: "finished",
      status: "failed",
    });
    expect(tries).toBe(3); // first try + pageRetries (2)
    const failed = await readRun(run.id);
    expect(failed).toMatchObject({
      status: "failed",
      error: "SellerCloud is not answering (HTTP 503).",
      pagesDone: 1,
      fetchedCount: 4,
      lockToken: null,
    });
    const events = await eventsOf(run.id);
    expect(events.at(-1)).toMatchObject({ level: "error", entity: "run", code: "run_failed" });
  });

  it("does not retry an error that says retrying cannot help, and hides unexpected messages", async () => {
    const a = await newRun("get_orders");
    let tries = 0;
    const refuses = scripted(() => {
      tries++;
      throw new AppError("VALIDATION", "Choose the SellerCloud company in the channel settings.");
    });
    await workRun(deps(refuses), (await claimRun(deps(refuses)))!);
    expect(tries).toBe(1);
    expect((await readRun(a.id)).error).toBe("Choose the SellerCloud company in the channel settings.");

    const b = await newRun("link_listings");
    const crashes = scripted(() => {
      throw new Error("relation secret_table does not exist at 10.0.0.3");
    });
    await workRun(deps(crashes), (await claimRun(deps(crashes)))!);
    const failed = await readRun(b.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).not.toContain("10.0.0.3");
    expect(failed.error).toMatch(/unexpected error/);
  });

  it("fails a run whose operation has no module", async () => {
    const run = await newRun();
    const none: RunnerDeps = {
      db: ctx.db,
      createSellerCloudClient: noClient,
      getModule: () => undefined,
      options: fast,
    };
    expect(await workRun(none, (await claimRun(none))!)).toEqual({ kind: "finished", status: "failed" });
    expect((await readRun(run.id)).status).toBe("failed");
  });

  it("creates the SellerCloud client lazily, once, and records its calls per page", async () => {
    const run = await newRun();
    const factory = stubClientFactory();
    const module = scripted(async (n, opCtx) => {
      if (n > 0) {
        const client = (await opCtx.sellercloud()) as unknown as { callsMade: number };
        client.callsMade += 3;
      }
      return { nextCursor: { n: n + 1 }, done: n === 2 };
    });
    const withClient = deps(module, { createSellerCloudClient: factory });
    const claimed = await claimRun(withClient);
    expect(factory.created).toBe(0);
    await workRun(withClient, claimed!);
    expect(factory.created).toBe(1);
    expect((await readRun(run.id)).callsUsed).toBe(6);
  });

  it("cancels a queued run at once and a running one at its next page boundary", async () => {
    const queued = await newRun("link_listings");
    expect((await requestCancel(ctx.db, { workspaceId, runId: queued.id })).status).toBe("canceled");
    await expect(requestCancel(ctx.db, { workspaceId, runId: queued.id })).rejects.toThrow(/already finished/);

    const run = await newRun("get_orders");
    const pages: number[] = [];
    const module = scripted(async (n) => {
      pages.push(n);
      if (n === 1) await requestCancel(ctx.db, { workspaceId, runId: run.id });
      return { counts: { fetched: 1 }, nextCursor: { n: n + 1 }, done: n === 9 };
    });
    expect(await workRun(deps(module), (await claimRun(deps(module)))!)).toEqual({
      kind: "finished",
      status: "canceled",
    });
    // Page 1 (during which cancel was asked) is committed whole; no page after it starts.
    expect(pages).toEqual([0, 1]);
    expect(await readRun(run.id)).toMatchObject({ status: "canceled", pagesDone: 2, fetchedCount: 2, lockToken: null });
    expect((await eventsOf(run.id)).at(-1)).toMatchObject({ code: "canceled" });
  });

  it("refuses to cancel another workspace's run", async () => {
    const run = await newRun();
    const stranger = await seedChannel(ctx.db);
    await expect(requestCancel(ctx.db, { workspaceId: stranger.workspaceId, runId: run.id })).rejects.toThrow(
      /not found/,
    );
  });

  it("stops at a page boundary when the budget is spent and resumes from the cursor", async () => {
    const run = await newRun();
    let clock = Date.parse("2026-03-01T10:00:00Z");
    const now = () => new Date(clock);
    const pages: number[] = [];
    const module = scripted((n) => {
      pages.push(n);
      clock += 10_000; // each page takes ten seconds
      return { counts: { fetched: 1 }, nextCursor: { n: n + 1 }, done: n === 5 };
    });
    const timed = deps(module, { now });
    const first = await workClaimedRuns(timed, { deadline: new Date(clock + 25_000) });
    expect(first.map((w) => w.outcome)).toEqual([{ kind: "released", reason: "budget" }]);
    expect(pages).toEqual([0, 1, 2]);
    const paused = await readRun(run.id);
    expect(paused).toMatchObject({ status: "running", pagesDone: 3, cursor: { n: 3 }, lockToken: null });
    // Still the active run: a click now is told it is under way.
    expect(
      isAlreadyRunning(
        await enqueueRun(ctx.db, { workspaceId, channelId, operation: "get_orders", trigger: "manual" }),
      ),
    ).toBe(true);
    const second = await workClaimedRuns(timed, { deadline: new Date(clock + 600_000) });
    expect(second.map((w) => w.outcome)).toEqual([{ kind: "finished", status: "succeeded" }]);
    expect(pages).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await readRun(run.id)).toMatchObject({ status: "succeeded", pagesDone: 6, fetchedCount: 6, attempts: 2 });
  });

  it("releases the lease at the next page boundary on shutdown", async () => {
    const run = await newRun();
    const stop = new AbortController();
    const module = scripted((n) => {
      if (n === 1) stop.abort();
      return { nextCursor: { n: n + 1 }, done: n === 5 };
    });
    expect(await workRun(deps(module), (await claimRun(deps(module)))!, { stop: stop.signal })).toEqual({
      kind: "released",
      reason: "shutdown",
    });
    const released = await readRun(run.id);
    expect(released).toMatchObject({ status: "running", pagesDone: 2, lockToken: null });
    expect(released.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await claimRun(deps(module)))?.run.id).toBe(run.id);
  });

  it("rolls back a page whose commit throws and writes nothing of it", async () => {
    await createTestTable(ctx.db);
    const run = await newRun("link_listings");
    let commits = 0;
    const module: OperationModule<{ page: number }> = {
      operation: "link_listings",
      runPage: async (opCtx, cursor) => ({
        async commit(tx) {
          await tx.execute(
            sql`INSERT INTO runtime_test_items (run_id, item, worker) VALUES (${opCtx.runId}, ${cursor?.page ?? 0}, 'x')`,
          );
          commits++;
          throw new AppError("CONFLICT", "A row changed under us.");
        },
        counts: { fetched: 1 },
        nextCursor: { page: 1 },
        done: true,
      }),
    };
    await workRun(deps(module), (await claimRun(deps(module)))!);
    expect(commits).toBe(1);
    const rows = rowsOf<{ n: number }>(
      await ctx.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${TEST_TABLE} WHERE run_id = '${run.id}'`)),
    );
    expect(rows[0]!.n).toBe(0);
    expect(await readRun(run.id)).toMatchObject({
      status: "failed",
      pagesDone: 0,
      fetchedCount: 0,
      error: "A row changed under us.",
    });
  });

  it("commits a test table page by page through the runner", async () => {
    await createTestTable(ctx.db);
    const run = await newRun("link_listings");
    const module = tableOperation({ total: 25, pageSize: 10, worker: "a" });
    await workRun(deps(module), (await claimRun(deps(module)))!);
    const rows = rowsOf<{ n: number; d: number }>(
      await ctx.db.execute(
        sql.raw(
          `SELECT count(*)::int AS n, count(DISTINCT item)::int AS d FROM ${TEST_TABLE} WHERE run_id = '${run.id}'`,
        ),
      ),
    );
    expect(rows[0]).toEqual({ n: 25, d: 25 });
    expect(await readRun(run.id)).toMatchObject({
      status: "succeeded",
      pagesDone: 3,
      createdCount: 25,
      progressLabel: "25 of 25 items",
    });
  });

  it("enqueues a retry run listing the failed items", async () => {
    const run = await newRun();
    const module = scripted(() => ({
      counts: { fetched: 3, failed: 2 },
      events: [
        { level: "error", entity: "order", entityId: "A-2", code: "mapping_failed", message: "x" },
        { level: "error", entity: "order", entityId: "A-1", code: "mapping_failed", message: "x" },
        { level: "error", entity: "order", entityId: "A-1", code: "mapping_failed", message: "again" },
        { level: "warn", entity: "order", entityId: "A-9", code: "skipped", message: "skipped, not failed" },
      ],
      nextCursor: { n: 1 },
      done: true,
    }));
    await workRun(deps(module), (await claimRun(deps(module)))!);
    const retry = await retryFailedItems(ctx.db, { workspaceId, runId: run.id });
    if (isAlreadyRunning(retry)) throw new Error("expected a new run");
    expect(retry).toMatchObject({ trigger: "retry", operation: "get_orders", status: "queued" });
    expect(retry.input).toEqual({
      retryOf: run.id,
      entityIds: ["A-1", "A-2"],
      items: [
        { entity: "order", entityId: "A-1" },
        { entity: "order", entityId: "A-2" },
      ],
    });
  });

  it("lists runs newest first with filters, and scopes detail and stats by workspace", async () => {
    const a = await newRun("get_orders");
    const module = scripted(() => ({ counts: { fetched: 8, failed: 1 }, nextCursor: { n: 1 }, done: true }));
    await workRun(deps(module), (await claimRun(deps(module)))!);
    const b = await newRun("link_listings");
    const c = await newRun("get_orders");

    expect((await listRuns(ctx.db, { workspaceId })).map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect((await listRuns(ctx.db, { workspaceId, operation: "get_orders" })).map((r) => r.id)).toEqual([c.id, a.id]);
    expect((await listRuns(ctx.db, { workspaceId, status: "partially_failed" })).map((r) => r.id)).toEqual([a.id]);
    expect((await listRuns(ctx.db, { workspaceId, channelId })).at(0)?.channelName).toBe("Test channel");

    const stranger = await seedChannel(ctx.db);
    expect(await listRuns(ctx.db, { workspaceId: stranger.workspaceId })).toEqual([]);
    expect(await getRun(ctx.db, { workspaceId: stranger.workspaceId, runId: a.id })).toBeNull();
    const detail = await getRun(ctx.db, { workspaceId, runId: a.id });
    expect(detail?.run.status).toBe("partially_failed");
    expect(detail?.durationMs).toBeGreaterThanOrEqual(0);

    const stats = await runStats(ctx.db, { workspaceId });
    expect(stats.get_orders.map((p) => [p.runId, p.items, p.failures])).toEqual([
      [a.id, 8, 1],
      [c.id, 0, 0],
    ]);
    expect(stats.link_listings).toHaveLength(1);
    expect(stats.sync_orders).toEqual([]);
  });

  it("enqueues due scheduled runs once after a gap, skipping manual, disabled and inactive channels", async () => {
    const now = new Date("2026-03-01T11:20:00Z");
    const due = await seedChannel(ctx.db, {
      operations: [
        {
          operation: "get_orders",
          schedule: { kind: "hourly", minute: 0 },
          nextRunAt: new Date("2026-03-01T06:00:00Z"),
        },
        { operation: "link_listings", schedule: { kind: "manual" } },
        {
          operation: "sync_orders",
          schedule: { kind: "hourly", minute: 0 },
          nextRunAt: new Date("2026-03-01T06:00:00Z"),
          enabled: false,
        },
      ],
    });
    const paused = await seedChannel(ctx.db, {
      status: "paused",
      operations: [
        {
          operation: "get_orders",
          schedule: { kind: "daily", time: "01:00" },
          nextRunAt: new Date("2026-02-01T01:00:00Z"),
        },
      ],
    });
    const fresh = await seedChannel(ctx.db, {
      operations: [{ operation: "get_orders", schedule: { kind: "daily", time: "23:00" } }],
    });

    const first = await enqueueDueRuns(ctx.db, now);
    const mine = first.enqueued.filter((e) => [due.channelId, paused.channelId, fresh.channelId].includes(e.channelId));
    expect(mine).toEqual([{ runId: expect.any(String), channelId: due.channelId, operation: "get_orders" }]);
    const nextOf = async (id: string, operation: "get_orders") =>
      (
        await ctx.db
          .select()
          .from(channelOperations)
          .where(and(eq(channelOperations.channelId, id), eq(channelOperations.operation, operation)))
      )[0]?.nextRunAt?.toISOString();
    expect(await nextOf(due.channelId, "get_orders")).toBe("2026-03-01T12:00:00.000Z");
    expect(await nextOf(fresh.channelId, "get_orders")).toBe("2026-03-01T23:00:00.000Z");
    expect(await nextOf(paused.channelId, "get_orders")).toBe("2026-02-01T01:00:00.000Z");

    // A minute later nothing is due: the gap was caught up once.
    const again = await enqueueDueRuns(ctx.db, new Date("2026-03-01T11:21:00Z"));
    expect(again.enqueued.filter((e) => e.channelId === due.channelId)).toEqual([]);
    const scheduled = await ctx.db.select().from(runs).where(eq(runs.channelId, due.channelId));
    expect(scheduled.map((r) => [r.operation, r.trigger])).toEqual([["get_orders", "schedule"]]);

    // At the next hour the run is still queued: the occurrence is served by it, no second run.
    const later = await enqueueDueRuns(ctx.db, new Date("2026-03-01T12:00:30Z"));
    expect(later.alreadyRunning).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.select().from(runs).where(eq(runs.channelId, due.channelId))).toHaveLength(1);
  });

  it("runs a whole tick: enqueue due, then work within the budget", async () => {
    const seeded = await seedChannel(ctx.db, {
      operations: [
        {
          operation: "sync_orders",
          schedule: { kind: "cron", expression: "*/5 * * * *" },
          nextRunAt: new Date(Date.now() - 60_000),
        },
      ],
    });
    const module: OperationModule<{ n: number }> = {
      operation: "sync_orders",
      runPage: async (_c, cursor) => ({ counts: { fetched: 2 }, nextCursor: { n: (cursor?.n ?? 0) + 1 }, done: true }),
    };
    const report = await runTick(deps(module), { budgetMs: 10_000 });
    const enqueued = report.enqueued.find((e) => e.channelId === seeded.channelId);
    expect(enqueued).toBeDefined();
    expect(report.worked.find((w) => w.runId === enqueued!.runId)?.outcome).toEqual({
      kind: "finished",
      status: "succeeded",
    });
  });
});
