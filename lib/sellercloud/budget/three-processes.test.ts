/**
 * One SellerCloud budget across processes (issue 15): three runners in separate Node processes on
 * one Postgres database, 30 channels on one SellerCloud login (the sandbox over HTTP), every
 * operation of every channel due at once. Every run completes once, and the calls the sandbox
 * receives in any rolling (simulated) hour stay within the budget of 300. Time is simulated:
 * BUDGET_SPEED simulated ms pass per real ms, so an hour lasts seconds.
 */
import crypto from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { channels } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { describePostgres } from "@/db/testing/describe-db";
import { createDraft } from "@/lib/channels/channels";
import { saveStep } from "@/lib/channels/save-step";
import { DEFAULT_LINK_PRIORITY, type Operation } from "@/lib/channels/settings";
import { parseCredentialKeys } from "@/lib/env";
import { enqueueRun } from "@/lib/operations/enqueue";
import { startTsxChild } from "@/lib/operations/testing/child-process";
import { type RunningSandbox, startSandbox } from "../sandbox/server";
import { HOUR_MS } from "./bucket";

const BUDGET = 300;
/** Simulated ms per real ms: one simulated hour lasts 36 real seconds (the budget binds on a slow machine). */
const SPEED = 100;
const CHANNELS = 30;
const OPERATIONS: Operation[] = ["get_orders", "link_listings", "sync_orders"];
const keysText = `k1:${crypto.randomBytes(32).toString("base64")}`;
const keys = parseCredentialKeys(keysText);

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ products: 400, orders: 400, orderSpanDays: 5, seed: 5, requestLogLimit: 100_000 });
});
afterAll(() => sandbox?.close());

describePostgres("one SellerCloud budget shared by three runner processes", (ctx) => {
  it("every run completes once and no rolling hour exceeds the budget", { timeout: 240_000 }, async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Budget" }).returning();
    const workspaceId = ws!.id;
    const deps = { keys, now: () => new Date(), sellercloud: async () => ({}) as never };
    for (let i = 0; i < CHANNELS; i++) {
      const draft = await createDraft(ctx.db, workspaceId, { name: `Channel ${i + 1}` });
      const scope = { workspaceId, channelId: draft.id };
      await saveStep(ctx.db, deps, { ...scope, step: "integration", values: { integrationType: "sellercloud" } });
      await saveStep(ctx.db, deps, {
        ...scope,
        step: "connect",
        values: { name: "Sandbox", ...sandbox.credentials, apiUrl: sandbox.url },
      });
      await ctx.db
        .update(channels)
        .set({
          status: "active",
          settings: {
            shippingMappings: [],
            link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY },
            orders: {
              companyId: 1,
              orderStatus: 2,
              dropshipStatus: null,
              ageDays: 7,
              retention: "keep",
              partialShipments: "wait",
              timeZone: "UTC",
            },
          } as never,
        })
        .where(eq(channels.id, draft.id));
      for (const operation of OPERATIONS) await enqueueRun(ctx.db, { ...scope, operation, trigger: "schedule" });
    }
    sandbox.requests.clear();

    const epoch = Date.now();
    const worker = path.join(process.cwd(), "lib/sellercloud/budget/testing/budget-worker.ts");
    const env = {
      WORKER_DATABASE_URL: ctx.url!,
      BUDGET_EPOCH: String(epoch),
      BUDGET_SPEED: String(SPEED),
      BUDGET_CALLS: String(BUDGET),
      CREDENTIALS_KEYS: keysText,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SANDBOX_ENABLED: "true",
      DATABASE_URL: undefined,
      LOG_LEVEL: "error",
    };
    const children = [0, 1, 2].map(() => startTsxChild(worker, env));
    const exits = await Promise.all(children.map((child) => child.exited));
    const outputs = children.map((child) => child.output());
    expect(
      exits.map((e) => e.code),
      outputs.join("\n"),
    ).toEqual([0, 0, 0]);

    // Every run finished once: succeeded, in one attempt (no lease lost while waiting).
    const all = await ctx.db.select().from(runs).where(eq(runs.workspaceId, workspaceId));
    expect(all).toHaveLength(CHANNELS * OPERATIONS.length);
    const notDone = all.filter((r) => r.status !== "succeeded" || r.attempts !== 1);
    expect(
      notDone.map((r) => [r.operation, r.status, r.attempts, r.error]),
      outputs.join("\n"),
    ).toEqual([]);
    const worked = outputs.map((o) => Number(/worker done: (\d+) runs/.exec(o)?.[1] ?? 0));
    expect(worked.reduce((a, b) => a + b, 0)).toBe(CHANNELS * OPERATIONS.length);

    // The calls SellerCloud received, on the simulated clock: never more than the budget in an hour.
    const times = sandbox.requests
      .list({})
      .map((r) => epoch + (Date.parse(r.at) - epoch) * SPEED)
      .sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= HOUR_MS) j++;
      most = Math.max(most, i - j + 1);
    }
    console.log(
      `three processes: ${times.length} SellerCloud calls over ${((times.at(-1)! - times[0]!) / HOUR_MS).toFixed(2)} simulated hours; busiest rolling hour ${most} of ${BUDGET}; workers ${worked.join("/")} runs; ${outputs.map((o) => /(\d+) budget waits/.exec(o)?.[1]).join("/")} budget waits`,
    );
    expect(times.length).toBeGreaterThan(BUDGET); // the budget had to bind
    expect(most).toBeLessThanOrEqual(BUDGET);
  });
});
