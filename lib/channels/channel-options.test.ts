import { expect, it } from "vitest";
import { channels } from "@/db/schema/channels";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { listChannelOptions } from "./channel-options";

describeEachDb("channel options", (ctx) => {
  it("lists the workspace's own channels by name, and no other workspace's", async () => {
    const mine = await seedChannel(ctx.db);
    const other = await seedChannel(ctx.db);
    const [zeta] = await ctx.db
      .insert(channels)
      .values({ workspaceId: mine.workspaceId, name: "Zeta", status: "draft" })
      .returning();
    const [alpha] = await ctx.db
      .insert(channels)
      .values({ workspaceId: mine.workspaceId, name: "Alpha", status: "paused" })
      .returning();

    expect(await listChannelOptions(ctx.db, mine.workspaceId)).toEqual([
      { id: alpha!.id, name: "Alpha" },
      { id: mine.channelId, name: "Test channel" },
      { id: zeta!.id, name: "Zeta" },
    ]);
    expect(await listChannelOptions(ctx.db, other.workspaceId)).toEqual([
      { id: other.channelId, name: "Test channel" },
    ]);
  });
});
