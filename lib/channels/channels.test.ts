import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { channels, connections } from "@/db/schema/channels";
import { describeEachDb } from "@/db/testing/describe-db";
import { parseCredentialKeys } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { activate, createDraft, getChannelForWorkspace, listChannels } from "./channels";
import { reencryptTable } from "@/lib/crypto/reencrypt-table";
import { connectionSecrets, decryptConnection, loadChannelCredentials, type TestOutcome } from "./connections";
import { type StepDeps, saveStep, skipStep } from "./save-step";

const PASSWORD = "pa55-word-that-must-never-leak";
const TOKEN = "api-token-that-must-never-leak-0123456789";
const keys = parseCredentialKeys(`k1:${crypto.randomBytes(32).toString("base64")}`);

const connected: TestOutcome = { ok: true, kind: "connected", message: "Connected.", username: "me", companies: [] };
const fakeSellerCloud = {
  listCompanies: async () => [
    { id: 1, name: "Main", isDefault: true, isDisabled: false },
    { id: 2, name: "Outlet", isDefault: false, isDisabled: false },
  ],
  listShippingCarriers: async () => [
    { key: "UPS", name: "UPS" },
    { key: "USPS", name: "USPS" },
  ],
  listShippingServices: async (carrier: string) =>
    carrier === "UPS" ? [{ key: "UPS Ground", name: "UPS Ground" }] : [{ key: "Priority Mail", name: "Priority Mail" }],
};

function deps(test: (c: unknown) => Promise<TestOutcome> = async () => connected): StepDeps {
  return {
    keys,
    now: () => new Date("2026-01-05T10:00:00Z"),
    sellercloud: async () => fakeSellerCloud as never,
    testConnection: test,
  };
}

const connectValues = {
  name: "My SellerCloud",
  username: "me@shop.test",
  password: PASSWORD,
  serverId: "demo",
  apiToken: TOKEN,
};

async function expectAppError(promise: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected an AppError ${code}`);
}

describeEachDb("channels wizard", (ctx) => {
  let ws: string;
  let other: string;

  beforeAll(async () => {
    const rows = await ctx.db
      .insert(workspaces)
      .values([{ name: "A" }, { name: "B" }])
      .returning();
    ws = rows[0]!.id;
    other = rows[1]!.id;
  });

  async function walkToConnect(name: string) {
    const draft = await createDraft(ctx.db, ws, { name });
    await saveStep(ctx.db, deps(), {
      workspaceId: ws,
      channelId: draft.id,
      step: "integration",
      values: { integrationType: "sellercloud" },
    });
    await saveStep(ctx.db, deps(), { workspaceId: ws, channelId: draft.id, step: "connect", values: connectValues });
    return draft.id;
  }

  it("creates a draft and refuses a second channel with the same name", async () => {
    const draft = await createDraft(ctx.db, ws, { name: "Unique name" });
    expect(draft.status).toBe("draft");
    expect(draft.currentStep).toBe("integration");
    const error = await expectAppError(createDraft(ctx.db, ws, { name: "unique NAME" }), "CONFLICT");
    expect(error.fieldErrors?.name).toMatch(/already have a channel/);
    // Another workspace may use the same name.
    await createDraft(ctx.db, other, { name: "Unique name" });
  });

  it("stores the password and token encrypted, never as plaintext", async () => {
    const id = await walkToConnect("Encrypted");
    const [row] = await ctx.db
      .select()
      .from(connections)
      .innerJoin(channels, eq(channels.connectionId, connections.id))
      .where(eq(channels.id, id));
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(TOKEN);
    expect(row?.connections.passwordCiphertext).toMatch(/^v1\.k1\./);
    const { credentials } = await loadChannelCredentials(ctx.db, { workspaceId: ws, channelId: id }, keys);
    expect(credentials.password).toBe(PASSWORD);
    expect(credentials.apiToken).toBe(TOKEN);
  });

  it("does not decrypt a ciphertext moved to another connection row", async () => {
    const a = await walkToConnect("Moved A");
    const b = await walkToConnect("Moved B");
    const [rowA] = await ctx.db
      .select({ c: connections })
      .from(connections)
      .innerJoin(channels, eq(channels.connectionId, connections.id))
      .where(eq(channels.id, a));
    const [rowB] = await ctx.db
      .select({ c: connections })
      .from(connections)
      .innerJoin(channels, eq(channels.connectionId, connections.id))
      .where(eq(channels.id, b));
    await ctx.db
      .update(connections)
      .set({ passwordCiphertext: rowA!.c.passwordCiphertext })
      .where(eq(connections.id, rowB!.c.id));
    await expect(loadChannelCredentials(ctx.db, { workspaceId: ws, channelId: b }, keys)).rejects.toThrow(
      /cannot be read/,
    );
    // The same row still decrypts.
    expect(decryptConnection(rowA!.c, keys).password).toBe(PASSWORD);
  });

  it("never returns a saved secret in a view", async () => {
    const id = await walkToConnect("No secrets");
    const views = [await getChannelForWorkspace(ctx.db, ws, id), await listChannels(ctx.db, ws)];
    const text = JSON.stringify(views);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("v1.k1.");
    const state = await getChannelForWorkspace(ctx.db, ws, id);
    expect(state.connection).toMatchObject({ hasPassword: true, hasApiToken: true, username: "me@shop.test" });
  });

  it("keeps the saved password when the form leaves it blank", async () => {
    const id = await walkToConnect("Keep password");
    await saveStep(ctx.db, deps(), {
      workspaceId: ws,
      channelId: id,
      step: "connect",
      values: { ...connectValues, password: "", apiToken: "", name: "Renamed" },
    });
    const { credentials } = await loadChannelCredentials(ctx.db, { workspaceId: ws, channelId: id }, keys);
    expect(credentials.password).toBe(PASSWORD);
    expect(credentials.apiToken).toBe(TOKEN);
  });

  it("saves nothing when SellerCloud refuses the password", async () => {
    const draft = await createDraft(ctx.db, ws, { name: "Wrong password" });
    await saveStep(ctx.db, deps(), {
      workspaceId: ws,
      channelId: draft.id,
      step: "integration",
      values: { integrationType: "sellercloud" },
    });
    const refused = async (): Promise<TestOutcome> => ({
      ok: false,
      kind: "wrong_credentials",
      message: "demo did not accept that username and password.",
    });
    const error = await expectAppError(
      saveStep(ctx.db, deps(refused), { workspaceId: ws, channelId: draft.id, step: "connect", values: connectValues }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/Nothing was saved/);
    const state = await getChannelForWorkspace(ctx.db, ws, draft.id);
    expect(state.connection).toBeNull();
    expect(state.completedSteps).not.toContain("connect");
  });

  it("answers 404 for another workspace's channel, for reads and writes", async () => {
    const id = await walkToConnect("Private");
    await expectAppError(getChannelForWorkspace(ctx.db, other, id), "NOT_FOUND");
    await expectAppError(
      saveStep(ctx.db, deps(), { workspaceId: other, channelId: id, step: "details", values: { name: "Mine now" } }),
      "NOT_FOUND",
    );
    await expectAppError(activate(ctx.db, { workspaceId: other, channelId: id }), "NOT_FOUND");
    await expectAppError(getChannelForWorkspace(ctx.db, ws, "not-a-uuid"), "NOT_FOUND");
    expect((await listChannels(ctx.db, other)).map((c) => c.id)).not.toContain(id);
  });

  it("refuses a deep link past a required step", async () => {
    const draft = await createDraft(ctx.db, ws, { name: "Deep link" });
    await expectAppError(
      saveStep(ctx.db, deps(), { workspaceId: ws, channelId: draft.id, step: "schedules", values: { schedules: [] } }),
      "BAD_REQUEST",
    );
  });

  it("walks every step, keeps the linking order, checks SellerCloud's lists and activates", async () => {
    const id = await walkToConnect("Full walk");
    const save = (step: Parameters<typeof saveStep>[2]["step"], values: unknown) =>
      saveStep(ctx.db, deps(), { workspaceId: ws, channelId: id, step, values });
    await expectAppError(save("operations", { operations: [] }), "VALIDATION");
    await save("operations", { operations: ["link_listings", "get_orders", "sync_orders"] });
    await skipStep(ctx.db, { workspaceId: ws, channelId: id, step: "listings" });
    await save("pricing", { price: { base: "cost_markup_percent", amount: 30 }, quantity: { buffer: 2 } });
    const priority = [
      { listingField: "upc", sellercloudField: "UPC" },
      { listingField: "sku", sellercloudField: "ID" },
      { listingField: "gtin", sellercloudField: "GTIN" },
    ];
    const wrongCompany = await expectAppError(
      save("linking", { mode: "custom", companyId: 99, priority }),
      "VALIDATION",
    );
    expect(wrongCompany.fieldErrors?.companyId).toMatch(/not one of the companies/);
    await expectAppError(
      save("linking", { mode: "custom", companyId: 1, priority: [priority[0], priority[0]] }),
      "VALIDATION",
    );
    await save("linking", { mode: "custom", companyId: 1, priority });
    const typo = await expectAppError(
      save("shipping", {
        mappings: [{ conduitCarrier: "ups", sellercloudCarrier: "UPS", sellercloudService: "UPS Grnd" }],
      }),
      "VALIDATION",
    );
    expect(typo.fieldErrors?.["mappings.0.sellercloudService"]).toMatch(/no service/);
    await save("shipping", {
      mappings: [{ conduitCarrier: "ups", sellercloudCarrier: "UPS", sellercloudService: "UPS Ground" }],
    });
    await expectAppError(activate(ctx.db, { workspaceId: ws, channelId: id }), "BAD_REQUEST");
    await save("orders", { companyId: 2, ageDays: 14, retention: "60" });
    const badCron = await expectAppError(
      save("schedules", {
        schedules: [{ operation: "get_orders", schedule: { kind: "cron", expression: "every day" } }],
      }),
      "VALIDATION",
    );
    expect(badCron.fieldErrors?.["schedules.0.schedule.expression"]).toBeTruthy();
    await save("schedules", {
      schedules: [
        { operation: "link_listings", schedule: { kind: "daily", time: "02:30" } },
        { operation: "get_orders", schedule: { kind: "hourly", minute: 15 } },
        { operation: "sync_orders", schedule: { kind: "cron", expression: "*/30 * * * *" } },
      ],
    });
    const state = await activate(ctx.db, { workspaceId: ws, channelId: id, now: new Date("2026-01-05T10:00:00Z") });
    expect(state.status).toBe("active");
    expect(state.settings.link?.priority).toEqual(priority);
    expect(state.settings.orders).toMatchObject({ companyId: 2, ageDays: 14, retention: "60", orderStatus: 2 });
    expect(state.settings.pricing?.price.amount).toBe(30);
    expect(state.operations.find((o) => o.operation === "get_orders")?.nextRunAt).toBe("2026-01-05T10:15:00.000Z");
    const [listed] = (await listChannels(ctx.db, ws)).filter((c) => c.id === id);
    expect(listed?.status).toBe("active");
    // Every operation has a row once the step is saved; the ones not chosen are disabled.
    expect(listed?.operations.map((o) => [o.operation, o.enabled])).toEqual([
      ["link_listings", true],
      ["get_orders", true],
      ["sync_orders", true],
      ["sync_prices", false],
      ["submit_to_vendors", false],
    ]);
    expect(listed?.operations[1]?.scheduleText).toMatch(/15 minutes past/);
  });

  it("re-encrypts secrets written with an older key", async () => {
    const id = await walkToConnect("Rotation");
    const rotated = [{ id: "k2", key: crypto.randomBytes(32) }, ...keys];
    const { reencrypted } = await reencryptTable(ctx.db, connectionSecrets, rotated);
    expect(reencrypted).toBeGreaterThan(0);
    const { credentials } = await loadChannelCredentials(ctx.db, { workspaceId: ws, channelId: id }, [rotated[0]!]);
    expect(credentials.password).toBe(PASSWORD);
    expect((await reencryptTable(ctx.db, connectionSecrets, rotated)).reencrypted).toBe(0);
  });
});
