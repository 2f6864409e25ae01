import { expect, it } from "vitest";
import { orderItems, orders } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { createShipmentFromApi } from "./api";
import { createApiKey } from "./api-keys";
import { importShipmentsCsv } from "./csv";
import { recordShipment } from "./record";

/**
 * A shipment recorded on an order SellerCloud already has Fully Shipped is accepted (Sync Orders
 * may still use an empty package) but never silently: the form, the CSV result and the API answer
 * carry a warning that says what SellerCloud will do (issue 14 §6).
 */
describeEachDb("recording a shipment on an order SellerCloud has Fully Shipped", (ctx) => {
  it("warns by hand, by CSV and by API, and not for an unshipped order", async () => {
    const scope = await seedChannel(ctx.db);
    const add = async (scId: number, scShippingStatus: number) => {
      const [order] = await ctx.db
        .insert(orders)
        .values({ ...scope, sellercloudOrderId: scId, scShippingStatus, raw: {}, contentHash: "x" })
        .returning();
      await ctx.db
        .insert(orderItems)
        .values({ workspaceId: scope.workspaceId, orderId: order!.id, lineNumber: 1, quantity: 3 });
      return { id: order!.id, channelId: scope.channelId, sellercloudOrderId: scId };
    };
    const shipped = await add(7_900_001, 3);
    const open = await add(7_900_002, 1);
    const details = { carrier: "ups", service: "ground", items: [] };

    const byHand = await recordShipment(ctx.db, { ...scope, source: "ui" }, shipped, {
      ...details,
      trackingNumbers: ["WARN-1"],
    });
    expect(byHand.warning).toMatch(/already has order #7900001 Fully Shipped/);
    expect(byHand.warning).toMatch(/empty packages/);
    const quiet = await recordShipment(ctx.db, { ...scope, source: "ui" }, open, {
      ...details,
      trackingNumbers: ["QUIET-1"],
    });
    expect(quiet.warning).toBeUndefined();

    const csv = ["order_number,tracking_number,carrier", "7900001,WARN-2,ups", "7900002,QUIET-2,ups"].join("\n");
    const result = await importShipmentsCsv(ctx.db, { workspaceId: scope.workspaceId }, csv);
    expect(result.shipmentsCreated).toBe(2);
    expect(result.warnings).toEqual([
      { row: 2, orderNumber: "7900001", message: expect.stringMatching(/Fully Shipped/) },
    ]);

    const { key } = await createApiKey(ctx.db, { workspaceId: scope.workspaceId, name: "warn" });
    const api = await createShipmentFromApi(ctx.db, {
      authorization: `Bearer ${key}`,
      body: { orderNumber: "7900001", carrier: "ups", trackingNumbers: ["WARN-3"] },
    });
    expect(api.warning).toMatch(/Fully Shipped/);
  });
});
