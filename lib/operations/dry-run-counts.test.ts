import { expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { lastRunsOfChannel, listChannels } from "@/lib/channels/channels";
import { runCountLabels } from "./run-count-labels";
import { seedChannel } from "./testing/fixtures";

describeEachDb("dry runs (issue 14 §13)", (ctx) => {
  it("say what a run would do, and are not the channel's last run", async () => {
    expect(runCountLabels(true).map(([, label]) => label)).toEqual([
      "Fetched",
      "Would create",
      "Would update",
      "Unchanged",
      "Would skip",
      "Would fail",
    ]);
    expect(runCountLabels(false).map(([, label]) => label)).toContain("Created");

    const { workspaceId, channelId } = await seedChannel(ctx.db, {
      operations: [{ operation: "link_listings", schedule: { kind: "manual" } }],
    });
    const base = { workspaceId, channelId, operation: "link_listings" as const, trigger: "manual" as const };
    const [real] = await ctx.db
      .insert(runs)
      .values({ ...base, status: "succeeded", queuedAt: new Date("2026-01-01T00:00:00Z") })
      .returning();
    await ctx.db
      .insert(runs)
      .values({ ...base, status: "succeeded", dryRun: true, queuedAt: new Date("2026-01-02T00:00:00Z") });
    expect((await lastRunsOfChannel(ctx.db, workspaceId, channelId)).link_listings?.id).toBe(real!.id);
    const [listed] = await listChannels(ctx.db, workspaceId);
    expect(listed!.operations[0]!.lastRun?.id).toBe(real!.id);
  });
});
