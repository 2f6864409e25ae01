import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { variants } from "@/db/schema/catalog";
import { priceSyncItems } from "@/db/schema/prices";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { getProductPrice, getWarehouseQuantity } from "@/lib/sellercloud/prices";
import { pricesArea } from "@/lib/sellercloud/sandbox/areas/prices";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { enqueueRun, isAlreadyRunning, retryFailedItems } from "../enqueue";
import { createSyncPricesModule, PriceEvent } from "./index";
import { decideHeld, listReview } from "./review";
import { runSyncPrices, sandboxClient, type SeededVariant, seedLinkedChannel, setPriceSync } from "./testing";

/**
 * Sync Prices & Quantities over HTTP against the in-process sandbox, through the real runner and
 * client: only changes are sent, the rails hold and refuse, the bulk path runs a queued job, and a
 * killed worker's run resumes without sending a confirmed value again.
 */

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ products: 6000, orders: 10 });
});
afterAll(async () => {
  await sandbox?.close();
});

const module = createSyncPricesModule({ pollIntervalMs: 20, sendPageSize: 10 });
const area = () => sandbox.state.areaState(pricesArea);
const puts = (path: string, since: number) =>
  sandbox.requests.list({ path, method: "PUT", since }).map((r) => (r.body as { ProductID: string }).ProductID);

describeEachDb("Sync Prices & Quantities against the sandbox", (ctx) => {
  beforeEach(() => {
    area().jobDelayMs = 50;
    area().rowErrors.clear();
  });

  async function setCost(variantIds: string[], costCents: number) {
    await ctx.db.update(variants).set({ costCents }).where(inArray(variants.id, variantIds));
  }

  it("sends every linked variant first, then nothing; three costs and one quantity send exactly four", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 40,
      priceSync: { warehouseId: 2, reviewFirstPush: false, bulkThreshold: 1000 },
      pricing: {
        price: {
          base: "cost_markup_percent",
          amount: 100,
          neverBelowCost: true,
          neverBelowMap: true,
          neverAboveMsrp: false,
          roundTo99: false,
          min: null,
          max: null,
        },
        quantity: { buffer: 0, max: null, percentOfStock: 100 },
      },
    });
    const since = sandbox.requests.lastSeq;
    const first = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(first.run.status).toBe("succeeded");
    expect(new Set(puts("/api/Catalog/Prices", since)).size).toBe(40);
    expect(puts("/api/Inventory/SetPhysicalInventory", since)).toHaveLength(40);
    // SellerCloud reads back what was sent: cost $5.00 + 100 % = $10.00, quantity i % 50 + 1 in warehouse 2.
    const client = sandboxClient(sandbox);
    for (const v of seeded.variants.slice(0, 5)) {
      expect(await getProductPrice(client, v.productId)).toBe(10);
      const i = Number(v.sku.slice(2));
      expect(await getWarehouseQuantity(client, v.productId, 2)).toBe((i % 50) + 1);
    }

    const again = sandbox.requests.lastSeq;
    const second = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(second.run.status).toBe("succeeded");
    expect(sandbox.requests.list({ method: "PUT", since: again })).toHaveLength(0);
    expect(second.run.unchangedCount).toBe(40);

    const three = seeded.variants.slice(3, 6);
    await setCost(
      three.map((v) => v.variantId),
      520,
    );
    const qtyOne = seeded.variants[10]!;
    await ctx.db.update(variants).set({ quantity: 33 }).where(eq(variants.id, qtyOne.variantId));
    const third = sandbox.requests.lastSeq;
    const run = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(run.run.status).toBe("succeeded");
    expect(puts("/api/Catalog/Prices", third).sort()).toEqual(three.map((v) => v.productId).sort());
    expect(puts("/api/Inventory/SetPhysicalInventory", third)).toEqual([qtyOne.productId]);
    expect(run.run.updatedCount).toBe(4);
    expect(await getProductPrice(client, three[0]!.productId)).toBe(10.4);
    expect(await getWarehouseQuantity(client, qtyOne.productId, 2)).toBe(33);
  });

  it("holds a 50 % price jump for review, then sends it after approval", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 5,
      priceSync: { warehouseId: 1, reviewFirstPush: false, sendQuantities: false },
    });
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    const jump = seeded.variants[2]!;
    const [before] = await ctx.db.select().from(variants).where(eq(variants.id, jump.variantId));
    const newCents = Math.round(before!.priceCents! * 1.5);
    await ctx.db.update(variants).set({ priceCents: newCents }).where(eq(variants.id, jump.variantId));

    const since = sandbox.requests.lastSeq;
    const held = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(puts("/api/Catalog/Prices", since)).toEqual([]);
    const event = held.events.find((e) => e.code === PriceEvent.Held);
    expect(event?.message).toMatch(
      /V-2: price would move from \$10\.02 to \$15\.03 \(50 %\), more than the 30 % allowed/,
    );
    const review = await listReview(ctx.db, seeded, "held");
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ sku: "V-2", price: { next: newCents, state: "held", currentRead: true } });
    expect(review[0]!.price.current).toBe(1002);

    expect(await decideHeld(ctx.db, seeded, { variantIds: [jump.variantId], decision: "send" }, new Date())).toBe(1);
    const after = sandbox.requests.lastSeq;
    const sent = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(sent.run.status).toBe("succeeded");
    expect(puts("/api/Catalog/Prices", after)).toEqual([jump.productId]);
    expect(await getProductPrice(sandboxClient(sandbox), jump.productId)).toBe(newCents / 100);
    expect(await listReview(ctx.db, seeded, "held")).toHaveLength(0);
  });

  it("holds first pushes for review; a dry run reports without writing; skip keeps a value unsent", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, { count: 4, priceSync: { warehouseId: 1 } });
    const since = sandbox.requests.lastSeq;
    const dry = await runSyncPrices(ctx.db, sandbox, seeded, module, { dryRun: true });
    expect(dry.run.status).toBe("succeeded");
    expect(dry.events.find((e) => e.code === PriceEvent.DryRunSummary)?.message).toMatch(/Dry run:/);
    // Each first push it would hold is listed with the value and the rule.
    const listed = dry.events.filter((e) => e.code === PriceEvent.DryRun).map((e) => e.message);
    expect(listed).toHaveLength(8);
    expect(listed).toContainEqual(
      expect.stringMatching(
        /^Dry run: would hold for review \(first push\) price \$10\.01 for V-1 \(SellerCloud .*; last confirmed none\)\. The listing's price\.$/,
      ),
    );
    expect(
      await ctx.db.select().from(priceSyncItems).where(eq(priceSyncItems.channelId, seeded.channelId)),
    ).toHaveLength(0);

    const first = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(sandbox.requests.list({ method: "PUT", since })).toHaveLength(0);
    expect(first.events.find((e) => e.code === PriceEvent.FirstPush)?.message).toMatch(/8 value\(s\) were never sent/);
    expect(await listReview(ctx.db, seeded, "held")).toHaveLength(4);

    const [skip, ...send] = seeded.variants;
    await decideHeld(ctx.db, seeded, { variantIds: [skip!.variantId], decision: "skip" }, new Date());
    await decideHeld(ctx.db, seeded, { variantIds: "all", decision: "send" }, new Date());
    const after = sandbox.requests.lastSeq;
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(puts("/api/Catalog/Prices", after).sort()).toEqual(send.map((v) => v.productId).sort());
    const again = sandbox.requests.lastSeq;
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(sandbox.requests.list({ method: "PUT", since: again })).toHaveLength(0);
  });

  it("refuses a price below cost per variant and holds a run that would zero too many quantities", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 10,
      priceSync: { warehouseId: 1, reviewFirstPush: false },
      pricing: {
        price: {
          base: "price",
          amount: 0,
          neverBelowCost: false,
          neverBelowMap: false,
          neverAboveMsrp: false,
          roundTo99: false,
          min: null,
          max: null,
        },
        quantity: { buffer: 0, max: null, percentOfStock: 100 },
      },
    });
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    const cheap = seeded.variants[0]!;
    await ctx.db.update(variants).set({ priceCents: 450 }).where(eq(variants.id, cheap.variantId));
    const zeroed = seeded.variants.slice(1, 4).map((v) => v.variantId);
    await ctx.db.update(variants).set({ quantity: 0 }).where(inArray(variants.id, zeroed));
    const since = sandbox.requests.lastSeq;
    const run = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(run.events.find((e) => e.code === PriceEvent.Refused)?.message).toBe(
      "V-0: $4.50 is below its cost of $5.00; not sent.",
    );
    expect(run.events.find((e) => e.code === PriceEvent.RunHeld)?.message).toMatch(
      /would set 3 of 10 quantities to 0 \(30 %\), more than the 20 % allowed/,
    );
    expect(sandbox.requests.list({ method: "PUT", since })).toHaveLength(0);
    expect((await listReview(ctx.db, seeded, "held")).map((r) => r.sku).sort()).toEqual(["V-1", "V-2", "V-3"]);
    expect((await listReview(ctx.db, seeded, "refused")).map((r) => r.sku)).toEqual(["V-0"]);
  });

  it("sends 5,000 quantity changes through a queued bulk job", { timeout: 120_000 }, async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 5000,
      priceSync: { warehouseId: 2, reviewFirstPush: false, sendPrices: false, bulkThreshold: 200 },
    });
    const since = sandbox.requests.lastSeq;
    const run = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(run.run.status, run.run.error ?? "").toBe("succeeded");
    expect(run.run.updatedCount).toBe(5000);
    const imports = sandbox.requests.list({ path: "/api/Inventory/ImportPhysicalInventory", since });
    expect(imports).toHaveLength(1);
    expect((imports[0]!.body as { UpdateType: number }).UpdateType).toBe(0);
    expect(sandbox.requests.list({ path: "/api/Inventory/SetPhysicalInventory", since })).toHaveLength(0);
    const client = sandboxClient(sandbox);
    const last = seeded.variants[4999]!;
    expect(await getWarehouseQuantity(client, last.productId, 2)).toBe((4999 % 50) + 1);
    expect(run.events.find((e) => e.code === PriceEvent.BulkFinished)?.message).toMatch(
      /5000 quantities set, 0 refused/,
    );
  });

  it("marks exactly the rows a queued job reports failed", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 300,
      priceSync: { warehouseId: 2, reviewFirstPush: false, sendPrices: false, bulkThreshold: 100 },
    });
    const bad = [seeded.variants[7]!, seeded.variants[150]!, seeded.variants[299]!];
    for (const v of bad)
      area().rowErrors.set(v.productId.toUpperCase(), "Product is a kit; set its components instead.");
    const run = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(run.run.status).toBe("partially_failed");
    expect(run.run.failedCount).toBe(3);
    expect(run.run.updatedCount).toBe(297);
    const failed = await ctx.db
      .select({ id: priceSyncItems.variantId, reason: priceSyncItems.qtyReason })
      .from(priceSyncItems)
      .where(and(eq(priceSyncItems.channelId, seeded.channelId), eq(priceSyncItems.qtyState, "failed")));
    expect(failed.map((f) => f.id).sort()).toEqual(bad.map((v) => v.variantId).sort());
    expect(failed[0]!.reason).toMatch(/refused quantity \d+ for .*: Product is a kit/);
    // "Retry failed items" plans only those three products, and sends them one at a time.
    area().rowErrors.clear();
    const since = sandbox.requests.lastSeq;
    const retry = await retryFailedItems(ctx.db, { workspaceId: seeded.workspaceId, runId: run.run.id });
    if (isAlreadyRunning(retry)) throw new Error("unexpected");
    const client = sandboxClient(sandbox);
    const deps: RunnerDeps = {
      db: ctx.db,
      createSellerCloudClient: async () => client,
      getModule: () => module,
      options: { heartbeatMs: 0, pageRetries: 0 },
    };
    expect(await workRun(deps, (await claimRun(deps, { runId: retry.id }))!)).toEqual({
      kind: "finished",
      status: "succeeded",
    });
    expect(puts("/api/Inventory/SetPhysicalInventory", since).sort()).toEqual(bad.map((v) => v.productId).sort());
    const [retried] = await ctx.db.select().from(runs).where(eq(runs.id, retry.id));
    expect(retried!.fetchedCount).toBe(3);
  });

  it("resumes a killed worker's run without sending a confirmed value twice", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 60,
      priceSync: { warehouseId: 1, reviewFirstPush: false, sendQuantities: false },
    });
    const real = createSyncPricesModule({ sendPageSize: 10 });
    let pages = 0;
    let freeze: () => void = () => {};
    const frozen = new Promise<void>((resolve) => {
      freeze = resolve;
    });
    let reachedFreeze: () => void = () => {};
    const atFreeze = new Promise<void>((resolve) => {
      reachedFreeze = resolve;
    });
    // Worker 1 sends its values like the real module but stops answering on its 4th price page:
    // its SellerCloud writes happened, its commit never does (killed between the two).
    const dying = {
      operation: "sync_prices" as const,
      async runPage(c: Parameters<typeof real.runPage>[0], cursor: Parameters<typeof real.runPage>[1]) {
        const out = await real.runPage(c, cursor);
        if (cursor?.phase === "prices" && ++pages === 4) {
          reachedFreeze();
          await frozen;
        }
        return out;
      },
    };
    const run = await enqueueRun(ctx.db, { ...seeded, operation: "sync_prices", trigger: "manual" });
    if ("alreadyRunning" in run) throw new Error("unexpected");
    const since = sandbox.requests.lastSeq;
    const client = sandboxClient(sandbox);
    const base: RunnerDeps = {
      db: ctx.db,
      createSellerCloudClient: async () => client,
      getModule: () => dying,
      options: { heartbeatMs: 0, pageRetries: 0, leaseMs: 60_000 },
    };
    const first = workRun(base, (await claimRun(base, { runId: run.id }))!);
    await atFreeze;
    // The lease runs out; worker 2 claims the run and resumes from the last committed page.
    const later: RunnerDeps = {
      ...base,
      getModule: () => real,
      now: () => new Date(Date.now() + 120_000),
    };
    const resumed = await workRun(later, (await claimRun(later, { runId: run.id }))!);
    expect(resumed).toEqual({ kind: "finished", status: "succeeded" });
    freeze();
    expect(await first).toEqual({ kind: "lost" });

    const sent = puts("/api/Catalog/Prices", since);
    const counts = new Map<string, number>();
    for (const id of sent) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(60);
    // Pages 1-3 (30 values) were confirmed and committed: sent once. Page 4's 10 were sent, never
    // confirmed (the worker died before committing), and sent again by worker 2.
    const order = seeded.variants.map((v) => v.variantId).sort();
    const productOf = new Map(seeded.variants.map((v) => [v.variantId, v.productId]));
    const confirmedFirst = order.slice(0, 30).map((id) => productOf.get(id)!);
    for (const p of confirmedFirst) expect(counts.get(p)).toBe(1);
    expect(sent).toHaveLength(70);
    const [{ n }] = (await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(priceSyncItems)
      .where(
        and(eq(priceSyncItems.channelId, seeded.channelId), sql`${priceSyncItems.confirmedPriceCents} is not null`),
      )) as [{ n: number }];
    expect(n).toBe(60);
  });

  it("a SellerCloud fault on one price fails that variant only; the next run sends it", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 5,
      priceSync: { warehouseId: 1, reviewFirstPush: false, sendQuantities: false },
    });
    const target = seeded.variants[1]!;
    sandbox.faults.add({ kind: "error", method: "PUT", path: "/api/Catalog/Prices", status: 400, times: 1, after: 1 });
    const run = await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(run.run.status).toBe("partially_failed");
    expect(run.run.failedCount).toBe(1);
    const failed = await listReview(ctx.db, seeded, "failed");
    expect(failed).toHaveLength(1);
    const since = sandbox.requests.lastSeq;
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    expect(puts("/api/Catalog/Prices", since)).toEqual([failed[0]!.productId]);
    expect(target).toBeDefined();
  });

  it("keeps the setting's warehouse: changing it sends every quantity to the new one", async () => {
    const seeded = await seedLinkedChannel(ctx.db, sandbox, {
      count: 3,
      priceSync: { warehouseId: 1, reviewFirstPush: false, sendPrices: false },
    });
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    await setPriceSync(ctx.db, seeded.channelId, { warehouseId: 4, reviewFirstPush: false, sendPrices: false });
    const since = sandbox.requests.lastSeq;
    await runSyncPrices(ctx.db, sandbox, seeded, module);
    const bodies = sandbox.requests
      .list({ path: "/api/Inventory/SetPhysicalInventory", method: "PUT", since })
      .map((r) => (r.body as { WarehouseID: number }).WarehouseID);
    expect(bodies).toEqual([4, 4, 4]);
  });
});

export type { SeededVariant };
