/**
 * The shared budget's bucket and limiter on PGlite and real Postgres: parallel draws never grant
 * more than the bucket holds, and limiters sharing a login keep every rolling hour under the limit.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { describeEachDb } from "@/db/testing/describe-db";
import { bucketShape, drawTokens, HOUR_MS } from "./bucket";
import { budgetKey } from "./key";
import { createSharedBudgetLimiter } from "./limiter";
import { budgetUsageForChannel } from "./usage";

describeEachDb("SellerCloud shared budget", (ctx) => {
  it("keys a login by base URL and username, without secrets", () => {
    const a = budgetKey("https://acme.api.sellercloud.com/", "Ops@Acme.com");
    expect(a).toBe(budgetKey("https://acme.api.sellercloud.com", " ops@acme.com "));
    expect(a).not.toBe(budgetKey("https://acme.api.sellercloud.com", "other@acme.com"));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("parallel draws never grant more than the bucket holds", async () => {
    // On Postgres through a wide pool, so the 40 draws really race on the row.
    const wide = ctx.kind === "postgres" ? openPostgres(ctx.url!, { max: 20 }) : undefined;
    const db = wide?.db ?? ctx.db;
    try {
      const shape = bucketShape(1_200, 0); // burst 100
      const key = `test-${randomUUID()}`;
      const nowMs = Date.UTC(2026, 0, 1);
      const draws = await Promise.all(Array.from({ length: 40 }, () => drawTokens(db, { key, shape, want: 7, nowMs })));
      const granted = draws.reduce((sum, d) => sum + d.granted, 0);
      expect(granted).toBe(shape.burst);
      expect(draws.filter((d) => d.granted === 0).every((d) => d.waitMs > 0)).toBe(true);
      // A minute later the refill (1,100 calls over the hour) allows about 18 more, not a new burst.
      const later = await Promise.all(
        Array.from({ length: 10 }, () => drawTokens(db, { key, shape, want: 5, nowMs: nowMs + 60_000 })),
      );
      const refill = later.reduce((sum, d) => sum + d.granted, 0);
      expect(refill).toBe(Math.floor(60_000 * shape.ratePerMs));
    } finally {
      await wide?.close();
    }
  });

  it("limiters on one login keep every rolling hour under the limit, waiting instead of failing", async () => {
    const key = `test-${randomUUID()}`;
    const channelId = randomUUID();
    let clock = Date.UTC(2026, 0, 1);
    const waits: Date[] = [];
    const calls: number[] = [];
    // Simulated time: a wait moves the clock (and yields), so hours pass instantly.
    const sleep = async (ms: number) => {
      clock += ms;
      await new Promise((done) => setImmediate(done));
    };
    const limiters = [0, 1, 2].map((i) =>
      createSharedBudgetLimiter({
        db: ctx.db,
        key,
        callsPerHour: 300,
        holdMs: 60_000,
        batch: 5,
        now: () => clock,
        sleep,
        onWait: (until) => waits.push(until),
        usage: { channelId, operation: i === 0 ? "get_orders" : "link_listings" },
      }),
    );
    await Promise.all(
      limiters.map(async (limiter) => {
        for (let n = 0; n < 200; n++) {
          await limiter.acquire();
          calls.push(clock);
          clock += 1_000; // each call takes a simulated second
        }
      }),
    );
    expect(calls).toHaveLength(600);
    calls.sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < calls.length; i++) {
      while (calls[i]! - calls[j]! >= HOUR_MS) j++;
      most = Math.max(most, i - j + 1);
    }
    expect(most).toBeLessThanOrEqual(300);
    expect(most).toBeGreaterThan(250); // the budget is used, not starved
    expect(waits.length).toBeGreaterThan(0);
    const usage = await budgetUsageForChannel(ctx.db, channelId, new Date(clock));
    expect(usage?.callsPerHour).toBe(300);
    expect(usage!.total).toBeLessThanOrEqual(300);
    expect(usage!.byOperation.map((o) => o.operation).sort()).toEqual(["get_orders", "link_listings"]);
  });
});
