/** anyOf binds one parameter for any number of values, where inArray fails past 65,535. */
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { anyOf, MAX_BIND_PARAMETERS, noneOf, rowsPerStatement } from "./any-of";
import { workspaces } from "./schema/accounts";
import { describeEachDb } from "./testing/describe-db";

describeEachDb("anyOf", (ctx) => {
  it("selects by 70,000 values in one statement (inArray cannot)", async () => {
    const [kept] = await ctx.db.insert(workspaces).values({ name: "kept" }).returning();
    const ids = [...Array.from({ length: 70_000 }, () => randomUUID()), kept!.id];
    await expect(ctx.db.select().from(workspaces).where(inArray(workspaces.id, ids))).rejects.toThrow();
    const found = await ctx.db.select({ id: workspaces.id }).from(workspaces).where(anyOf(workspaces.id, ids));
    expect(found).toEqual([{ id: kept!.id }]);
    const others = await ctx.db.select({ id: workspaces.id }).from(workspaces).where(noneOf(workspaces.id, ids));
    expect(others.map((o) => o.id)).not.toContain(kept!.id);
  });

  it("matches nothing for an empty list, and everything for noneOf of one", async () => {
    expect(await ctx.db.select().from(workspaces).where(anyOf(workspaces.id, []))).toEqual([]);
    const all = await ctx.db.select().from(workspaces);
    expect(await ctx.db.select().from(workspaces).where(noneOf(workspaces.id, []))).toHaveLength(all.length);
  });
});

it("sizes multi-row inserts under the limit", () => {
  expect(rowsPerStatement(16) * 16).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
  expect(rowsPerStatement(100_000)).toBe(1);
});
