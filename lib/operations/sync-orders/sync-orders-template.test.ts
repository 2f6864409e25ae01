import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { runEvents, runs } from "@/db/schema/runs";
import { shipments } from "@/db/schema/shipments";
import { describeEachDb } from "@/db/testing/describe-db";
import { buildDefaultSyncTemplateBody } from "@/lib/mapping/sync-targets";
import type { FieldMapping } from "@/lib/mapping/template";
import { createTemplate } from "@/lib/mapping/template-queries";
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
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { claimRun, type RunnerDeps, workRun } from "../runner";
import { syncOrdersModule } from ".";
import { seedChannel } from "../testing/fixtures";

/** Sync Orders with a channel's own sync_orders template: what the template says reaches SellerCloud. */
describeEachDb("sync orders with a mapping template, against the sandbox", (ctx) => {
  let sandbox: RunningSandbox;
  let workspaceId: string;
  let channelId: string;
  let nextScIds: number[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 120, products: 100, seed: 11 });
    nextScIds = unshippedSandboxOrderIds(sandbox.state, 40);
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
        timeoutMs: 300,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      }),
    getModule: () => syncOrdersModule as never,
    options: { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 1, retryDelayMs: 1 },
  });
  const runSync = async () => {
    const created = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(created)) throw new Error("a run is already active");
    const claimed = await claimRun(deps(), { runId: created.id });
    await workRun(deps(), claimed!);
    const [run] = await ctx.db.select().from(runs).where(eq(runs.id, created.id));
    const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, created.id));
    return { run: run!, events };
  };
  const takeOrders = (n: number): Promise<SeededOrder[]> =>
    importSandboxOrders(ctx.db, { workspaceId, channelId }, sandbox.state, nextScIds.splice(0, n));
  const ship = (order: SeededOrder, trackingNumbers: string[], carrier: string, service: string) =>
    recordShipment(
      ctx.db,
      { workspaceId, source: "ui" },
      { id: order.id, channelId, sellercloudOrderId: order.scId },
      { carrier, service, trackingNumbers, items: [] },
    );
  const shipmentRow = async (id: string) => (await ctx.db.select().from(shipments).where(eq(shipments.id, id)))[0]!;
  const writesFor = (scId: number, since: number) =>
    sandbox.requests
      .list({ since, method: "PUT" })
      .filter(
        (r) => r.path.startsWith("/api/Orders/ShippingStatus") && (r.body as { OrderID?: number })?.OrderID === scId,
      );
  const activateSyncTemplate = async (fields: Record<string, FieldMapping>) => {
    const base = buildDefaultSyncTemplateBody();
    const { version } = await createTemplate(ctx.db, workspaceId, {
      channelId,
      kind: "sync_orders",
      name: "Custom sync",
      body: { format: 1, fields: { ...base.fields, ...fields } },
      activate: true,
    });
    return version.id;
  };

  // A Rule on Conduit's own service name: "ground" goes as FedEx Home Delivery, anything else
  // as the shipping mappings' service.
  const serviceRule: FieldMapping = {
    mode: "rules",
    rules: [
      {
        match: "all",
        conditions: [{ path: "shipment.conduitService", op: "equals", value: "ground" }],
        output: { kind: "value", value: "FedEx Home Delivery" },
      },
    ],
    default: { kind: "field", path: "shipment.service" },
  };

  beforeEach(async () => {
    await ctx.db.delete(runs);
    sandbox.faults.clear();
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await setChannelShippingSettings(ctx.db, channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "wait" });
  });

  it("without a template sends the shipping mappings' names and records no version", async () => {
    const [order] = await takeOrders(1);
    const since = sandbox.requests.lastSeq;
    await ship(order!, ["TPLDEFAULT1"], "ups", "ground");
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    expect(run.templateVersionId).toBeNull();
    expect(writesFor(order!.scId, since)[0]!.body).toMatchObject({
      ShippingCarrier: "UPS",
      ShippingService: "UPS Ground",
    });
  });

  it("sends the template's Value for carrier and its Rule's service, with one or several tracking numbers", async () => {
    const versionId = await activateSyncTemplate({ carrier: { mode: "value", value: "FedEx" }, service: serviceRule });
    const [single, multi] = await takeOrders(2);
    const since = sandbox.requests.lastSeq;
    const one = await ship(single!, ["TPLONE1"], "ups", "ground");
    const two = await ship(multi!, ["TPLTWO1", "TPLTWO2"], "ups", "ground");
    const { run } = await runSync();
    expect(run.status).toBe("succeeded");
    expect(run.templateVersionId).toBe(versionId);

    expect(writesFor(single!.scId, since).map((w) => w.body)).toEqual([
      expect.objectContaining({
        ShippingCarrier: "FedEx",
        ShippingService: "FedEx Home Delivery",
        TrackingNumber: "TPLONE1",
      }),
    ]);
    const packages = writesFor(multi!.scId, since);
    expect(packages.map((w) => w.path)).toEqual([
      "/api/Orders/ShippingStatus/SinglePackage",
      "/api/Orders/ShippingStatus/SinglePackage",
    ]);
    expect(packages.map((w) => w.body)).toEqual([
      expect.objectContaining({
        CarrierName: "FedEx",
        ShippingMethod: "FedEx Home Delivery",
        TrackingNumber: "TPLTWO1",
      }),
      expect.objectContaining({
        CarrierName: "FedEx",
        ShippingMethod: "FedEx Home Delivery",
        TrackingNumber: "TPLTWO2",
      }),
    ]);
    expect(sandbox.state.getOrder(single!.scId)!.dto.ShippingCarrier).toBe("FedEx");
    expect(sandbox.state.getOrder(multi!.scId)!.dto.ShippingStatus).toBe(3);
    expect(await shipmentRow(one.id)).toMatchObject({
      syncState: "synced",
      sentCarrier: "FedEx",
      sentService: "FedEx Home Delivery",
    });
    expect((await shipmentRow(two.id)).syncState).toBe("synced");

    // A second run sends nothing: the read-back matches the numbers the template sent.
    const again = sandbox.requests.lastSeq;
    await runSync();
    expect(sandbox.requests.list({ since: again, method: "PUT" })).toHaveLength(0);
  });

  it("fails only the shipment the template cannot map, naming the field and the reason", async () => {
    // Only "ground" shipments get a status SellerCloud accepts; the others come out as their service.
    await activateSyncTemplate({
      shippingStatus: {
        mode: "rules",
        rules: [
          {
            match: "all",
            conditions: [{ path: "shipment.conduitService", op: "equals", value: "ground" }],
            output: { kind: "value", value: "Fully Shipped" },
          },
        ],
        default: { kind: "field", path: "shipment.conduitService" },
      },
    });
    const [good, bad] = await takeOrders(2);
    const since = sandbox.requests.lastSeq;
    const ok = await ship(good!, ["TPLOK1"], "ups", "ground");
    const refused = await ship(bad!, ["TPLBAD1"], "ups", "air");
    const { run, events } = await runSync();
    expect(run.status).toBe("partially_failed");
    expect((await shipmentRow(ok.id)).syncState).toBe("synced");
    const row = await shipmentRow(refused.id);
    expect(row).toMatchObject({ syncState: "failed", failureCode: "mapping_error", retryable: true, attempts: 0 });
    expect(row.failureReason).toContain('Shipping status: "air" cannot be sent');
    expect(row.failureReason).toContain("TPLBAD1");
    expect(row.failureReason).toContain(`/channels/${channelId}/mapping?kind=sync_orders`);
    expect(events.some((e) => e.code === "mapping_error" && e.entityId === String(bad!.scId))).toBe(true);
    expect(writesFor(bad!.scId, since)).toHaveLength(0);
    expect(sandbox.state.getOrder(bad!.scId)!.dto.ShippingStatus).not.toBe(3);
  });
});
