import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { channelOperations } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { silentLogger } from "@/lib/log";
import { noClient, seedChannel } from "@/lib/operations/testing/fixtures";
import { runTick } from "@/lib/operations/tick";
import { handleCronRequest, isAuthorizedCron } from "./cron";

const SECRET = "s3cret-value-of-sufficient-length";

describe("isAuthorizedCron", () => {
  it.each<[string, string | null, string | undefined, boolean]>([
    ["the right bearer secret", `Bearer ${SECRET}`, SECRET, true],
    ["a lower-case scheme", `bearer ${SECRET}`, SECRET, true],
    ["no header", null, SECRET, false],
    ["an empty header", "", SECRET, false],
    ["a wrong secret", "Bearer wrong-secret-of-some-length", SECRET, false],
    ["a prefix of the secret", `Bearer ${SECRET.slice(0, -1)}`, SECRET, false],
    ["the secret with a suffix", `Bearer ${SECRET}x`, SECRET, false],
    ["the secret without the scheme", SECRET, SECRET, false],
    ["another scheme", `Basic ${SECRET}`, SECRET, false],
    ["an unset secret, even with a header", "Bearer undefined", undefined, false],
    ["an empty secret with an empty bearer", "Bearer ", "", false],
  ])("decides %s", (_name, header, secret, expected) => {
    expect(isAuthorizedCron(header, secret)).toBe(expected);
  });
});

describeEachDb("GET /api/cron handler", (ctx) => {
  let channelId: string;
  const request = (authorization?: string) =>
    new Request("http://localhost/api/cron", { headers: authorization ? { authorization } : {} });
  const handle = (req: Request, secret: () => string | undefined) =>
    handleCronRequest(req, {
      secret,
      log: silentLogger,
      tick: () =>
        runTick({ db: ctx.db, createSellerCloudClient: noClient, getModule: () => undefined }, { budgetMs: 0 }),
    });
  const runCount = async () => (await ctx.db.select().from(runs).where(eq(runs.channelId, channelId))).length;

  beforeEach(async () => {
    await ctx.db.delete(runs);
    await ctx.db.delete(channelOperations);
    ({ channelId } = await seedChannel(ctx.db, {
      operations: [
        { operation: "get_orders", schedule: { kind: "hourly", minute: 0 }, nextRunAt: new Date(Date.now() - 60_000) },
      ],
    }));
  });

  it.each<[string, string | undefined, () => string | undefined]>([
    ["without a header", undefined, () => SECRET],
    ["with a wrong secret", "Bearer not-the-secret-at-all", () => SECRET],
    ["when CRON_SECRET is unset, even with a header", `Bearer ${SECRET}`, () => undefined],
    ["when CRON_SECRET is unset and the header says undefined", "Bearer undefined", () => undefined],
    [
      "when the environment is invalid",
      `Bearer ${SECRET}`,
      () => {
        throw new Error("Invalid environment: CRON_SECRET: too short");
      },
    ],
  ])("refuses with 401 JSON %s and enqueues nothing", async (_name, authorization, secret) => {
    const response = await handle(request(authorization), secret);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ error: "Unauthorized" });
    expect(await runCount()).toBe(0);
  });

  it("runs the tick with the right secret and enqueues the due run", async () => {
    const response = await handle(request(`Bearer ${SECRET}`), () => SECRET);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; report: { enqueued: Array<{ channelId: string }> } };
    expect(body.ok).toBe(true);
    expect(body.report.enqueued.map((e) => e.channelId)).toContain(channelId);
    expect(await runCount()).toBe(1);
  });

  it("answers 500 without details when the tick throws", async () => {
    const response = await handleCronRequest(request(`Bearer ${SECRET}`), {
      secret: () => SECRET,
      log: silentLogger,
      tick: () => Promise.reject(new Error("connect ECONNREFUSED 10.1.2.3:5432")),
    });
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("10.1.2.3");
  });
});
