import { expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { runStats } from "./queries";
import { seedChannel } from "./testing/fixtures";

describeEachDb("Runs page charts follow the filters (issue 14 §14)", (ctx) => {
  it("applies the operation and status filters, not only the channel", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const run = (operation: "get_orders" | "sync_orders", status: "succeeded" | "failed") => ({
      workspaceId,
      channelId,
      operation,
      status,
      trigger: "manual" as const,
    });
    await ctx.db
      .insert(runs)
      .values([run("get_orders", "succeeded"), run("get_orders", "failed"), run("sync_orders", "succeeded")]);
    const all = await runStats(ctx.db, { workspaceId });
    expect([all.get_orders.length, all.sync_orders.length]).toEqual([2, 1]);
    const failedGetOrders = await runStats(ctx.db, { workspaceId, operation: "get_orders", status: "failed" });
    expect(failedGetOrders.get_orders.map((p) => p.status)).toEqual(["failed"]);
    expect(failedGetOrders.sync_orders).toEqual([]);
    expect(failedGetOrders.link_listings).toEqual([]);
  });
});
