/**
 * Incremental Get Orders over HTTP: after a full pass a run asks SellerCloud (the sandbox) only for
 * orders updated since the last run (model.lastUpdatedFrom), imports what changed, says which kind
 * it was and what it saved; a changed filter or a stale full pass brings the full window back.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import {
  COMPANY,
  IN_PROCESS,
  clientFor,
  matching,
  orderOf,
  runGetOrders,
  sandbox,
  seedGetOrdersChannel,
  storedIds,
} from "./test-helpers";
import { FULL_PASS_EVERY_MS } from "./incremental";

const adminUrl = (url: string) => url.replace(/\/rest$/, "/__sandbox");

async function patchOrder(url: string, id: unknown, body: Record<string, unknown>) {
  const response = await fetch(`${adminUrl(url)}/orders/${id}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function token(url: string, credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ Username: credentials.username, Password: credentials.password }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describeEachDb("Get Orders incremental runs", (ctx) => {
  it("the sandbox honours model.lastUpdatedFrom and lastUpdatedTo on orders", async () => {
    const s = await sandbox(200);
    const [a, b] = matching(s);
    await patchOrder(s.url, a!.ID, { ShippingService: "Moved", LastUpdated: "01/02/2030 10:00" });
    await patchOrder(s.url, b!.ID, { ShippingService: "Moved too", LastUpdated: "01/03/2030 10:00" });
    const client = clientFor(s);
    const page = await client.getOrdersPage(
      { companyId: COMPANY, orderStatus: IN_PROCESS, updatedFrom: new Date("2030-01-01T00:00:00Z") },
      1,
    );
    expect(page.items.map((o) => o.id).sort()).toEqual([a!.ID, b!.ID].sort());
    const response = await fetch(
      `${s.url}/api/Orders?model.companyID=${COMPANY}&model.lastUpdatedFrom=01%2F01%2F2030%2000%3A00&model.lastUpdatedTo=01%2F02%2F2030%2012%3A00&model.pageNumber=1&model.pageSize=50`,
      { headers: { Authorization: `Bearer ${await token(s.url, s.credentials)}` } },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Items: { ID: number }[] };
    expect(body.Items.map((o) => o.ID)).toEqual([a!.ID]);
  });

  it("after a full pass reads only the orders updated since the last run, and says what it saved", async () => {
    const s = await sandbox(400);
    const scope = await seedGetOrdersChannel(ctx.db, 7, "UTC");
    const first = await runGetOrders(ctx.db, scope, clientFor(s), false, undefined, true);
    const all = matching(s);
    expect(first.run.status).toBe("succeeded");
    expect(first.events.find((e) => e.code === "run_kind")?.details).toMatchObject({
      kind: "full",
      ordersRead: all.length,
    });
    expect(first.run.progressLabel).toMatch(/^Full window: /);

    // Three orders change in SellerCloud now; one changes "at" a time before the last run (not read).
    const [a, b, c, old] = all;
    for (const order of [a, b, c]) await patchOrder(s.url, order!.ID, { ShippingService: `Changed ${order!.ID}` });
    await patchOrder(s.url, old!.ID, { ShippingService: "Changed long ago", LastUpdated: "2000-01-01T00:00:00" });
    s.requests.clear();

    const client = clientFor(s);
    const second = await runGetOrders(ctx.db, scope, client, false, undefined, true);
    expect(second.run).toMatchObject({ status: "succeeded", createdCount: 0, updatedCount: 3, failedCount: 0 });
    expect(second.run.progressLabel).toMatch(/^Incremental/);
    const kind = second.events.find((e) => e.code === "run_kind");
    expect(kind?.details).toMatchObject({ kind: "incremental", fullCalls: first.run.callsUsed });
    const details = kind!.details as { ordersRead: number; callsSaved: number };
    expect(details.ordersRead).toBeLessThan(10);
    expect(details.callsSaved).toBeGreaterThan(0);
    expect(kind?.message).toMatch(/^Incremental run: read \d+ orders? updated since .* UTC in 1 list call; .* saved/);
    // Every list call asked for orders updated since the last run's start (minus 15 minutes).
    const lists = s.requests.list({ path: "/api/Orders" });
    expect(lists.length).toBeGreaterThan(0);
    const at = new Date(first.run.startedAt!.getTime() - 15 * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    const since = `${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}/${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
    for (const request of lists) expect(request.query["model.lastUpdatedFrom"]?.[0]).toContain(since);
    expect(second.run.callsUsed).toBeLessThan(first.run.callsUsed);
    for (const order of [a, b, c])
      expect((await orderOf(ctx.db, scope.channelId, order!.ID)).shippingService).toBe(`Changed ${order!.ID}`);
    expect((await orderOf(ctx.db, scope.channelId, old!.ID)).shippingService).not.toBe("Changed long ago");
    expect(await storedIds(ctx.db, scope.channelId)).toHaveLength(all.length);

    // A full pass older than a day (the safety net) reads the whole window again and finds it.
    await ctx.db
      .update(runs)
      .set({ startedAt: new Date(Date.now() - FULL_PASS_EVERY_MS - 60_000) })
      .where(eq(runs.id, first.run.id));
    const third = await runGetOrders(ctx.db, scope, clientFor(s), false, undefined, true);
    expect(third.events.find((e) => e.code === "run_kind")?.details).toMatchObject({ kind: "full" });
    expect(third.run.updatedCount).toBe(1);
    expect((await orderOf(ctx.db, scope.channelId, old!.ID)).shippingService).toBe("Changed long ago");
  });

  it("runs a full pass again when the filters change", async () => {
    const s = await sandbox(100);
    const scope = await seedGetOrdersChannel(ctx.db, 7, "UTC");
    await runGetOrders(ctx.db, scope, clientFor(s), false, undefined, true);
    const changed = await seedGetOrdersChannel(ctx.db, 3, "UTC"); // another channel: its own history
    const own = await runGetOrders(ctx.db, changed, clientFor(s), false, undefined, true);
    expect(own.events.find((e) => e.code === "run_kind")?.details).toMatchObject({ kind: "full" });
    // Same channel, age window changed from 7 to 3 days: not comparable with the last full pass.
    const { channels } = await import("@/db/schema/channels");
    const [row] = await ctx.db.select().from(channels).where(eq(channels.id, scope.channelId));
    const settings = row!.settings as unknown as { orders: Record<string, unknown> };
    await ctx.db
      .update(channels)
      .set({ settings: { ...settings, orders: { ...settings.orders, ageDays: 3 } } as never })
      .where(eq(channels.id, scope.channelId));
    const next = await runGetOrders(ctx.db, scope, clientFor(s), false, undefined, true);
    expect(next.events.find((e) => e.code === "run_kind")?.details).toMatchObject({ kind: "full" });
  });
});
