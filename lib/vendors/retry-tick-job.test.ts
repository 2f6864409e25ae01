import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { channelOperations, channels } from "@/db/schema/channels";
import { orders } from "@/db/schema/orders";
import { runs } from "@/db/schema/runs";
import { fulfillmentRequests } from "@/db/schema/vendors";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { enqueueDueVendorRetries } from "./retry-tick-job";
import { createVendor } from "./vendors";

describeEachDb("vendor delivery retries on the tick", (ctx) => {
  it("queues Submit to Vendors once a retry is due, only for active channels with it on", async () => {
    const scope = await seedChannel(ctx.db, {
      operations: [{ operation: "submit_to_vendors", schedule: { kind: "manual" } }],
    });
    const { vendor } = await createVendor(ctx.db, scope.workspaceId, { name: "V", code: "v", deliveryMethod: "pull" });
    const [order] = await ctx.db
      .insert(orders)
      .values({ ...scope, sellercloudOrderId: 1, raw: {}, contentHash: "x" })
      .returning();
    const now = new Date("2026-11-30T10:00:00Z");
    await ctx.db.insert(fulfillmentRequests).values({
      ...scope,
      orderId: order!.id,
      vendorId: vendor.id,
      number: "1-1",
      messageId: "msg_retry_test",
      attempts: 1,
      nextAttemptAt: new Date(now.getTime() + 30_000),
    });
    const queuedRuns = () =>
      ctx.db
        .select()
        .from(runs)
        .where(and(eq(runs.channelId, scope.channelId), eq(runs.operation, "submit_to_vendors")));

    expect(await enqueueDueVendorRetries(ctx.db, now)).toBe(0);
    const later = new Date(now.getTime() + 31_000);
    // Paused channel or operation off: nothing.
    await ctx.db.update(channels).set({ status: "paused" }).where(eq(channels.id, scope.channelId));
    expect(await enqueueDueVendorRetries(ctx.db, later)).toBe(0);
    await ctx.db.update(channels).set({ status: "active" }).where(eq(channels.id, scope.channelId));
    await ctx.db
      .update(channelOperations)
      .set({ enabled: false })
      .where(eq(channelOperations.channelId, scope.channelId));
    expect(await enqueueDueVendorRetries(ctx.db, later)).toBe(0);
    await ctx.db
      .update(channelOperations)
      .set({ enabled: true })
      .where(eq(channelOperations.channelId, scope.channelId));

    expect(await enqueueDueVendorRetries(ctx.db, later)).toBe(1);
    expect((await queuedRuns()).map((r) => [r.status, r.trigger])).toEqual([["queued", "retry"]]);
    // Again while that run is queued: still one run.
    await enqueueDueVendorRetries(ctx.db, later);
    expect(await queuedRuns()).toHaveLength(1);
  });
});
