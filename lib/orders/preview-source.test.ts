import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channels } from "@/db/schema/channels";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { fetchPreviewOrders, PREVIEW_LIST_SIZE } from "./preview-source";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ orders: 120, products: 40, seed: 5, orderSpanDays: 3 });
});
afterAll(async () => {
  await sandbox.close();
});

function client(password = sandbox.credentials.password) {
  return new SellerCloudClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.username,
    password,
    limiter: unlimited,
    tokenCache: new TokenCache(),
    retry: { baseDelayMs: 1, maxDelayMs: 2, throttleJitterMs: 0, maxRetries: 0 },
  });
}

describeEachDb("fetchPreviewOrders", (ctx) => {
  async function channelWithSettings(withOrders: boolean) {
    const scope = await seedChannel(ctx.db);
    if (withOrders)
      await ctx.db
        .update(channels)
        .set({
          settings: {
            shippingMappings: [],
            orders: {
              companyId: 1,
              orderStatus: 2,
              dropshipStatus: null,
              ageDays: 7,
              retention: "keep",
              partialShipments: "wait",
            },
          },
        })
        .where(eq(channels.id, scope.channelId));
    return scope;
  }

  it("lists the channel's newest matching orders in the list shape, one call", async () => {
    const scope = await channelWithSettings(true);
    const c = client();
    const orders = await fetchPreviewOrders(ctx.db, scope, { now: new Date(), createClient: async () => c });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.length).toBeLessThanOrEqual(PREVIEW_LIST_SIZE);
    const ids = orders.map((o) => o.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const o of orders) {
      expect(o.raw.ID).toBe(o.id);
      expect(o.raw.StatusCode).toBe(2);
      expect(Array.isArray(o.raw.Items)).toBe(true);
      expect(o.itemCount).toBe((o.raw.Items as unknown[]).length);
    }
  });

  it("fetches one order by ID whatever the channel's filters", async () => {
    const scope = await channelWithSettings(false);
    const [anyOrder] = await fetchPreviewOrders(ctx.db, await channelWithSettings(true), {
      now: new Date(),
      createClient: async () => client(),
    });
    const found = await fetchPreviewOrders(ctx.db, scope, {
      orderId: anyOrder!.id,
      now: new Date(),
      createClient: async () => client(),
    });
    expect(found.map((o) => o.id)).toEqual([anyOrder!.id]);
  });

  it("says plainly what is missing: company settings, an unknown order, a refused login, another workspace", async () => {
    const bare = await channelWithSettings(false);
    await expect(
      fetchPreviewOrders(ctx.db, bare, { now: new Date(), createClient: async () => client() }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/company/),
    });
    await expect(
      fetchPreviewOrders(ctx.db, bare, { orderId: 1, now: new Date(), createClient: async () => client() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const set = await channelWithSettings(true);
    await expect(
      fetchPreviewOrders(ctx.db, set, { now: new Date(), createClient: async () => client("wrong") }),
    ).rejects.toMatchObject({ code: "UPSTREAM" });
    const other = await seedChannel(ctx.db);
    let created = 0;
    await expect(
      fetchPreviewOrders(
        ctx.db,
        { workspaceId: other.workspaceId, channelId: set.channelId },
        {
          now: new Date(),
          createClient: async () => {
            created++;
            return client();
          },
        },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(created).toBe(0);
  });
});
