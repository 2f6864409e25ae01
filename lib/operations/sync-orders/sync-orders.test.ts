import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runEvents, runs } from "@/db/schema/runs";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import { describeEachDb } from "@/db/testing/describe-db";
import { findOrderForShipment, recordShipment } from "@/lib/shipments/record";
import {
  importSandboxOrders,
  SANDBOX_MAPPINGS,
  type SeededOrder,
  setChannelShippingSettings,
  unshippedSandboxOrderIds,
} from "@/lib/shipments/testing/seed";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { allocatePackages, clampShipDate, findShippingMapping, syncOrdersModule, unitsToPack } from ".";
import { seedChannel } from "../testing/fixtures";
import type { OperationContext } from "../types";

describe("sync orders helpers", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  it.each([
    ["keeps a past date", "2026-03-09T08:00:00Z", "2026-03-01T00:00:00Z", "2026-03-09T08:00:00.000Z"],
    [
      "pulls a future date back behind now minus slack",
      "2026-03-11T08:00:00Z",
      "2026-03-01T00:00:00Z",
      "2026-03-10T11:55:00.000Z",
    ],
    [
      "never goes before the order's creation",
      "2026-02-01T00:00:00Z",
      "2026-03-05T10:30:00Z",
      "2026-03-05T10:30:00.000Z",
    ],
    [
      "uses creation when the order is newer than now minus slack",
      "2026-03-10T12:00:00Z",
      "2026-03-10T11:58:00Z",
      "2026-03-10T11:58:00.000Z",
    ],
  ])("clamps the ship date: %s", (_, entered, created, expected) => {
    expect(clampShipDate(new Date(entered), now, new Date(created)).toISOString()).toBe(expected);
  });

  it("finds a mapping by exact service first, then the carrier-wide one", () => {
    expect(findShippingMapping(SANDBOX_MAPPINGS, "UPS", "Ground")?.sellercloudService).toBe("UPS Ground");
    expect(findShippingMapping(SANDBOX_MAPPINGS, "ups", "air")?.sellercloudService).toBe("UPS 2nd Day Air");
    expect(findShippingMapping(SANDBOX_MAPPINGS, "dhl", "")).toBeNull();
  });

  it("assigns every unit of every item across the packages", () => {
    const packages = allocatePackages(
      [
        { id: 1, qty: 3 },
        { id: 2, qty: 1 },
      ],
      2,
    );
    expect(packages).toEqual([
      { items: [{ orderItemId: 1, qty: 2 }] },
      {
        items: [
          { orderItemId: 1, qty: 1 },
          { orderItemId: 2, qty: 1 },
        ],
      },
    ]);
  });
  it("puts units where the shipment said and spreads the rest", () => {
    const packages = allocatePackages(
      [
        { id: 1, qty: 2 },
        { id: 2, qty: 1 },
      ],
      2,
      [null, [{ id: 1, qty: 2 }]],
    );
    expect(packages).toEqual([{ items: [{ orderItemId: 2, qty: 1 }] }, { items: [{ orderItemId: 1, qty: 2 }] }]);
  });
  it("assigns a kit through its children, each with the kit's item id and the child's SKU", () => {
    const kit = {
      id: 7,
      qty: 2,
      kitItems: [
        { productId: "MUG-1", qtyPerKit: 1, totalQty: 2 },
        { productId: "SPOON-1", qtyPerKit: 2, totalQty: 4 },
      ],
    };
    expect(unitsToPack([kit])).toBe(6);
    // The shipment placed one kit on the second package: its children go there; the other kit's
    // units are spread round-robin.
    expect(allocatePackages([kit], 2, [null, [{ id: 7, qty: 1 }]])).toEqual([
      {
        items: [
          { orderItemId: 7, qty: 1, bundleItemProductId: "MUG-1" },
          { orderItemId: 7, qty: 1, bundleItemProductId: "SPOON-1" },
        ],
      },
      {
        items: [
          { orderItemId: 7, qty: 1, bundleItemProductId: "MUG-1" },
          { orderItemId: 7, qty: 3, bundleItemProductId: "SPOON-1" },
        ],
      },
    ]);
  });
  it("leaves no package empty while another holds two units", () => {
    const packages = allocatePackages([{ id: 1, qty: 2 }], 2, [[{ id: 1, qty: 2 }]]);
    expect(packages).toEqual([{ items: [{ orderItemId: 1, qty: 1 }] }, { items: [{ orderItemId: 1, qty: 1 }] }]);
    expect(unitsToPack([{ id: 1, qty: 1 }])).toBe(1);
  });
});

describeEachDb("sync orders against the sandbox", (ctx) => {
  let sandbox: RunningSandbox;
  let workspaceId: string;
  let channelId: string;
  let clients: SellerCloudClient[] = [];
  let nextScIds: number[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 400, products: 300, seed: 7 });
    nextScIds = unshippedSandboxOrderIds(sandbox.state, 200);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const newClient = () => {
    const client = new SellerCloudClient({
      baseUrl: sandbox.url,
      ...sandbox.credentials,
      limiter: unlimited,
      timeoutMs: 300,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    clients.push(client);
    return client;
  };
  const deps = (): RunnerDeps => ({
    db: ctx.db,
    createSellerCloudClient: async () => newClient(),
    getModule: () => syncOrdersModule as never,
    options: { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 1, retryDelayMs: 1 },
  });
  const runSync = async () => {
    const created = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(created)) throw new Error("a run is already active");
    const claimed = await claimRun(deps(), { runId: created.id });
    const outcome = await workRun(deps(), claimed!);
    const [run] = await ctx.db.select().from(runs).where(eq(runs.id, created.id));
    const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, created.id));
    return { outcome, run: run!, events };
  };
  const takeOrders = async (n: number): Promise<SeededOrder[]> => {
    const ids = nextScIds.splice(0, n);
    return importSandboxOrders(ctx.db, { workspaceId, channelId }, sandbox.state, ids);
  };
  const ship = (
    order: SeededOrder,
    trackingNumbers: string[],
    extra: {
      carrier?: string;
      service?: string;
      items?: { orderItemId: string; quantity: number }[];
      shipDate?: Date;
    } = {},
  ) =>
    recordShipment(
      ctx.db,
      { workspaceId, source: "ui" },
      { id: order.id, channelId, sellercloudOrderId: order.scId },
      {
        carrier: extra.carrier ?? "ups",
        service: extra.service ?? "ground",
        trackingNumbers,
        items: extra.items ?? [],
        shipDate: extra.shipDate,
      },
    );
  const shipmentRow = async (id: string) => (await ctx.db.select().from(shipments).where(eq(shipments.id, id)))[0]!;
  const scOrder = (id: number) => sandbox.state.getOrder(id)!;
  const writesFor = (scId: number, since = 0) =>
    sandbox.requests
      .list({ since, method: "PUT" })
      .filter(
        (r) => r.path.startsWith("/api/Orders/ShippingStatus") && (r.body as { OrderID?: number })?.OrderID === scId,
      );

  beforeEach(async () => {
    await ctx.db.delete(runs);
    sandbox.faults.clear();
    clients = [];
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await setChannelShippingSettings(ctx.db, channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "wait" });
  });

  it("sends one tracking number with ShippingStatus and the order reads back Fully Shipped", async () => {
    const [order] = await takeOrders(1);
    const shipment = await ship(order!, ["1Z999AA10000000001"]);
    const since = sandbox.requests.lastSeq;
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    const puts = writesFor(order!.scId, since);
    expect(puts.map((p) => p.path)).toEqual(["/api/Orders/ShippingStatus"]);
    expect(puts[0]!.body).toMatchObject({
      ShippingCarrier: "UPS",
      ShippingService: "UPS Ground",
      TrackingNumber: "1Z999AA10000000001",
    });
    const back = scOrder(order!.scId);
    expect(back.dto.ShippingStatus).toBe(3);
    expect(back.dto.AllTrackingNumbers).toEqual(["1Z999AA10000000001"]);
    const row = await shipmentRow(shipment.id);
    expect(row.syncState).toBe("synced");
    expect(row.syncedAt).not.toBeNull();
    expect(row.callsUsed).toBe(1);
    // One read-back for the page and one write (plus a login, unless a token is cached).
    const served = sandbox.requests.list({ since }).map((r) => `${r.method} ${r.path}`);
    expect(served.filter((r) => r !== "POST /api/token")).toEqual([
      "GET /api/Orders",
      "PUT /api/Orders/ShippingStatus",
    ]);
    expect(run.callsUsed).toBe(served.length);
  });

  it("puts several tracking numbers on their own packages with SinglePackage, creating packages first", async () => {
    const [order] = await takeOrders(1);
    const shipment = await ship(order!, ["MULTIA1", "MULTIA2", "MULTIA3"], { carrier: "fedex", service: "home" });
    const since = sandbox.requests.lastSeq;
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    const puts = writesFor(order!.scId, since);
    expect(puts).toHaveLength(3);
    expect(puts.every((p) => p.path === "/api/Orders/ShippingStatus/SinglePackage")).toBe(true);
    expect(puts[0]!.body).toMatchObject({
      CarrierName: "FedEx",
      ShippingMethod: "FedEx Ground",
      TrackingNumber: "MULTIA1",
    });
    const back = scOrder(order!.scId);
    expect(back.dto.ShippingStatus).toBe(3);
    expect(back.packages.map((p) => p.TrackingNumber)).toEqual(["MULTIA1", "MULTIA2", "MULTIA3"]);
    // Every item is still assigned to a package after they were recreated.
    const assigned = back.packages.flatMap((p) => p.Items as { Qty: number }[]).reduce((n, i) => n + i.Qty, 0);
    const ordered = (back.dto.Items as { Qty: number }[]).reduce((n, i) => n + i.Qty, 0);
    expect(assigned).toBe(ordered);
    expect((await shipmentRow(shipment.id)).syncState).toBe("synced");
    const packages = await ctx.db.select().from(shipmentPackages).where(eq(shipmentPackages.shipmentId, shipment.id));
    expect(packages.every((p) => p.scAppliedAt && p.scPackageId)).toBe(true);
  });

  it("sends nothing on a second run", async () => {
    const orders = await takeOrders(3);
    await ship(orders[0]!, ["SECOND1"]);
    await ship(orders[1]!, ["SECOND2A", "SECOND2B"]);
    await ship(orders[2]!, ["SECOND3"]);
    expect((await runSync()).run.status).toBe("succeeded");
    const since = sandbox.requests.lastSeq;
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    expect(sandbox.requests.list({ since }).filter((r) => r.method !== "POST" || r.path !== "/api/token")).toHaveLength(
      0,
    );
    expect(run.callsUsed).toBe(0);
  });

  it("reads the order back after a timeout SellerCloud had applied, and does not write again", async () => {
    const [order] = await takeOrders(1);
    const shipment = await ship(order!, ["TIMEOUT1"]);
    sandbox.faults.add({
      kind: "slow",
      method: "PUT",
      path: "/api/Orders/ShippingStatus",
      delayMs: 1_000,
      applyFirst: true,
    });
    const since = sandbox.requests.lastSeq;
    const { run, events } = await runSync();
    expect(run.status).toBe("succeeded");
    // The sandbox logs the slow request only once it answers.
    await new Promise((r) => setTimeout(r, 1_100));
    expect(writesFor(order!.scId, since)).toHaveLength(1);
    expect((await shipmentRow(shipment.id)).syncState).toBe("synced");
    expect(events.some((e) => e.code === "confirmed_by_read_back")).toBe(true);
    expect(scOrder(order!.scId).dto.AllTrackingNumbers).toEqual(["TIMEOUT1"]);
  });

  it("fails the one order SellerCloud answers 500 for, sends the others, and retries it on the next run", async () => {
    const orders = await takeOrders(3);
    const sent = [];
    for (const [i, order] of orders.entries()) sent.push(await ship(order, [`FIVE-${i}`]));
    sandbox.faults.add({ kind: "error", method: "PUT", path: "/api/Orders/ShippingStatus", status: 500, after: 1 });
    const first = await runSync();
    expect(first.run.status).toBe("partially_failed");
    const states = await Promise.all(sent.map((s) => shipmentRow(s.id)));
    expect(states.map((s) => s.syncState).sort()).toEqual(["failed", "synced", "synced"]);
    const failed = states.find((s) => s.syncState === "failed")!;
    expect(failed.retryable).toBe(true);
    expect(failed.failureReason).toMatch(/not there; it will be sent again on the next run/);
    const second = await runSync();
    expect(second.run.status).toBe("succeeded");
    expect((await shipmentRow(failed.id)).syncState).toBe("synced");
    for (const order of orders) expect(scOrder(order.scId).dto.ShippingStatus).toBe(3);
  });

  it("waits out throttling instead of failing", async () => {
    const orders = await takeOrders(2);
    await ship(orders[0]!, ["THROTTLE1"]);
    await ship(orders[1]!, ["THROTTLE2A", "THROTTLE2B"]);
    sandbox.faults.add({ kind: "throttle", path: "/api/Orders/ShippingStatus*", resetMs: 200, times: 2 });
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    expect(clients.reduce((n, c) => n + c.stats.throttleWaits, 0)).toBeGreaterThanOrEqual(2);
    expect(scOrder(orders[1]!.scId).dto.AllTrackingNumbers).toEqual(["THROTTLE2A", "THROTTLE2B"]);
  });

  it("fails an unmapped carrier with a message naming it and the settings page, and sends the rest", async () => {
    const orders = await takeOrders(2);
    const unmapped = await ship(orders[0]!, ["UNMAPPED1"], { carrier: "dhl", service: "express" });
    const mapped = await ship(orders[1]!, ["MAPPED1"], { carrier: "usps", service: "priority" });
    const { run } = await runSync();
    expect(run.status).toBe("partially_failed");
    const row = await shipmentRow(unmapped.id);
    expect(row.syncState).toBe("failed");
    expect(row.failureReason).toContain('carrier "dhl"');
    expect(row.failureReason).toContain(`/channels/${channelId}/settings/shipping`);
    expect(row.attempts).toBe(0);
    expect((await shipmentRow(mapped.id)).syncState).toBe("synced");
    expect(scOrder(orders[0]!.scId).dto.ShippingStatus).toBe(1);
    // Once the mapping exists, the next run sends it without a retry click.
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
    await runSync();
    expect((await shipmentRow(unmapped.id)).syncState).toBe("synced");
  });

  it("recovers a worker killed between SellerCloud's success and the local write: the number is on the order once", async () => {
    const [order] = await takeOrders(1);
    const shipment = await ship(order!, ["CRASH1"]);
    const run = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(run)) throw new Error("unexpected");
    // The page runs (SellerCloud applies the update) but its commit never happens: the process died.
    const client = newClient();
    const pageCtx: OperationContext = {
      db: ctx.db,
      workspaceId,
      channelId,
      runId: run.id,
      dryRun: false,
      input: {},
      sellercloud: async () => client,
      now: () => new Date(),
      log: { debug() {}, info() {}, warn() {}, error() {} },
      signal: new AbortController().signal,
    };
    await syncOrdersModule.runPage(pageCtx, null);
    expect((await shipmentRow(shipment.id)).syncState).toBe("sending");
    await ctx.db.delete(runs);
    const since = sandbox.requests.lastSeq;
    const { run: recovered } = await runSync();
    expect(recovered.status).toBe("succeeded");
    expect(writesFor(order!.scId, since)).toHaveLength(0);
    expect(writesFor(order!.scId)).toHaveLength(1);
    expect(scOrder(order!.scId).dto.AllTrackingNumbers).toEqual(["CRASH1"]);
    expect((await shipmentRow(shipment.id)).syncState).toBe("synced");
  });

  it("reports an order someone else already shipped in SellerCloud and does not overwrite it", async () => {
    const [order] = await takeOrders(1);
    sandbox.state.updateOrder(order!.scId, {});
    await ship(order!, ["OTHERTHEIRS"]);
    // Someone ships it in SellerCloud before Conduit sends.
    const other = newClient();
    await other.updateShippingStatus({
      orderId: order!.scId,
      carrier: "USPS",
      service: "USPS Priority Mail",
      shipDate: new Date(Date.now() - 60_000),
      trackingNumber: "SOMEONE-ELSE",
    });
    await ctx.db.delete(shipments).where(eq(shipments.orderId, order!.id));
    const mine = await ship(order!, ["MINE1"]);
    const since = sandbox.requests.lastSeq;
    const { run, events } = await runSync();
    expect(run.status).toBe("partially_failed");
    expect(writesFor(order!.scId, since)).toHaveLength(0);
    const row = await shipmentRow(mine.id);
    expect(row.failureCode).toBe("shipped_elsewhere");
    expect(row.failureReason).toContain("SOMEONE-ELSE");
    expect(events.find((e) => e.code === "shipped_elsewhere")?.level).toBe("warn");
    expect(scOrder(order!.scId).dto.AllTrackingNumbers).toEqual(["SOMEONE-ELSE"]);
  });

  it("waits for a partly fulfilled order by default, and sends it at once when the channel says send now", async () => {
    const candidates = await takeOrders(20);
    const order = candidates.find((o) => o.items.length >= 2 || (o.items[0]?.qty ?? 0) >= 2)!;
    const firstItem = order.items[0]!;
    const partial = await ship(order, ["PARTIAL1"], { items: [{ orderItemId: firstItem.id, quantity: 1 }] });
    const { run, events } = await runSync();
    expect(run.status).toBe("succeeded");
    expect((await shipmentRow(partial.id)).syncState).toBe("pending");
    expect(events.some((e) => e.code === "waiting_for_rest")).toBe(true);
    expect(scOrder(order.scId).dto.ShippingStatus).toBe(1);

    await setChannelShippingSettings(ctx.db, channelId, { partialShipments: "send_now" });
    await runSync();
    expect((await shipmentRow(partial.id)).syncState).toBe("synced");
    expect(scOrder(order.scId).dto.ShippingStatus).toBe(3);
  });

  it("adds a later shipment of an order Conduit already shipped to its empty package, and says so when none is left", async () => {
    await setChannelShippingSettings(ctx.db, channelId, { partialShipments: "send_now" });
    const index = nextScIds.findIndex((id) => (scOrder(id).packages.length ?? 0) >= 2);
    const [scId] = nextScIds.splice(index, 1);
    const [order] = await importSandboxOrders(ctx.db, { workspaceId, channelId }, sandbox.state, [scId!]);
    const [firstLine, secondLine] = order!.items;
    const first = await ship(order!, ["LATER1"], {
      items: [{ orderItemId: firstLine!.id, quantity: firstLine!.qty }],
    });
    await runSync();
    expect((await shipmentRow(first.id)).syncState).toBe("synced");
    expect(scOrder(scId!).dto.ShippingStatus).toBe(3);

    const second = await ship(order!, ["LATER2"], {
      items: [{ orderItemId: secondLine!.id, quantity: secondLine!.qty }],
    });
    const since = sandbox.requests.lastSeq;
    await runSync();
    expect((await shipmentRow(second.id)).syncState).toBe("synced");
    expect(writesFor(scId!, since).map((w) => w.path)).toEqual(["/api/Orders/ShippingStatus/SinglePackage"]);
    expect(scOrder(scId!).dto.AllTrackingNumbers).toEqual(["LATER1", "LATER2"]);

    const third = await ship(order!, ["LATER3"], { service: "air" });
    await runSync();
    const row = await shipmentRow(third.id);
    expect(row.failureCode).toBe("no_free_package");
    expect(row.failureReason).toContain("cannot add packages to a shipped order");
  });

  it("recreates packages with the items each tracking number was recorded with", async () => {
    const candidates = await takeOrders(20);
    const order = candidates.find((o) => o.items.length >= 2 && scOrder(o.scId).packages.length === 1)!;
    const [a, b] = order.items;
    const shipment = await recordShipment(
      ctx.db,
      { workspaceId, source: "api" },
      { id: order.id, channelId, sellercloudOrderId: order.scId },
      {
        carrier: "ups",
        service: "ground",
        trackingNumbers: ["BOXB", "BOXA"],
        packageItems: [[{ orderItemId: b!.id, quantity: b!.qty }], [{ orderItemId: a!.id, quantity: a!.qty }]],
        items: [],
      },
    );
    await runSync();
    expect((await shipmentRow(shipment.id)).syncState).toBe("synced");
    const packages = scOrder(order.scId).packages as { TrackingNumber: string; Items: { OrderItemID: number }[] }[];
    const box = (tracking: string) =>
      packages.find((p) => p.TrackingNumber === tracking)!.Items.map((i) => i.OrderItemID);
    expect(box("BOXB")).toContain(b!.scItemId);
    expect(box("BOXA")).toContain(a!.scItemId);
  });

  it("records by SellerCloud order ID and clamps a ship date before the order's creation", async () => {
    const [order] = await takeOrders(1);
    const ref = await findOrderForShipment(ctx.db, workspaceId, { orderNumber: String(order!.scId) });
    expect(ref.id).toBe(order!.id);
    const shipment = await ship(order!, ["EARLY1"], { shipDate: new Date("2020-01-01T00:00:00Z") });
    await runSync();
    const row = await shipmentRow(shipment.id);
    expect(row.syncState).toBe("synced");
    expect(row.sentShipDate).toBe(String(scOrder(order!.scId).dto.CreatedOn).slice(0, 19));
  });
});
