import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { describeEachDb } from "@/db/testing/describe-db";
import { parseCredentialKeys } from "@/lib/env";
import { budgetUsageForChannel } from "@/lib/sellercloud/budget/usage";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { createDraft } from "./channels";
import { saveStep } from "./save-step";
import { createSellerCloudClient } from "./client-factory";

const keys = parseCredentialKeys(`k1:${crypto.randomBytes(32).toString("base64")}`);
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ products: 30, orders: 10 });
});
afterAll(() => sandbox.close());

describeEachDb("createSellerCloudClient", (ctx) => {
  it("builds a working client from the channel's encrypted connection", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Factory" }).returning();
    const workspaceId = ws!.id;
    const draft = await createDraft(ctx.db, workspaceId, { name: "Sandbox channel" });
    const deps = { keys, now: () => new Date(), sellercloud: async () => ({}) as never };
    await saveStep(ctx.db, deps, {
      workspaceId,
      channelId: draft.id,
      step: "integration",
      values: { integrationType: "sellercloud" },
    });
    await saveStep(ctx.db, deps, {
      workspaceId,
      channelId: draft.id,
      step: "connect",
      values: {
        name: "Sandbox",
        username: sandbox.credentials.username,
        password: sandbox.credentials.password,
        apiUrl: sandbox.url,
      },
    });
    const client = await createSellerCloudClient(ctx.db, { workspaceId, channelId: draft.id }, { keys });
    const companies = await client.listCompanies();
    expect(companies.length).toBeGreaterThan(0);
    const carriers = await client.listShippingCarriers();
    expect(carriers.length).toBeGreaterThan(0);
    // Its calls (login included) were drawn from the login's shared budget and recorded for the channel page.
    const usage = await budgetUsageForChannel(ctx.db, draft.id);
    expect(usage?.callsPerHour).toBe(10_800);
    expect(usage!.total).toBeGreaterThanOrEqual(client.callsMade);
    expect(usage!.byOperation.map((o) => o.operation)).toEqual(["other"]);
    // Another workspace cannot build this channel's client.
    const [other] = await ctx.db.insert(workspaces).values({ name: "Other" }).returning();
    await expect(
      createSellerCloudClient(ctx.db, { workspaceId: other!.id, channelId: draft.id }, { keys }),
    ).rejects.toThrow(/was not found/);
  });
});
