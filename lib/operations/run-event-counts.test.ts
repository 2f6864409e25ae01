import { expect, it } from "vitest";
import { runEvents, runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { getRun } from "./queries";
import { seedChannel } from "./testing/fixtures";

describeEachDb("run event counts (issue 14 §12)", (ctx) => {
  it("counts every event per level, past the 500 listed, and lists one level on request", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const [run] = await ctx.db
      .insert(runs)
      .values({ workspaceId, channelId, operation: "get_orders", trigger: "manual", status: "succeeded" })
      .returning();
    const event = (level: "info" | "warn" | "error", n: number) => ({
      workspaceId,
      runId: run!.id,
      level,
      entity: "order",
      entityId: String(n),
      code: level,
      message: `${level} ${n}`,
    });
    const rows = [
      ...Array.from({ length: 620 }, (_, n) => event("warn", n)),
      ...Array.from({ length: 3 }, (_, n) => event("error", n)),
      event("info", 0),
    ];
    await ctx.db.insert(runEvents).values(rows);

    const detail = await getRun(ctx.db, { workspaceId, runId: run!.id });
    expect(detail!.events).toHaveLength(500);
    expect(detail!.moreEvents).toBe(true);
    expect(detail!.eventCounts).toEqual({ all: 624, warn: 620, error: 3, info: 1 });

    // The first 500 events are all warnings; the errors are listed when asked for.
    const errors = await getRun(ctx.db, { workspaceId, runId: run!.id, eventLevel: "error" });
    expect(errors!.events.map((e) => e.message)).toEqual(["error 0", "error 1", "error 2"]);
    expect(errors!.moreEvents).toBe(false);
    expect(errors!.eventCounts.warn).toBe(620);

    const other = await seedChannel(ctx.db);
    expect(await getRun(ctx.db, { workspaceId: other.workspaceId, runId: run!.id })).toBeNull();
  });
});
