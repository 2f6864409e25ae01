/**
 * run_events has no foreign keys (db/schema/runs.ts): its rows go with their run through the
 * "run_events_delete_with_runs" trigger on runs, however the runs are deleted. Also the storage of
 * the large json columns (migration 0017).
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { insertRunEvents } from "@/lib/operations/shared/event-rows";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import type { Db } from "./client";
import { rowsOf } from "./rows";
import { workspaces } from "./schema/accounts";
import { channels } from "./schema/channels";
import { runEvents, runs } from "./schema/runs";
import { describeEachDb } from "./testing/describe-db";

/** A run with `events` events (written as the runner writes them); returns its id. */
async function runWithEvents(db: Db, scope: { workspaceId: string; channelId: string }, events: number) {
  const [run] = await db
    .insert(runs)
    .values({ ...scope, operation: "get_orders", trigger: "manual", status: "succeeded" })
    .returning({ id: runs.id });
  const runId = run!.id;
  await db.transaction((tx) =>
    insertRunEvents(
      tx,
      { workspaceId: scope.workspaceId, runId },
      Array.from({ length: events }, (_, i) => ({
        level: "error" as const,
        entity: "order",
        entityId: String(i),
        code: "failed",
        message: `event ${i}`,
      })),
    ),
  );
  return runId;
}

/** Events per run id, for the runs given (a run with none is absent). */
async function eventCounts(db: Db, runIds: string[]): Promise<Record<string, number>> {
  const rows = await db
    .select({ runId: runEvents.runId, n: sql<number>`count(*)::int` })
    .from(runEvents)
    .where(inArray(runEvents.runId, runIds))
    .groupBy(runEvents.runId);
  return Object.fromEntries(rows.map((r) => [r.runId, r.n]));
}

describeEachDb("run_events without foreign keys", (ctx) => {
  it("has no foreign keys, and the delete trigger on runs", async () => {
    const fks = rowsOf<{ n: number }>(
      await ctx.db.execute(
        sql`select count(*)::int as n from pg_constraint where conrelid = 'run_events'::regclass and contype = 'f'`,
      ),
    );
    expect(fks).toEqual([{ n: 0 }]);
    const triggers = rowsOf<{ tgname: string }>(
      await ctx.db.execute(
        sql`select tgname from pg_trigger where tgrelid = 'runs'::regclass and not tgisinternal order by tgname`,
      ),
    );
    expect(triggers).toEqual([{ tgname: "run_events_delete_with_runs" }]);
  });

  it("deleting a run deletes its events, and only its", async () => {
    const scope = await seedChannel(ctx.db);
    const gone = await runWithEvents(ctx.db, scope, 3);
    const kept = await runWithEvents(ctx.db, scope, 2);
    expect(await eventCounts(ctx.db, [gone, kept])).toEqual({ [gone]: 3, [kept]: 2 });
    await ctx.db.delete(runs).where(eq(runs.id, gone));
    expect(await eventCounts(ctx.db, [gone, kept])).toEqual({ [kept]: 2 });
  });

  it("deleting many runs in one statement deletes exactly their events", async () => {
    const scope = await seedChannel(ctx.db);
    const other = await seedChannel(ctx.db);
    const gone = [
      await runWithEvents(ctx.db, scope, 4),
      await runWithEvents(ctx.db, scope, 1),
      await runWithEvents(ctx.db, scope, 0),
    ];
    const kept = [await runWithEvents(ctx.db, scope, 5), await runWithEvents(ctx.db, other, 2)];
    const deleted = await ctx.db
      .delete(runs)
      .where(and(eq(runs.workspaceId, scope.workspaceId), inArray(runs.id, gone)))
      .returning({ id: runs.id });
    expect(deleted).toHaveLength(3);
    expect(await eventCounts(ctx.db, [...gone, ...kept])).toEqual({ [kept[0]!]: 5, [kept[1]!]: 2 });
  });

  it("deleting a workspace deletes its runs' events (through the runs' cascade)", async () => {
    const scope = await seedChannel(ctx.db);
    const other = await seedChannel(ctx.db);
    const secondChannel = await ctx.db
      .insert(channels)
      .values({ workspaceId: scope.workspaceId, name: "Second channel" })
      .returning({ id: channels.id });
    const gone = [
      await runWithEvents(ctx.db, scope, 3),
      await runWithEvents(ctx.db, { workspaceId: scope.workspaceId, channelId: secondChannel[0]!.id }, 2),
    ];
    const kept = await runWithEvents(ctx.db, other, 4);
    await ctx.db.delete(workspaces).where(eq(workspaces.id, scope.workspaceId));
    expect(await ctx.db.select().from(runs).where(inArray(runs.id, gone))).toEqual([]);
    expect(await eventCounts(ctx.db, [...gone, kept])).toEqual({ [kept]: 4 });
    const orphans = await ctx.db.select().from(runEvents).where(eq(runEvents.workspaceId, scope.workspaceId));
    expect(orphans).toEqual([]);
  });

  it("deleting a channel deletes its runs' events (through the runs' cascade)", async () => {
    const scope = await seedChannel(ctx.db);
    const gone = await runWithEvents(ctx.db, scope, 2);
    await ctx.db.delete(channels).where(eq(channels.id, scope.channelId));
    expect(await eventCounts(ctx.db, [gone])).toEqual({});
  });

  it("stores staging pages and mirror chunks uncompressed out of line (STORAGE EXTERNAL)", async () => {
    const storage = rowsOf<{ table: string; attstorage: string }>(
      await ctx.db.execute(
        sql`select attrelid::regclass::text as "table", attstorage::text as attstorage from pg_attribute
            where attrelid in ('link_staging_pages'::regclass, 'link_mirror_chunks'::regclass) and attname = 'rows'
            order by 1`,
      ),
    );
    expect(storage).toEqual([
      { table: "link_mirror_chunks", attstorage: "e" },
      { table: "link_staging_pages", attstorage: "e" },
    ]);
  });
});
