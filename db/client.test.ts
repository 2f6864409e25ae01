import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { users } from "./schema/accounts";
import { describeEachDb } from "./testing/describe-db";

describeEachDb("database client", (ctx) => {
  it("applies migrations and round-trips a row", async () => {
    await ctx.db.insert(users).values({ email: "a@example.com", passwordHash: "x" });
    const rows = await ctx.db.select().from(users);
    expect(rows).toHaveLength(1);
    const result = await ctx.db.execute(sql`select count(*)::int as n from users`);
    expect((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(1);
  });
});
