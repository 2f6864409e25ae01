import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { runDailyJobs } from "./daily-jobs";
import { noClient } from "./testing/fixtures";
import { runTick } from "./tick";

describeEachDb("daily jobs", (ctx) => {
  it("runs a job once a day however many ticks ask", async () => {
    let runs = 0;
    const jobs = [{ name: "count", run: async () => void runs++ }];
    const day1 = new Date("2026-03-01T00:00:30Z");
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => runDailyJobs(ctx.db, jobs, day1)));
    expect(results.flat()).toEqual(["count"]);
    expect(runs).toBe(1);
    await runDailyJobs(ctx.db, jobs, new Date("2026-03-01T23:59:00Z"));
    expect(runs).toBe(1);
    await runDailyJobs(ctx.db, jobs, new Date("2026-03-02T00:00:30Z"));
    expect(runs).toBe(2);
  });

  it("keeps going past a failing job", async () => {
    const ran: string[] = [];
    const jobs = [
      { name: "broken", run: async () => Promise.reject(new Error("boom")) },
      { name: "fine", run: async () => void ran.push("fine") },
    ];
    expect(await runDailyJobs(ctx.db, jobs, new Date("2026-03-05T00:00:00Z"))).toEqual(["fine"]);
    expect(ran).toEqual(["fine"]);
  });

  it("runs from the scheduler tick, once a day", async () => {
    let runs = 0;
    const now = new Date("2026-04-01T12:00:00Z");
    const deps = {
      db: ctx.db,
      now: () => now,
      createSellerCloudClient: noClient,
      getModule: () => undefined,
      dailyJobs: [{ name: "tick-job", run: async () => void runs++ }],
    };
    await runTick(deps, { budgetMs: 0 });
    await runTick(deps, { budgetMs: 0 });
    expect(runs).toBe(1);
  });
});
