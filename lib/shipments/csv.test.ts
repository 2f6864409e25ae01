import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { orderItems, orders } from "@/db/schema/orders";
import { shipmentPackages } from "@/db/schema/shipments";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { importShipmentsCsv } from "./csv";
import { recordShipment } from "./record";
import { apiShipmentSchema, recordShipmentSchema } from "./schemas";
import { normalizeTrackingNumber } from "./tracking";

describe("normalizeTrackingNumber", () => {
  it.each([
    ["1Z 999 AA1 01 2345 6784", "1Z999AA10123456784"],
    ["1z999aa10123456784", "1Z999AA10123456784"],
    ["9400-1000-0000-0000-0000-00", "9400100000000000000000"],
    ["  7489 \u00A0 2211 \u2013 05 ", "7489221105"],
  ])("%j -> %j", (typed, stored) => {
    expect(normalizeTrackingNumber(typed)).toBe(stored);
  });

  it("is applied by the order page and API schemas", () => {
    const orderId = "00000000-0000-4000-8000-000000000000";
    const form = recordShipmentSchema.parse({ orderId, carrier: "UPS", trackingNumbers: ["1Z 999 AA1 01 2345 6784"] });
    expect(form.trackingNumbers).toEqual(["1Z999AA10123456784"]);
    const api = apiShipmentSchema.parse({
      orderNumber: "1",
      carrier: "UPS",
      packages: [{ trackingNumber: "1z 999-aa1", items: [] }],
    });
    expect(api.packages![0]!.trackingNumber).toBe("1Z999AA1");
    // The same number typed twice, differently, is one number.
    const twice = recordShipmentSchema.safeParse({ orderId, carrier: "UPS", trackingNumbers: ["1Z 99", "1z-99"] });
    expect(twice.success).toBe(false);
    expect(recordShipmentSchema.safeParse({ orderId, carrier: "UPS", trackingNumbers: [" - "] }).success).toBe(false);
  });
});

describeEachDb("shipments: tracking numbers and CSV files as they come", (ctx) => {
  let scope: { workspaceId: string; channelId: string };
  let nextId = 8_000_000;

  const addOrder = async () => {
    const scId = nextId++;
    const [order] = await ctx.db
      .insert(orders)
      .values({
        workspaceId: scope.workspaceId,
        channelId: scope.channelId,
        sellercloudOrderId: scId,
        orderSourceOrderId: `AMZ-${scId}`,
        raw: {},
        contentHash: "x",
      })
      .returning();
    await ctx.db.insert(orderItems).values({
      workspaceId: scope.workspaceId,
      orderId: order!.id,
      lineNumber: 1,
      sellercloudItemId: scId * 10,
      productId: "SKU-1",
      quantity: 1,
    });
    return { ref: { id: order!.id, channelId: scope.channelId, sellercloudOrderId: scId }, scId };
  };
  const stored = async (orderId: string) =>
    (await ctx.db.select().from(shipmentPackages).where(eq(shipmentPackages.orderId, orderId)))
      .map((p) => p.trackingNumber)
      .sort();

  beforeEach(async () => {
    scope = await seedChannel(ctx.db);
  });

  it("records a tracking number typed with spaces as the carrier's number", async () => {
    const { ref } = await addOrder();
    const recorded = await recordShipment(ctx.db, { workspaceId: scope.workspaceId, source: "ui" }, ref, {
      carrier: "UPS",
      service: "",
      trackingNumbers: ["1Z 999 AA1 01 2345 6784"],
      items: [],
    });
    expect(recorded.trackingNumbers).toEqual(["1Z999AA10123456784"]);
    expect(await stored(ref.id)).toEqual(["1Z999AA10123456784"]);
  });

  it("treats a number stored before normalisation as taken, and leaves it as stored", async () => {
    const { ref, scId } = await addOrder();
    // A shipment recorded by an earlier version, with the spaces as typed.
    await recordShipment(ctx.db, { workspaceId: scope.workspaceId, source: "ui" }, ref, {
      carrier: "UPS",
      service: "",
      trackingNumbers: ["PLACEHOLDER"],
      items: [],
    });
    await ctx.db
      .update(shipmentPackages)
      .set({ trackingNumber: "1z 999 aa1 01 2345 6784" })
      .where(eq(shipmentPackages.orderId, ref.id));

    await expect(
      recordShipment(ctx.db, { workspaceId: scope.workspaceId, source: "api" }, ref, {
        carrier: "UPS",
        service: "",
        trackingNumbers: ["1Z999AA10123456784"],
        items: [],
      }),
    ).rejects.toMatchObject({ fieldErrors: { "trackingNumbers.0": expect.stringMatching(/already recorded/) } });
    const csv = `order_number,tracking_number,carrier\n${scId},1Z-999-AA1-01-2345-6784,UPS\n`;
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, csv);
    expect(result).toMatchObject({ rows: 1, skipped: 1, shipmentsCreated: 0, rejected: 0 });
    expect(await stored(ref.id)).toEqual(["1z 999 aa1 01 2345 6784"]);
  });

  it("reads a Windows-1252, semicolon-separated shipments file and normalises its numbers", async () => {
    const { ref, scId } = await addOrder();
    const bytes = Buffer.from(
      `Order Number;Tracking Number;Carrier;Service\n${scId};1z 999 aa1;La Poste;Colissimo \xE9co\n`,
      "latin1",
    );
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, bytes);
    expect(result).toMatchObject({
      rows: 1,
      shipmentsCreated: 1,
      format: { encoding: "windows-1252", delimiter: ";" },
    });
    expect(await stored(ref.id)).toEqual(["1Z999AA1"]);
  });

  it("stops at an unclosed quote without counting the rows it swallowed", async () => {
    const orders_ = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => addOrder()));
    const lines = orders_.map(({ scId }, i) => `${scId},Q-${i + 1},UPS`);
    lines[3] = `${orders_[3]!.scId},"Q-4,UPS`;
    const csv = `order_number,tracking_number,carrier\n${lines.join("\n")}\n`;
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, Buffer.from(csv));
    expect(result).toMatchObject({ rows: 3, shipmentsCreated: 3, rejected: 0, stopped: { row: 5, line: 5 } });
    expect(result.stopped!.message).toMatch(/^Row 5 \(line 5\): a quote opens in this row and is never closed/);
  });

  it("reports a shifted row, refuses a picture and a repeated column", async () => {
    const { scId } = await addOrder();
    const shifted = `order_number,tracking_number,carrier\n${scId},T-1,UPS,extra\n`;
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, shifted);
    expect(result.errors).toEqual([
      {
        row: 2,
        column: null,
        message:
          "This row has 4 columns but the header has 3: a value with an unquoted comma (,) (like $1,234.50) splits into two cells and shifts the ones after it. Put such values in quotes.",
      },
    ]);
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex");
    await expect(importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, png)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^This file is a PNG image/),
    });
    await expect(
      importShipmentsCsv(
        ctx.db,
        { workspaceId: scope.workspaceId },
        "order,tracking,carrier,tracking number\n1,a,b,c\n",
      ),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: "The header has more than one column for tracking_number (columns 2 and 4); keep one of each.",
    });
  });
});
