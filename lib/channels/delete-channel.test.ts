import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "@/db/client";
import { linkIssues, listingLinks, listings, variants } from "@/db/schema/catalog";
import { channelOperations, channels, connections } from "@/db/schema/channels";
import { mappingTemplates } from "@/db/schema/mapping";
import { orderItems, orders } from "@/db/schema/orders";
import { runEvents, runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { ensureActiveGetOrdersTemplate } from "@/lib/mapping/template-queries";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { deleteChannel } from "./delete-channel";

const NOW = new Date("2026-03-02T10:00:00Z");

/** A channel with everything a channel can own: a schedule, a connection, a template, a run with an event, a link, a link issue and two orders. */
async function seedFullChannel(db: Db) {
  const scope = await seedChannel(db, { operations: [{ operation: "get_orders", schedule: { kind: "manual" } }] });
  const { workspaceId, channelId } = scope;
  const [connection] = await db.insert(connections).values({ workspaceId, name: "Main login" }).returning();
  await db.update(channels).set({ connectionId: connection!.id }).where(eq(channels.id, channelId));
  await ensureActiveGetOrdersTemplate(db, workspaceId, channelId);
  const [run] = await db
    .insert(runs)
    .values({ workspaceId, channelId, operation: "get_orders", trigger: "manual", status: "succeeded" })
    .returning();
  await db
    .insert(runEvents)
    .values({ workspaceId, runId: run!.id, level: "info", entity: "run", code: "note", message: "hello" });
  const [listing] = await db.insert(listings).values({ workspaceId, key: "L1", title: "Lantern" }).returning();
  const [variant] = await db
    .insert(variants)
    .values({ workspaceId, listingId: listing!.id, sku: "sku-1", skuKey: "SKU-1" })
    .returning();
  await db.insert(listingLinks).values({
    workspaceId,
    channelId,
    variantId: variant!.id,
    sellercloudProductId: "SC-1",
    matchedBy: { listingField: "sku", sellercloudField: "ID" },
  });
  await db
    .insert(linkIssues)
    .values({ workspaceId, channelId, variantId: variant!.id, status: "unmatched", message: "No product" });
  for (const id of [5000001, 5000002]) {
    const [order] = await db
      .insert(orders)
      .values({ workspaceId, channelId, sellercloudOrderId: id, raw: {}, contentHash: String(id) })
      .returning();
    await db.insert(orderItems).values({ workspaceId, orderId: order!.id, lineNumber: 1 });
  }
  return { ...scope, connectionId: connection!.id };
}

async function counts(db: Db, channelId: string) {
  const n = async (table: typeof runs | typeof orders | typeof listingLinks | typeof linkIssues, column: unknown) =>
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(column as typeof runs.channelId, channelId))
    )[0]!.n;
  return {
    runs: await n(runs, runs.channelId),
    orders: await n(orders, orders.channelId),
    links: await n(listingLinks, listingLinks.channelId),
    issues: await n(linkIssues, linkIssues.channelId),
    operations: (await db.select().from(channelOperations).where(eq(channelOperations.channelId, channelId))).length,
    templates: (await db.select().from(mappingTemplates).where(eq(mappingTemplates.channelId, channelId))).length,
  };
}

describeEachDb("deleting a channel", (ctx) => {
  it("keeps the orders on a renamed tombstone; runs, links, schedule, templates and the connection go", async () => {
    const { workspaceId, channelId, connectionId } = await seedFullChannel(ctx.db);
    const result = await deleteChannel(
      ctx.db,
      workspaceId,
      { channelId, confirmName: " Test channel ", orders: "keep" },
      NOW,
    );
    expect(result).toEqual({
      name: "Test channel",
      ordersKept: 2,
      ordersDeleted: 0,
      keptAs: "Test channel (deleted 2026-03-02)",
    });
    expect(await counts(ctx.db, channelId)).toEqual({
      runs: 0,
      orders: 2,
      links: 0,
      issues: 0,
      operations: 0,
      templates: 0,
    });
    const [tombstone] = await ctx.db.select().from(channels).where(eq(channels.id, channelId));
    expect(tombstone).toMatchObject({ name: "Test channel (deleted 2026-03-02)", deletedAt: NOW, connectionId: null });
    expect(await ctx.db.select().from(connections).where(eq(connections.id, connectionId))).toEqual([]);
    // A new channel may take the old name; deleting it the same day gets another tombstone name.
    const [again] = await ctx.db.insert(channels).values({ workspaceId, name: "Test channel" }).returning();
    const second = await deleteChannel(
      ctx.db,
      workspaceId,
      { channelId: again!.id, confirmName: "Test channel", orders: "keep" },
      NOW,
    );
    expect(second.keptAs).toBe("Test channel (deleted 2026-03-02) 2");
    // A deleted channel cannot be deleted again.
    await expect(
      deleteChannel(ctx.db, workspaceId, {
        channelId,
        confirmName: "Test channel (deleted 2026-03-02)",
        orders: "delete",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes the orders too when asked, and leaves other channels and workspaces alone", async () => {
    const mine = await seedFullChannel(ctx.db);
    const other = await seedFullChannel(ctx.db);
    const result = await deleteChannel(ctx.db, mine.workspaceId, {
      channelId: mine.channelId,
      confirmName: "Test channel",
      orders: "delete",
    });
    expect(result).toMatchObject({ ordersDeleted: 2, ordersKept: 0, keptAs: null });
    expect(await ctx.db.select().from(channels).where(eq(channels.id, mine.channelId))).toEqual([]);
    expect(await counts(ctx.db, mine.channelId)).toEqual({
      runs: 0,
      orders: 0,
      links: 0,
      issues: 0,
      operations: 0,
      templates: 0,
    });
    expect(await counts(ctx.db, other.channelId)).toEqual({
      runs: 1,
      orders: 2,
      links: 1,
      issues: 1,
      operations: 1,
      templates: 1,
    });
    // Another workspace's channel is not found, whatever the name typed.
    await expect(
      deleteChannel(ctx.db, mine.workspaceId, {
        channelId: other.channelId,
        confirmName: "Test channel",
        orders: "delete",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a wrong name or a running run, and deletes nothing", async () => {
    const { workspaceId, channelId } = await seedFullChannel(ctx.db);
    await expect(
      deleteChannel(ctx.db, workspaceId, { channelId, confirmName: "test channel", orders: "delete" }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { confirmName: "Type “Test channel” exactly" } });
    await ctx.db
      .insert(runs)
      .values({ workspaceId, channelId, operation: "link_listings", trigger: "manual", status: "running" });
    await expect(
      deleteChannel(ctx.db, workspaceId, { channelId, confirmName: "Test channel", orders: "delete" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await counts(ctx.db, channelId)).toMatchObject({ runs: 2, orders: 2, links: 1, operations: 1 });
  });

  it("is one transaction: a failure at the last step leaves everything as it was", async () => {
    const { workspaceId, channelId } = await seedFullChannel(ctx.db);
    // The tombstone's update (the last write) fails, after links, runs and templates were deleted.
    await ctx.db.execute(
      sql.raw(`create or replace function conduit_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused by test'; end $$`),
    );
    await ctx.db.execute(
      sql.raw(`create trigger conduit_test_refuse before update on channels for each row
        when (new.deleted_at is not null and old.id = '${channelId}') execute function conduit_test_refuse()`),
    );
    try {
      await expect(
        deleteChannel(ctx.db, workspaceId, { channelId, confirmName: "Test channel", orders: "keep" }),
      ).rejects.toThrow(/update "channels"/);
    } finally {
      await ctx.db.execute(sql.raw("drop trigger conduit_test_refuse on channels"));
    }
    expect(await counts(ctx.db, channelId)).toEqual({
      runs: 1,
      orders: 2,
      links: 1,
      issues: 1,
      operations: 1,
      templates: 1,
    });
    const [channel] = await ctx.db
      .select()
      .from(channels)
      .where(and(eq(channels.id, channelId)));
    expect(channel).toMatchObject({ name: "Test channel", deletedAt: null });
  });
});
