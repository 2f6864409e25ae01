import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { auditLog } from "@/db/schema/audit";
import { describeEachDb } from "@/db/testing/describe-db";

describeEachDb("audit log append only", (ctx) => {
  async function seed(name: string) {
    const [ws] = await ctx.db.insert(workspaces).values({ name }).returning();
    await ctx.db.insert(auditLog).values({
      workspaceId: ws!.id,
      actorLabel: "a@example.com",
      objectType: "channel",
      objectId: "c1",
      action: "updated",
    });
    return ws!.id;
  }

  it("refuses to update an entry", async () => {
    const id = await seed("w1");
    await expect(
      ctx.db.update(auditLog).set({ summary: "rewritten" }).where(eq(auditLog.workspaceId, id)),
    ).rejects.toThrow();
  });

  it("refuses to delete an entry of a workspace that still exists", async () => {
    const id = await seed("w2");
    await expect(ctx.db.delete(auditLog).where(eq(auditLog.workspaceId, id))).rejects.toThrow();
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.workspaceId, id));
    expect(rows).toHaveLength(1);
  });

  it("lets the workspace's deletion take its entries with it", async () => {
    const id = await seed("w3");
    await ctx.db.delete(workspaces).where(eq(workspaces.id, id));
    const rows = await ctx.db.execute(sql`select count(*)::int as n from audit_log where workspace_id = ${id}`);
    expect(JSON.stringify(rows)).toContain('"n":0');
  });
});
