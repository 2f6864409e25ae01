import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import {
  clientFor,
  matching,
  orderOf,
  runGetOrders,
  sandbox,
  seedGetOrdersChannel,
} from "@/lib/operations/get-orders/test-helpers";
import { markOrderShipped } from "./queries";

/**
 * Get Orders and an order shipped in Conduit (issue 14 §1): its mapped fields stay, but a changed
 * SellerCloud status is refreshed instead of being skipped forever as "already shipped in Conduit".
 */
describeEachDb("Get Orders refreshes SellerCloud's statuses of orders shipped in Conduit", (ctx) => {
  it("refreshes the shipping status (and when it was seen Fully Shipped), keeps the mapped fields", async () => {
    const s = await sandbox(60);
    const scope = await seedGetOrdersChannel(ctx.db);
    await runGetOrders(ctx.db, scope, clientFor(s));
    const [order] = matching(s);
    const stored = await orderOf(ctx.db, scope.channelId, order!.ID);
    expect(stored.scShippingStatus).toBe(1);
    await markOrderShipped(ctx.db, scope.workspaceId, stored.id, new Date());
    s.state.updateOrder(order!.ID as number, { ShippingStatus: 3, ShippingService: "Changed in SellerCloud" });

    const { run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(run.skippedCount).toBe(1);
    const event = events.find((e) => e.entityId === String(order!.ID));
    expect(event?.message).toMatch(/SellerCloud's statuses refreshed/);
    const after = await orderOf(ctx.db, scope.channelId, order!.ID);
    expect(after.scShippingStatus).toBe(3);
    expect(after.scShippedAt).not.toBeNull();
    expect(after.shippingService).toBe(stored.shippingService);

    // SellerCloud unships it: the confirmation goes.
    s.state.updateOrder(order!.ID as number, { ShippingStatus: 1 });
    await runGetOrders(ctx.db, scope, clientFor(s));
    expect(await orderOf(ctx.db, scope.channelId, order!.ID)).toMatchObject({ scShippingStatus: 1, scShippedAt: null });
  });
});
