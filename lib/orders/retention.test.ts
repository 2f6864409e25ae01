import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { channels } from "@/db/schema/channels";
import { orderItems, orders } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { countOrdersToClear, runRetentionJob } from "./retention";

const NOW = new Date("2026-03-01T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

describeEachDb("personal data retention", (ctx) => {
  async function seed(retention: "keep" | "30" | "60" | "90") {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    await ctx.db
      .update(channels)
      .set({
        settings: {
          shippingMappings: [],
          orders: {
            companyId: 1,
            orderStatus: 2,
            dropshipStatus: null,
            ageDays: 7,
            retention,
            partialShipments: "wait",
          },
        },
      })
      .where(eq(channels.id, channelId));
    const insert = async (scId: number, shippedAt: Date | null) => {
      const [order] = await ctx.db
        .insert(orders)
        .values({
          workspaceId,
          channelId,
          sellercloudOrderId: scId,
          shippingFirstName: "Dana",
          shippingLastName: "Whitfield",
          shippingStreet1: "418 Birchwood Ave",
          shippingCity: "Columbus",
          shippingPhone: "614-555-0142",
          billingFirstName: "Dana",
          billingStreet1: "900 N High St",
          customerEmail: "dana@example.com",
          grandTotal: "87.42",
          orderSourceOrderId: `DS-${scId}`,
          raw: {
            ID: scId,
            FirstName: "Dana",
            CustomerEmail: "dana@example.com",
            ShippingAddress: { City: "Columbus" },
            BillingAddress: {},
            GrandTotal: 87.42,
          },
          contentHash: "h",
          shippedAt,
        })
        .returning();
      await ctx.db
        .insert(orderItems)
        .values({ workspaceId, orderId: order!.id, lineNumber: 1, productId: "SKU-1", quantity: 2 });
      return order!.id;
    };
    return { workspaceId, channelId, insert };
  }

  it("clears an order shipped 31 days ago with a 30-day setting, not one shipped 29 days ago", async () => {
    const { workspaceId, channelId, insert } = await seed("30");
    const old = await insert(1, daysAgo(31));
    const recent = await insert(2, daysAgo(29));
    const unshipped = await insert(3, null);
    expect(await countOrdersToClear(ctx.db, workspaceId, channelId, { now: NOW })).toBe(1);
    expect(await countOrdersToClear(ctx.db, workspaceId, channelId, { now: NOW, retention: "60" })).toBe(0);
    expect(await countOrdersToClear(ctx.db, workspaceId, channelId, { now: NOW, retention: "keep" })).toBe(0);

    const results = await runRetentionJob(ctx.db, { now: NOW, workspaceId });
    expect(results).toEqual([{ workspaceId, channelId, days: 30, cleared: 1 }]);

    const [cleared] = await ctx.db.select().from(orders).where(eq(orders.id, old));
    expect(cleared).toMatchObject({
      shippingFirstName: null,
      shippingLastName: null,
      shippingStreet1: null,
      shippingCity: null,
      shippingPhone: null,
      billingFirstName: null,
      billingStreet1: null,
      customerEmail: null,
      grandTotal: "87.42",
      orderSourceOrderId: "DS-1",
      sellercloudOrderId: 1,
      personalDataClearedAt: NOW,
      raw: { ID: 1, GrandTotal: 87.42 },
    });
    expect(await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, old))).toHaveLength(1);

    for (const id of [recent, unshipped]) {
      const [kept] = await ctx.db.select().from(orders).where(eq(orders.id, id));
      expect(kept).toMatchObject({
        shippingFirstName: "Dana",
        customerEmail: "dana@example.com",
        personalDataClearedAt: null,
      });
    }
    // Nothing left to do: a second run touches nothing.
    expect(await runRetentionJob(ctx.db, { now: NOW, workspaceId })).toEqual([
      { workspaceId, channelId, days: 30, cleared: 0 },
    ]);
    expect(await countOrdersToClear(ctx.db, workspaceId, channelId, { now: NOW })).toBe(0);
  });

  it("keeps everything when the channel keeps personal data", async () => {
    const { workspaceId, channelId, insert } = await seed("keep");
    await insert(1, daysAgo(400));
    expect(await countOrdersToClear(ctx.db, workspaceId, channelId, { now: NOW })).toBe(0);
    expect(await runRetentionJob(ctx.db, { now: NOW, workspaceId })).toEqual([]);
  });
});
