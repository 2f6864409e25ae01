import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { orderItems, orders } from "@/db/schema/orders";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import { describeEachDb } from "@/db/testing/describe-db";
import { isAppError } from "@/lib/errors";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { createShipmentFromApi } from "./api";
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from "./api-keys";
import { importShipmentsCsv } from "./csv";
import { listOrderShipments, retryShipment } from "./queries";
import { recordShipment } from "./record";

async function expectAppError(promise: Promise<unknown>, code: string) {
  try {
    await promise;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  throw new Error(`expected an AppError ${code}`);
}

describeEachDb("shipments", (ctx) => {
  let scope: { workspaceId: string; channelId: string };
  let other: { workspaceId: string; channelId: string };
  let nextId = 7_000_000;

  const addOrder = async (target = scope, lines: number[] = [2, 1], source?: string) => {
    const scId = nextId++;
    const [order] = await ctx.db
      .insert(orders)
      .values({
        workspaceId: target.workspaceId,
        channelId: target.channelId,
        sellercloudOrderId: scId,
        orderSourceOrderId: source ?? `AMZ-${scId}`,
        raw: {},
        contentHash: "x",
      })
      .returning();
    const items = await ctx.db
      .insert(orderItems)
      .values(
        lines.map((qty, i) => ({
          workspaceId: target.workspaceId,
          orderId: order!.id,
          lineNumber: i + 1,
          sellercloudItemId: scId * 10 + i,
          productId: `SKU-${i}`,
          quantity: qty,
        })),
      )
      .returning();
    return { order: order!, items };
  };

  beforeAll(async () => {
    other = await seedChannel(ctx.db);
  });
  beforeEach(async () => {
    scope = await seedChannel(ctx.db);
  });

  it("records a shipment with items and refuses more units than are left", async () => {
    const { order, items } = await addOrder();
    const ref = { id: order.id, channelId: scope.channelId, sellercloudOrderId: order.sellercloudOrderId };
    const first = await recordShipment(ctx.db, { workspaceId: scope.workspaceId, source: "ui" }, ref, {
      carrier: "ups",
      service: "ground",
      trackingNumbers: ["T-1", "T-2"],
      items: [{ orderItemId: items[0]!.id, quantity: 1 }],
    });
    expect(first.trackingNumbers).toEqual(["T1", "T2"]);
    const error = await expectAppError(
      recordShipment(ctx.db, { workspaceId: scope.workspaceId, source: "ui" }, ref, {
        carrier: "ups",
        service: "ground",
        trackingNumbers: ["T-1", "T-3"],
        items: [{ orderItemId: items[0]!.id, quantity: 2 }],
      }),
      "VALIDATION",
    );
    expect(error.fieldErrors).toMatchObject({
      "trackingNumbers.0": "Tracking number T1 is already recorded on this order",
      "items.0.quantity": "At most 1 left to ship",
    });
    const list = await listOrderShipments(ctx.db, scope.workspaceId, order.id);
    expect(list).toHaveLength(1);
    expect(list[0]!.syncState).toBe("pending");
    expect(list[0]!.items).toEqual([{ orderItemId: items[0]!.id, quantity: 1, sku: "SKU-0", name: null }]);
  });

  it("marks the order shipped in Conduit once its shipments cover every item", async () => {
    const { order } = await addOrder();
    await recordShipment(
      ctx.db,
      { workspaceId: scope.workspaceId, source: "ui" },
      { id: order.id, channelId: scope.channelId, sellercloudOrderId: order.sellercloudOrderId },
      { carrier: "ups", service: "", trackingNumbers: ["W-1"], items: [] },
    );
    const [row] = await ctx.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.shippedAt).not.toBeNull();
  });

  it("imports a CSV: groups rows by order, carrier and service, reports bad rows and keeps good ones", async () => {
    const a = await addOrder();
    const b = await addOrder(scope, [1], "113-5550001-000");
    const foreign = await addOrder(other);
    const csv = [
      "Order Number,Tracking Number,Carrier,Service,Ship Date",
      `${a.order.sellercloudOrderId},CSV-A1,UPS,Ground,2026-01-05`,
      `${a.order.sellercloudOrderId},CSV-A2,ups,ground,2026-01-05`,
      `${a.order.sellercloudOrderId},CSV-A3,FedEx,,2026-01-05`,
      "113-5550001-000,CSV-B1,USPS,Priority,01/06/2026",
      "999999999,CSV-X1,UPS,Ground,2026-01-05",
      `${foreign.order.sellercloudOrderId},CSV-F1,UPS,Ground,2026-01-05`,
      `${a.order.sellercloudOrderId},,UPS,Ground,2026-01-05`,
      `${b.order.sellercloudOrderId},CSV-B2,UPS,Ground,yesterday`,
    ].join("\n");
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, csv);
    expect(result).toMatchObject({ rows: 8, shipmentsCreated: 3, trackingNumbersRecorded: 4, rejected: 4, skipped: 0 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [6, "order_number"],
      [7, "order_number"],
      [8, "tracking_number"],
      [9, "ship_date"],
    ]);
    // Another workspace's order reads as not found in an upload.
    expect(result.errors[1]!.message).toContain("was not found in this workspace");
    const aShipments = await listOrderShipments(ctx.db, scope.workspaceId, a.order.id);
    expect(aShipments.map((s) => s.trackingNumbers.map((t) => t.trackingNumber)).sort()).toEqual([
      // Stored normalised (./tracking.ts): dashes removed.
      ["CSVA1", "CSVA2"],
      ["CSVA3"],
    ]);
    expect(aShipments.every((s) => s.source === "csv")).toBe(true);

    const again = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, csv);
    expect(again).toMatchObject({ shipmentsCreated: 0, skipped: 4, rejected: 4 });
  });

  it("refuses a CSV without the required columns", async () => {
    const error = await expectAppError(
      importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, "order,carrier\n1,UPS"),
      "VALIDATION",
    );
    expect(error.message).toContain("tracking_number");
  });

  it("creates, lists, verifies and revokes API keys, storing only a hash", async () => {
    const { key, summary } = await createApiKey(ctx.db, { workspaceId: scope.workspaceId, name: "3PL East" });
    expect(key.startsWith(`${summary.prefix}_`)).toBe(true);
    const listed = await listApiKeys(ctx.db, scope.workspaceId);
    expect(listed.map((k) => k.name)).toEqual(["3PL East"]);
    expect(JSON.stringify(listed)).not.toContain(key.slice(summary.prefix.length + 1));
    expect(await verifyApiKey(ctx.db, `Bearer ${key}`)).toEqual({ keyId: summary.id, workspaceId: scope.workspaceId });
    await expectAppError(verifyApiKey(ctx.db, `Bearer ${key.slice(0, -2)}xx`), "UNAUTHENTICATED");
    await revokeApiKey(ctx.db, { workspaceId: scope.workspaceId, id: summary.id });
    await expectAppError(verifyApiKey(ctx.db, `Bearer ${key}`), "UNAUTHENTICATED");
    await expectAppError(revokeApiKey(ctx.db, { workspaceId: other.workspaceId, id: summary.id }), "NOT_FOUND");
  });

  it("answers the shipments API: 401 without or with a bad key, 404 for another workspace's order (the same as an unknown one), 422 with field messages", async () => {
    const { key } = await createApiKey(ctx.db, { workspaceId: scope.workspaceId, name: "wms" });
    const mine = await addOrder();
    const theirs = await addOrder(other);
    const body = {
      orderNumber: mine.order.sellercloudOrderId,
      carrier: "UPS",
      service: "Ground",
      trackingNumbers: ["API-1", "API-2"],
    };

    for (const authorization of [null, "Bearer nope", "Basic abc", `Bearer ${key}x`]) {
      const error = await expectAppError(createShipmentFromApi(ctx.db, { authorization, body }), "UNAUTHENTICATED");
      expect(error.status).toBe(401);
    }
    // Another workspace's order is answered exactly like one that exists nowhere (no enumeration).
    const theirsByNumber = await expectAppError(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${key}`,
        body: { ...body, orderNumber: theirs.order.sellercloudOrderId },
      }),
      "NOT_FOUND",
    );
    const unknownNumber = await expectAppError(
      createShipmentFromApi(ctx.db, { authorization: `Bearer ${key}`, body: { ...body, orderNumber: 987654321 } }),
      "NOT_FOUND",
    );
    expect(theirsByNumber.status).toBe(404);
    expect(theirsByNumber.message).toBe(
      unknownNumber.message.replace("987654321", String(theirs.order.sellercloudOrderId)),
    );
    const byId = await expectAppError(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${key}`,
        body: { ...body, orderNumber: undefined, orderId: theirs.order.id },
      }),
      "NOT_FOUND",
    );
    expect(byId.status).toBe(404);

    const invalid = await expectAppError(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${key}`,
        body: { orderNumber: mine.order.sellercloudOrderId, carrier: "", trackingNumbers: [], shipDate: "soon" },
      }),
      "VALIDATION",
    );
    expect(invalid.status).toBe(422);
    expect(invalid.fieldErrors).toMatchObject({
      carrier: "Enter the carrier",
      trackingNumbers: "Enter at least one tracking number",
      shipDate: expect.stringContaining("YYYY-MM-DD"),
    });
    const noOrder = await expectAppError(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${key}`,
        body: { carrier: "UPS", trackingNumbers: ["X"] },
      }),
      "VALIDATION",
    );
    expect(noOrder.fieldErrors).toMatchObject({ orderNumber: "Give orderId or orderNumber" });

    const created = await createShipmentFromApi(ctx.db, { authorization: `Bearer ${key}`, body });
    expect(created.sellercloudOrderId).toBe(mine.order.sellercloudOrderId);
    const [row] = await ctx.db.select().from(shipments).where(eq(shipments.id, created.id));
    expect(row).toMatchObject({ source: "api", syncState: "pending", carrier: "UPS" });
    // The same call again is refused per tracking number, never recorded twice.
    const repeat = await expectAppError(
      createShipmentFromApi(ctx.db, { authorization: `Bearer ${key}`, body }),
      "VALIDATION",
    );
    expect(repeat.fieldErrors).toHaveProperty("trackingNumbers.0");
    const packages = await ctx.db.select().from(shipmentPackages).where(eq(shipmentPackages.orderId, mine.order.id));
    expect(packages).toHaveLength(2);
  });

  it("takes packages with their items through the API, and refuses both forms at once", async () => {
    const { key } = await createApiKey(ctx.db, { workspaceId: scope.workspaceId, name: "boxes" });
    const { order, items } = await addOrder();
    const body = {
      orderId: order.id,
      carrier: "UPS",
      packages: [
        { trackingNumber: "BOX-1", items: [{ orderItemId: items[0]!.id, quantity: 2 }] },
        { trackingNumber: "BOX-2", items: [{ orderItemId: items[1]!.id, quantity: 1 }] },
      ],
    };
    const both = await expectAppError(
      createShipmentFromApi(ctx.db, { authorization: `Bearer ${key}`, body: { ...body, trackingNumbers: ["X-1"] } }),
      "VALIDATION",
    );
    expect(both.fieldErrors).toHaveProperty("packages");
    const created = await createShipmentFromApi(ctx.db, { authorization: `Bearer ${key}`, body });
    const packages = await ctx.db.select().from(shipmentPackages).where(eq(shipmentPackages.shipmentId, created.id));
    expect(packages.map((p) => [p.trackingNumber, p.items])).toEqual([
      ["BOX1", [{ orderItemId: items[0]!.id, quantity: 2 }]],
      ["BOX2", [{ orderItemId: items[1]!.id, quantity: 1 }]],
    ]);
    const [shipment] = await listOrderShipments(ctx.db, scope.workspaceId, order.id);
    expect(shipment!.coversWholeOrder).toBe(false);
    expect(shipment!.items.map((i) => i.quantity)).toEqual([2, 1]);
  });

  it("puts a failed shipment back to pending on retry", async () => {
    const { order } = await addOrder();
    const recorded = await recordShipment(
      ctx.db,
      { workspaceId: scope.workspaceId, source: "ui" },
      { id: order.id, channelId: scope.channelId, sellercloudOrderId: order.sellercloudOrderId },
      { carrier: "ups", service: "", trackingNumbers: ["R-1"], items: [] },
    );
    await ctx.db
      .update(shipments)
      .set({ syncState: "failed", failureReason: "x", failureCode: "shipped_elsewhere" })
      .where(eq(shipments.id, recorded.id));
    await expectAppError(
      retryShipment(ctx.db, { workspaceId: other.workspaceId, shipmentId: recorded.id }),
      "NOT_FOUND",
    );
    expect(await retryShipment(ctx.db, { workspaceId: scope.workspaceId, shipmentId: recorded.id })).toEqual({
      channelId: scope.channelId,
      orderId: order.id,
    });
    const [row] = await ctx.db.select().from(shipments).where(eq(shipments.id, recorded.id));
    expect(row).toMatchObject({ syncState: "pending", failureReason: null });
  });
});
