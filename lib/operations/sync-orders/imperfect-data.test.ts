/**
 * Sync Orders with SellerCloud as it really is (issue 13 §3-§5), over real HTTP against the
 * sandbox: a tenant clock that is not UTC (the key cases run under UTC and America/New_York), a
 * "Ship Date cannot be in the future" refusal, kit lines and more tracking numbers than units, and
 * tracking numbers written with spaces, dashes or in lower case on one side.
 */

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { channels } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import type { DbContext } from "@/db/testing/describe-db";
import { describeEachDb } from "@/db/testing/describe-db";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import { recordShipment } from "@/lib/shipments/record";
import {
  importSandboxOrders,
  SANDBOX_MAPPINGS,
  type SeededOrder,
  setChannelShippingSettings,
  unshippedSandboxOrderIds,
} from "@/lib/shipments/testing/seed";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { seedChannel } from "../testing/fixtures";
import { syncOrdersModule } from ".";

type Json = Record<string, unknown>;

/** A sandbox in `sandboxZone`, a channel whose SellerCloud time zone is `channelZone`, and helpers. */
function harness(ctx: DbContext, sandboxZone: string) {
  const h = {
    sandbox: undefined as unknown as RunningSandbox,
    workspaceId: "",
    channelId: "",
    nextScIds: [] as number[],
  };
  beforeAll(async () => {
    h.sandbox = await startSandbox({ orders: 200, products: 100, seed: 13, timeZone: sandboxZone });
    h.nextScIds = unshippedSandboxOrderIds(h.sandbox.state, 150);
  });
  afterAll(async () => {
    await h.sandbox?.close();
  });
  beforeEach(async () => {
    await ctx.db.delete(runs);
    h.sandbox.faults.clear();
    ({ workspaceId: h.workspaceId, channelId: h.channelId } = await seedChannel(ctx.db));
    await setChannelShippingSettings(ctx.db, h.channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "send_now" });
  });

  const deps = (): RunnerDeps => ({
    db: ctx.db,
    createSellerCloudClient: async () =>
      new SellerCloudClient({
        baseUrl: h.sandbox.url,
        ...h.sandbox.credentials,
        limiter: unlimited,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      }),
    getModule: () => syncOrdersModule as never,
    options: { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 1, retryDelayMs: 1 },
  });

  return {
    h,
    async setChannelZone(zone: string | undefined) {
      const [row] = await ctx.db
        .select({ settings: channels.settings })
        .from(channels)
        .where(eq(channels.id, h.channelId));
      const settings = row!.settings!;
      await ctx.db
        .update(channels)
        .set({ settings: { ...settings, orders: { ...settings.orders!, timeZone: zone } } })
        .where(eq(channels.id, h.channelId));
    },
    async runSync() {
      const created = await enqueueRun(ctx.db, {
        workspaceId: h.workspaceId,
        channelId: h.channelId,
        operation: "sync_orders",
        trigger: "manual",
      });
      if (isAlreadyRunning(created)) throw new Error("a run is already active");
      const claimed = await claimRun(deps(), { runId: created.id });
      await workRun(deps(), claimed!);
      const [run] = await ctx.db.select().from(runs).where(eq(runs.id, created.id));
      const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, created.id));
      return { run: run!, events };
    },
    async takeOrder(): Promise<SeededOrder> {
      const ids = h.nextScIds.splice(0, 1);
      const [order] = await importSandboxOrders(
        ctx.db,
        { workspaceId: h.workspaceId, channelId: h.channelId },
        h.sandbox.state,
        ids,
      );
      return order!;
    },
    /** A fresh sandbox order with the given lines, imported into Conduit. */
    async newOrder(items: Json[]): Promise<SeededOrder> {
      const scId = h.sandbox.state.addOrder({ Items: items }).ID as number;
      const [order] = await importSandboxOrders(
        ctx.db,
        { workspaceId: h.workspaceId, channelId: h.channelId },
        h.sandbox.state,
        [scId],
      );
      return order!;
    },
    ship(order: SeededOrder, trackingNumbers: string[], shipDate?: Date) {
      return recordShipment(
        ctx.db,
        { workspaceId: h.workspaceId, source: "ui" },
        { id: order.id, channelId: h.channelId, sellercloudOrderId: order.scId },
        { carrier: "ups", service: "ground", trackingNumbers, items: [], shipDate },
      );
    },
    async shipmentRow(id: string) {
      return (await ctx.db.select().from(shipments).where(eq(shipments.id, id)))[0]!;
    },
    writes(scId: number, since: number) {
      return h.sandbox.requests
        .list({ since })
        .filter(
          (r) =>
            (r.path.startsWith("/api/Orders/ShippingStatus") && (r.body as Json)?.OrderID === scId) ||
            r.path.toLowerCase() === `/api/orders/${scId}/shipping/packages`,
        );
    },
  };
}

for (const zone of ["UTC", "America/New_York"]) {
  describeEachDb(`Sync Orders on a SellerCloud clock in ${zone}`, (ctx) => {
    const t = harness(ctx, zone);
    beforeEach(() => t.setChannelZone(zone));

    it("syncs a shipment recorded today, its ship date sent on the tenant's clock", async () => {
      const order = await t.takeOrder();
      const shipment = await t.ship(order, ["1Z999AA10000000101"]);
      const since = t.h.sandbox.requests.lastSeq;
      const { run } = await t.runSync();
      expect(run.status).toBe("succeeded");
      const row = await t.shipmentRow(shipment.id);
      expect(row.syncState).toBe("synced");
      const [put] = t.writes(order.scId, since);
      const sent = Date.parse(`${(put!.body as Json).ShipDate as string}Z`);
      const tenantNow = t.h.sandbox.state.now();
      // Five minutes behind the tenant's now (never the UTC reading of it).
      expect(sent).toBeLessThanOrEqual(tenantNow - 4 * 60_000);
      expect(sent).toBeGreaterThan(tenantNow - 10 * 60_000);
      expect(row.sentShipDate).toBe((put!.body as Json).ShipDate);
    });

    it("syncs several tracking numbers on their own packages", async () => {
      const order = await t.newOrder([
        { ProductID: "SC-000001", Qty: 1 },
        { ProductID: "SC-000002", Qty: 1 },
      ]);
      const shipment = await t.ship(order, ["1Z999AA10000000201", "1Z999AA10000000202"]);
      const { run } = await t.runSync();
      expect(run.status).toBe("succeeded");
      expect((await t.shipmentRow(shipment.id)).syncState).toBe("synced");
      expect(t.h.sandbox.state.getOrder(order.scId)!.dto.AllTrackingNumbers).toEqual([
        "1Z999AA10000000201",
        "1Z999AA10000000202",
      ]);
    });

    it("clamps a ship date before the order's creation to the creation, on the tenant's clock", async () => {
      const order = await t.takeOrder();
      const shipment = await t.ship(order, ["1Z999AA10000000301"], new Date("2020-01-01T00:00:00Z"));
      await t.runSync();
      const row = await t.shipmentRow(shipment.id);
      expect(row.syncState).toBe("synced");
      expect(row.sentShipDate).toBe(String(t.h.sandbox.state.getOrder(order.scId)!.dto.CreatedOn).slice(0, 19));
    });
  });
}

describeEachDb("Sync Orders when SellerCloud's clock is behind the channel's time zone", (ctx) => {
  const t = harness(ctx, "America/New_York");

  it("sends once more with an earlier ship date instead of parking the shipment", async () => {
    // The channel still says UTC: "now - 5 min" in UTC is hours ahead of New York's clock.
    await t.setChannelZone(undefined);
    const order = await t.takeOrder();
    const shipment = await t.ship(order, ["1Z999AA10000000401"]);
    const since = t.h.sandbox.requests.lastSeq;
    const { run, events } = await t.runSync();
    const writes = t.writes(order.scId, since);
    expect(writes.map((w) => w.status)).toEqual([400, 200]);
    const [refused, sent] = writes.map((w) => (w.body as Json).ShipDate as string);
    expect(Date.parse(`${sent}Z`)).toBeLessThan(Date.parse(`${refused}Z`));
    expect(Date.parse(`${sent}Z`)).toBeLessThanOrEqual(t.h.sandbox.state.now());
    expect(run.status).toBe("succeeded");
    const row = await t.shipmentRow(shipment.id);
    expect(row.syncState).toBe("synced");
    expect(row.sentShipDate).toBe(sent);
    const notice = events.find((e) => e.code === "ship_date_moved_back")!;
    expect(notice.level).toBe("warn");
    expect(notice.message).toContain("Set the channel's SellerCloud time zone");
    expect(t.h.sandbox.state.getOrder(order.scId)!.dto.ShippingStatus).toBe(3);
  });

  it("with the channel set to New York sends the first date and needs no second try", async () => {
    await t.setChannelZone("America/New_York");
    const order = await t.takeOrder();
    await t.ship(order, ["1Z999AA10000000501"]);
    const since = t.h.sandbox.requests.lastSeq;
    const { events } = await t.runSync();
    expect(t.writes(order.scId, since).map((w) => w.status)).toEqual([200]);
    expect(events.some((e) => e.code === "ship_date_moved_back")).toBe(false);
    const sent = Date.parse(`${(t.writes(order.scId, since)[0]!.body as Json).ShipDate as string}Z`);
    expect(Math.abs(sent - toTenantWallClock(new Date(), "America/New_York").getTime())).toBeLessThan(10 * 60_000);
  });
});

describeEachDb("Sync Orders with kits, extra tracking numbers and numbers typed by people", (ctx) => {
  const t = harness(ctx, "UTC");

  it("assigns a kit's children to the packages, never an empty package", async () => {
    const order = await t.newOrder([
      {
        ProductID: "KIT-1",
        DisplayName: "Gift set",
        Qty: 1,
        BundleItems: [
          { ProductID: "MUG-1", ProductName: "Mug", Qty: 1 },
          { ProductID: "SPOON-1", ProductName: "Spoon", Qty: 1 },
        ],
      },
    ]);
    const kitLine = order.items[0]!.scItemId;
    const shipment = await t.ship(order, ["1Z999AA10000000601", "1Z999AA10000000602"]);
    const since = t.h.sandbox.requests.lastSeq;
    const { run } = await t.runSync();
    expect(run.status).toBe("succeeded");
    const post = t.writes(order.scId, since).find((w) => w.method === "POST")!;
    expect(post.status).toBe(200);
    expect(post.body).toEqual({
      Packages: [
        { Items: [{ OrderItemID: kitLine, Qty: 1, OrderItemBundleItemProductID: "MUG-1" }] },
        { Items: [{ OrderItemID: kitLine, Qty: 1, OrderItemBundleItemProductID: "SPOON-1" }] },
      ],
    });
    expect((await t.shipmentRow(shipment.id)).syncState).toBe("synced");
    const packages = t.h.sandbox.state.getOrder(order.scId)!.packages as { TrackingNumber: string; Items: Json[] }[];
    expect(packages.map((p) => [p.TrackingNumber, p.Items.map((i) => i.ProductID)])).toEqual([
      ["1Z999AA10000000601", ["MUG-1"]],
      ["1Z999AA10000000602", ["SPOON-1"]],
    ]);
  });

  it("says plainly when there are more tracking numbers than units, and sends nothing", async () => {
    const order = await t.newOrder([{ ProductID: "SC-000003", Qty: 1 }]);
    const shipment = await t.ship(order, ["1Z999AA10000000701", "1Z999AA10000000702"]);
    const since = t.h.sandbox.requests.lastSeq;
    const { run, events } = await t.runSync();
    expect(run.status).toBe("partially_failed");
    expect(t.writes(order.scId, since)).toEqual([]);
    const row = await t.shipmentRow(shipment.id);
    expect(row.failureCode).toBe("more_numbers_than_units");
    expect(row.retryable).toBe(false);
    expect(row.attempts).toBe(0);
    expect(row.failureReason).toBe(
      `Order #${order.scId} has 1 unit(s) to ship but 2 tracking numbers (1Z999AA10000000701, 1Z999AA10000000702). SellerCloud needs at least one item in every package, so Conduit sent none of them. If a number was recorded by mistake or labels the same box as another, add the right number(s) to the order in SellerCloud by hand; otherwise check the order's quantities in SellerCloud, then retry.`,
    );
    expect(events.find((e) => e.code === "more_numbers_than_units")?.level).toBe("warn");
    expect(t.h.sandbox.state.getOrder(order.scId)!.dto.ShippingStatus).toBe(1);
  });

  it.each([
    ["ours typed with spaces", "1Z 999 AA1 01 2345 6784", "1Z999AA10123456784"],
    ["SellerCloud's typed with dashes and in lower case", "1Z999AA10123456784", "1z999aa1-0123-456784"],
  ])("recognises a number already on the order (%s)", async (_, ours, theirs) => {
    const order = await t.takeOrder();
    // Someone put the number on the order in SellerCloud already.
    await new SellerCloudClient({
      baseUrl: t.h.sandbox.url,
      ...t.h.sandbox.credentials,
      limiter: unlimited,
    }).updateShippingStatus({
      orderId: order.scId,
      carrier: "UPS",
      service: "UPS Ground",
      shipDate: String(t.h.sandbox.state.getOrder(order.scId)!.dto.CreatedOn),
      trackingNumber: theirs,
    });
    const shipment = await t.ship(order, [ours]);
    // As a shipment recorded before numbers were normalised would have stored it.
    await ctx.db
      .update(shipmentPackages)
      .set({ trackingNumber: ours })
      .where(eq(shipmentPackages.shipmentId, shipment.id));
    const since = t.h.sandbox.requests.lastSeq;
    const { run } = await t.runSync();
    expect(run.status).toBe("succeeded");
    const row = await t.shipmentRow(shipment.id);
    expect(row.syncState).toBe("synced");
    expect(row.failureCode).toBeNull();
    expect(t.writes(order.scId, since)).toEqual([]);
  });
});
