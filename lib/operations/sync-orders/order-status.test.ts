import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { orders } from "@/db/schema/orders";
import { runEvents, runs } from "@/db/schema/runs";
import { shipments } from "@/db/schema/shipments";
import { describeEachDb } from "@/db/testing/describe-db";
import { getOrder, listOrders } from "@/lib/orders/queries";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { recordShipment } from "@/lib/shipments/record";
import {
  importSandboxOrders,
  SANDBOX_MAPPINGS,
  type SeededOrder,
  setChannelShippingSettings,
  unshippedSandboxOrderIds,
} from "@/lib/shipments/testing/seed";
import { enqueueRun, isAlreadyRunning, retryFailedItems } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { seedChannel } from "../testing/fixtures";
import { syncOrdersModule } from ".";

/**
 * Sync Orders and the order's status (issue 14 §1, §7, §8): a confirmed sync writes SellerCloud's
 * Fully Shipped (and when) to the order, so the order page and the Orders list say so; a failed
 * sync never reads as shipped; "Retry failed items" sends exactly the failed items; the calls
 * event never says fewer calls than "the fewest possible".
 */
describeEachDb("sync orders and the order's status", (ctx) => {
  let sandbox: RunningSandbox;
  let workspaceId: string;
  let channelId: string;
  let nextScIds: number[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 200, products: 200, seed: 11 });
    nextScIds = unshippedSandboxOrderIds(sandbox.state, 100);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const deps = (): RunnerDeps => ({
    db: ctx.db,
    createSellerCloudClient: async () =>
      new SellerCloudClient({
        baseUrl: sandbox.url,
        ...sandbox.credentials,
        limiter: unlimited,
        timeoutMs: 1_000,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      }),
    getModule: () => syncOrdersModule as never,
    options: { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 1, retryDelayMs: 1 },
  });
  const work = async (runId: string) => {
    const claimed = await claimRun(deps(), { runId });
    await workRun(deps(), claimed!);
    const [run] = await ctx.db.select().from(runs).where(eq(runs.id, runId));
    const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, runId));
    return { run: run!, events };
  };
  const runSync = async () => {
    const created = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(created)) throw new Error("a run is already active");
    return work(created.id);
  };
  const takeOrders = (n: number): Promise<SeededOrder[]> =>
    importSandboxOrders(ctx.db, { workspaceId, channelId }, sandbox.state, nextScIds.splice(0, n));
  /** An order with two units or more: two tracking numbers need an item in each package. */
  const takeOrderForTwoNumbers = async (): Promise<SeededOrder> => {
    const units = (id: number) =>
      (sandbox.state.getOrder(id)!.dto.Items as { Qty: number }[]).reduce((n, i) => n + i.Qty, 0);
    const index = nextScIds.findIndex((id) => units(id) >= 2);
    const [order] = await importSandboxOrders(
      ctx.db,
      { workspaceId, channelId },
      sandbox.state,
      nextScIds.splice(index, 1),
    );
    return order!;
  };
  const ship = (order: SeededOrder, trackingNumbers: string[], carrier = "ups") =>
    recordShipment(
      ctx.db,
      { workspaceId, source: "ui" },
      { id: order.id, channelId, sellercloudOrderId: order.scId },
      { carrier, service: "ground", trackingNumbers, items: [] },
    );
  const shipmentState = async (id: string) =>
    (await ctx.db.select().from(shipments).where(eq(shipments.id, id)))[0]!.syncState;

  beforeEach(async () => {
    await ctx.db.delete(runs);
    sandbox.faults.clear();
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await setChannelShippingSettings(ctx.db, channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "wait" });
  });

  it("a confirmed sync of two tracking numbers shows the order Fully Shipped in SellerCloud, with when", async () => {
    const order = await takeOrderForTwoNumbers();
    await ship(order, ["STATUS-A-1", "STATUS-A-2"]);
    const before = await getOrder(ctx.db, workspaceId, order.id);
    expect(before.status.conduit.state).toBe("pending");
    expect(before.status.sellercloud.fullyShipped).toBe(false);

    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    expect(sandbox.state.getOrder(order.scId)!.dto.ShippingStatus).toBe(3);

    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.scShippingStatus).toBe(3);
    expect(row!.scShippedAt).not.toBeNull();
    const after = await getOrder(ctx.db, workspaceId, order.id);
    expect(after.status).toMatchObject({
      conduit: { state: "synced", coversOrder: true },
      sellercloud: { label: "Fully Shipped", fullyShipped: true },
      awaitingSellerCloud: false,
    });
    expect(after.status.sellercloud.confirmedAt).toEqual(row!.scShippedAt);

    // The Orders list agrees and filters by both facts.
    const ids = async (filter: Parameters<typeof listOrders>[2]) =>
      (await listOrders(ctx.db, workspaceId, filter)).rows.map((r) => r.id);
    expect(await ids({ shipped: true })).toEqual([order.id]);
    expect(await ids({ conduit: "synced" })).toEqual([order.id]);
    expect(await ids({ shipped: false })).not.toContain(order.id);
    const [listed] = (await listOrders(ctx.db, workspaceId, { shipped: true })).rows;
    expect(listed).toMatchObject({ conduitState: "synced", scShippingStatus: 3 });
  });

  it("a sync that failed on an unmapped carrier is not shown as shipped", async () => {
    const order = (await takeOrders(1))[0]!;
    await ship(order, ["STATUS-DHL-1"], "dhl");
    const { run } = await runSync();
    expect(run.status).toBe("partially_failed");
    const detail = await getOrder(ctx.db, workspaceId, order.id);
    expect(detail.status).toMatchObject({
      conduit: { state: "failed", label: "Shipment recorded, sync failed" },
      sellercloud: { fullyShipped: false, confirmedAt: null },
      awaitingSellerCloud: true,
    });
    expect((await listOrders(ctx.db, workspaceId, { conduit: "failed" })).rows.map((r) => r.id)).toEqual([order.id]);
    expect((await listOrders(ctx.db, workspaceId, { shipped: true })).rows).toEqual([]);
  });

  it("Retry failed items sends exactly the failed items, not another order's pending shipment", async () => {
    const [failing, other] = await takeOrders(2);
    const failed = await ship(failing!, ["RETRY-ONLY-1"], "dhl");
    const first = await runSync();
    expect(await shipmentState(failed.id)).toBe("failed");
    // Recorded after the run: pending, and not one of the run's failed items.
    const unrelated = await ship(other!, ["RETRY-NOT-ME-1"]);
    await setChannelShippingSettings(ctx.db, channelId, {
      mappings: [
        ...SANDBOX_MAPPINGS,
        {
          conduitCarrier: "dhl",
          conduitService: "",
          sellercloudCarrier: "DHL",
          sellercloudService: "DHL Express Worldwide",
        },
      ],
    });
    const retry = await retryFailedItems(ctx.db, { workspaceId, runId: first.run.id });
    if (isAlreadyRunning(retry)) throw new Error("a run is already active");
    const { run } = await work(retry.id);
    expect(run.status).toBe("succeeded");
    expect(await shipmentState(failed.id)).toBe("synced");
    expect(await shipmentState(unrelated.id)).toBe("pending");
    expect(sandbox.state.getOrder(other!.scId)!.dto.ShippingStatus).toBe(1);
  });

  it("never reports fewer SellerCloud calls than the fewest possible", async () => {
    const [one] = await takeOrders(1);
    const two = await takeOrderForTwoNumbers();
    await ship(one!, ["CALLS-1"]);
    await ship(two, ["CALLS-2a", "CALLS-2b"]);
    // One unit, two numbers: stops before any write (more_numbers_than_units), after reading packages.
    const units = (id: number) =>
      (sandbox.state.getOrder(id)!.dto.Items as { Qty: number }[]).reduce((n, i) => n + i.Qty, 0);
    const single = nextScIds.findIndex((id) => units(id) === 1);
    const [three] = await importSandboxOrders(
      ctx.db,
      { workspaceId, channelId },
      sandbox.state,
      nextScIds.splice(single, 1),
    );
    await ship(three!, ["CALLS-3a", "CALLS-3b"]);
    const { events } = await runSync();
    const calls = events.find((e) => e.code === "calls")!;
    const details = calls.details as { calls: number; minimumCalls: number };
    expect(details.calls).toBeGreaterThanOrEqual(details.minimumCalls);
    expect(calls.message).not.toMatch(/fewest possible: \d+\)/);
  });
});
