/** The delivery log keeps 30 days of finished deliveries; pending ones stay whatever their age. */
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { describeEachDb } from "@/db/testing/describe-db";
import { pruneWebhookDeliveries } from "./prune";

describeEachDb("webhook delivery log pruning", (ctx) => {
  it("deletes finished deliveries (and their attempts) older than 30 days, keeps pending and recent ones", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Prune" }).returning();
    const [endpoint] = await ctx.db
      .insert(webhookEndpoints)
      .values({ workspaceId: ws!.id, url: "https://hooks.example.com/in", secretEncrypted: "x" })
      .returning();
    const now = new Date("2026-11-30T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const rows = [
      { key: "old-delivered", status: "delivered", createdAt: daysAgo(31) },
      { key: "old-failed", status: "failed", createdAt: daysAgo(45) },
      { key: "old-pending", status: "pending", createdAt: daysAgo(40) },
      { key: "recent-delivered", status: "delivered", createdAt: daysAgo(29) },
    ] as const;
    for (const r of rows) {
      const [delivery] = await ctx.db
        .insert(webhookDeliveries)
        .values({
          workspaceId: ws!.id,
          endpointId: endpoint!.id,
          messageId: r.key,
          eventType: "webhook.test",
          payload: {},
          status: r.status,
          giveUpAt: now,
          createdAt: r.createdAt,
        })
        .returning();
      await ctx.db.execute(sql`
        insert into ${webhookAttempts} (workspace_id, delivery_id, endpoint_id, attempt, started_at, duration_ms)
        values (${ws!.id}, ${delivery!.id}, ${endpoint!.id}, 1, ${r.createdAt.toISOString()}::timestamptz, 5)`);
    }

    expect(await pruneWebhookDeliveries(ctx.db, now)).toBe(2);
    const left = await ctx.db
      .select({ messageId: webhookDeliveries.messageId })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, ws!.id));
    expect(left.map((r) => r.messageId).sort()).toEqual(["old-pending", "recent-delivered"]);
    const attempts = await ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.workspaceId, ws!.id));
    expect(attempts).toHaveLength(2);
    expect(await pruneWebhookDeliveries(ctx.db, now)).toBe(0);
  });
});
