import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { listings, variants } from "@/db/schema/catalog";
import { orderItems, orders } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { AppError } from "@/lib/errors";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { getOrder, listOrders, markOrderShipped } from "./queries";

describeEachDb("orders queries", (ctx) => {
  async function seed() {
    const scope = await seedChannel(ctx.db);
    const [listing] = await ctx.db
      .insert(listings)
      .values({ workspaceId: scope.workspaceId, key: "L", title: "Lantern" })
      .returning();
    const [variant] = await ctx.db
      .insert(variants)
      .values({ workspaceId: scope.workspaceId, listingId: listing!.id, sku: "LANT-1", skuKey: "LANT-1" })
      .returning();
    const add = async (scId: number, values: Partial<typeof orders.$inferInsert>) => {
      const [order] = await ctx.db
        .insert(orders)
        .values({ ...scope, sellercloudOrderId: scId, raw: { ID: scId }, contentHash: "h", ...values })
        .returning();
      return order!;
    };
    const a = await add(5000001, {
      shippingFirstName: "Dana",
      shippingLastName: "Whitfield",
      orderSourceOrderId: "DS-1",
      timeOfOrder: "2026-03-01 10:00:00",
      scStatusCode: 2,
      grandTotal: "10.00",
    });
    const b = await add(5000002, {
      shippingFirstName: "Sam",
      orderSourceOrderId: "AMZ-9",
      timeOfOrder: "2026-03-05 10:00:00",
      scStatusCode: 3,
    });
    await ctx.db.insert(orderItems).values([
      {
        workspaceId: scope.workspaceId,
        orderId: a.id,
        lineNumber: 1,
        productId: "LANT-1",
        quantity: 2,
        variantId: variant!.id,
      },
      { workspaceId: scope.workspaceId, orderId: a.id, lineNumber: 2, productId: "OTHER", quantity: 1 },
    ]);
    return { ...scope, a, b, variant: variant! };
  }

  it("lists orders with search and filters, newest first", async () => {
    const { workspaceId, channelId, a, b } = await seed();
    const ids = async (filter: Parameters<typeof listOrders>[2]) =>
      (await listOrders(ctx.db, workspaceId, filter)).rows.map((r) => r.id);
    expect(await ids({})).toEqual([b.id, a.id]);
    expect((await listOrders(ctx.db, workspaceId, {})).rows[1]).toMatchObject({
      itemCount: 2,
      channelName: "Test channel",
    });
    expect(await ids({ search: "whitfield" })).toEqual([a.id]);
    expect(await ids({ search: "dana whit" })).toEqual([a.id]);
    expect(await ids({ search: "5000002" })).toEqual([b.id]);
    expect(await ids({ search: "amz" })).toEqual([b.id]);
    expect(await ids({ search: "lant-1" })).toEqual([a.id]);
    expect(await ids({ search: "100%" })).toEqual([]);
    expect(await ids({ status: 3 })).toEqual([b.id]);
    expect(await ids({ channelId })).toHaveLength(2);
    expect(await ids({ from: "2026-03-02", to: "2026-03-06" })).toEqual([b.id]);
    // "Shipped" is SellerCloud's fact (Fully Shipped), not Conduit's recorded shipments.
    await markOrderShipped(ctx.db, workspaceId, a.id, new Date());
    expect(await ids({ shipped: true })).toEqual([]);
    await ctx.db.update(orders).set({ scShippingStatus: 3 }).where(eq(orders.id, b.id));
    expect(await ids({ shipped: true })).toEqual([b.id]);
    expect(await ids({ shipped: false })).toEqual([a.id]);
    expect(await ids({ conduit: "none" })).toHaveLength(2);
    expect(await ids({ conduit: "pending" })).toEqual([]);
    expect((await listOrders(ctx.db, workspaceId, { limit: 1 })).total).toBe(2);
  });

  it("reads one order with its items and linked variant, inside its workspace only", async () => {
    const { workspaceId, a, variant } = await seed();
    const detail = await getOrder(ctx.db, workspaceId, a.id);
    expect(detail.order.sellercloudOrderId).toBe(5000001);
    expect(detail.items.map((i) => [i.lineNumber, i.productId, i.variant?.sku ?? null])).toEqual([
      [1, "LANT-1", "LANT-1"],
      [2, "OTHER", null],
    ]);
    expect(detail.items[0]!.variant).toMatchObject({ id: variant.id, listingTitle: "Lantern" });
    expect(detail).toMatchObject({ importedBy: null, template: null, channel: { name: "Test channel" } });

    const other = await seedChannel(ctx.db);
    await expect(getOrder(ctx.db, other.workspaceId, a.id)).rejects.toBeInstanceOf(AppError);
    expect((await listOrders(ctx.db, other.workspaceId, {})).rows).toEqual([]);
  });
});
