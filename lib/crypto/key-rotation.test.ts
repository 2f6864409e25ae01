import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { connections } from "@/db/schema/channels";
import { vendors } from "@/db/schema/vendors";
import { webhookEndpoints } from "@/db/schema/webhooks";
import { describeEachDb } from "@/db/testing/describe-db";
import { decryptConnection } from "@/lib/channels/connections";
import { type CredentialKey, env } from "@/lib/env";
import { createVendor, openWebhookSecret, rotateWebhookSecret } from "@/lib/vendors/vendors";
import { createWebhookEndpoint, endpointSecret } from "@/lib/webhooks/endpoints";
import { signWebhook } from "@/lib/webhooks/sign";
import { verifyStandardWebhook } from "@/lib/webhooks/testing/receiver";
import { encryptSecret } from "./credentials";
import { describeRotation, rotateCredentialSecrets } from "./key-rotation";

const PASSWORD = "pa55-word-that-must-never-leak";
const TOKEN = "api-token-that-must-never-leak-0123456789";

const newKey = (id: string): CredentialKey => ({ id, key: crypto.randomBytes(32) });

// The app parses CREDENTIALS_KEYS once (env() caches it; lib/testing/test-env.ts gives every test
// file the same fixed value). Each step below replaces the configured keys in place, as an operator
// editing CREDENTIALS_KEYS and restarting would; the original list is put back after the file.
const configured = env().credentialKeys;
const original = [...configured];
function configure(keys: CredentialKey[]): void {
  configured.splice(0, configured.length, ...keys);
}
afterAll(() => configure(original));

/** Every sealed value in the database (null columns left out). */
async function allPayloads(db: Db): Promise<string[]> {
  const conns = await db.select().from(connections);
  const hooks = await db.select().from(webhookEndpoints);
  const vends = await db.select().from(vendors);
  return [
    ...conns.flatMap((c) => [c.passwordCiphertext, c.apiTokenCiphertext]),
    ...hooks.map((h) => h.secretEncrypted),
    ...vends.map((v) => v.webhookSecretCiphertext),
  ].filter((p): p is string => p !== null);
}

describeEachDb("credentials:rotate (every secret sealed with CREDENTIALS_KEYS)", (ctx) => {
  let workspaceId: string;
  beforeEach(async () => {
    // Each test starts with no sealed rows, so its counts are its own.
    await ctx.db.delete(connections);
    await ctx.db.delete(webhookEndpoints);
    await ctx.db.delete(vendors);
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Rotation" }).returning();
    workspaceId = ws!.id;
  });

  /** A connection sealed as saveStep seals it (password and API token). */
  async function createConnection(): Promise<string> {
    const id = crypto.randomUUID();
    const keys = env().credentialKeys;
    await ctx.db.insert(connections).values({
      id,
      workspaceId,
      name: "My SellerCloud",
      username: "me@shop.test",
      serverId: "demo",
      passwordCiphertext: encryptSecret(PASSWORD, { workspaceId, connectionId: id, field: "password" }, keys),
      apiTokenCiphertext: encryptSecret(TOKEN, { workspaceId, connectionId: id, field: "api_token" }, keys),
    });
    return id;
  }

  const createEndpoint = (name: string) =>
    createWebhookEndpoint(ctx.db, workspaceId, {
      url: `https://hooks.example.com/${name}`,
      description: name,
      eventTypes: ["run.failed"],
      enabled: true,
    });

  const createWebhookVendor = (code: string) =>
    createVendor(ctx.db, workspaceId, {
      name: `Vendor ${code}`,
      code,
      deliveryMethod: "webhook",
      webhookUrl: `https://vendor.example.com/${code}`,
    });

  /** Signs with the secret the app now reads from the database; verifies with the one shown at creation. */
  function expectSigningVerifies(stored: string, shown: string): void {
    const at = new Date();
    const body = JSON.stringify({ type: "run.failed", data: { runId: "r1" } });
    const headers = signWebhook(stored, "msg_rotation", at, body);
    expect(verifyStandardWebhook(shown, { ...headers }, body, at)).toEqual({ ok: true });
  }

  it("re-encrypts connections, webhook endpoints and vendors so the old key can be removed; a second run changes nothing", async () => {
    const k1 = newKey("k1");
    const k2 = newKey("k2");
    configure([k1]);
    const connectionId = await createConnection();
    const hookA = await createEndpoint("a");
    const hookB = await createEndpoint("b");
    const vendor = await createWebhookVendor("ACME");
    await createVendor(ctx.db, workspaceId, { name: "Puller", code: "PULL", deliveryMethod: "pull" });
    expect(vendor.webhookSecret).toMatch(/^whsec_/);

    // Step 1 and 2 of the README: the new key first, the old one kept; rotate (small batches).
    configure([k2, k1]);
    const report = await rotateCredentialSecrets(ctx.db, env().credentialKeys, { batchSize: 1 });
    expect(report).toEqual({
      connections: { reencrypted: 1, unreadable: [] },
      webhookEndpoints: { reencrypted: 2, unreadable: [] },
      vendors: { reencrypted: 1, unreadable: [] },
    });
    expect(describeRotation(report)).toEqual(["connections: 1 re-encrypted, webhook endpoints: 2, vendors: 1"]);
    const rotated = await allPayloads(ctx.db);
    expect(rotated).toHaveLength(5);
    for (const payload of rotated) expect(payload.startsWith("v1.k2.")).toBe(true);

    // Step 3: the old key removed. Every secret still opens to what it was.
    configure([k2]);
    const [connection] = await ctx.db.select().from(connections).where(eq(connections.id, connectionId));
    expect(decryptConnection(connection!, env().credentialKeys)).toMatchObject({ password: PASSWORD, apiToken: TOKEN });
    for (const hook of [hookA, hookB]) {
      const [row] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
      expect(endpointSecret(row!)).toBe(hook.secret);
      expectSigningVerifies(endpointSecret(row!), hook.secret);
    }
    const [vendorRow] = await ctx.db.select().from(vendors).where(eq(vendors.id, vendor.vendor.id));
    expect(openWebhookSecret(vendorRow!)).toBe(vendor.webhookSecret);
    expectSigningVerifies(openWebhookSecret(vendorRow!), vendor.webhookSecret!);

    // A second run finds nothing to do and leaves every value as it was.
    const again = await rotateCredentialSecrets(ctx.db, env().credentialKeys);
    expect(again).toEqual({
      connections: { reencrypted: 0, unreadable: [] },
      webhookEndpoints: { reencrypted: 0, unreadable: [] },
      vendors: { reencrypted: 0, unreadable: [] },
    });
    expect(await allPayloads(ctx.db)).toEqual(rotated);
  });

  it("leaves values already under the first key alone, and a run stopped half-way is finished by the next", async () => {
    const k1 = newKey("k1");
    const k2 = newKey("k2");
    configure([k1]);
    await createConnection();
    const hooks = [await createEndpoint("a"), await createEndpoint("b"), await createEndpoint("c")];
    const fresh = await createWebhookVendor("FRESH");
    const old = await createWebhookVendor("OLD");

    configure([k2, k1]);
    // The app wrote this one under k2 already (a secret rotated after the key was added).
    const freshSecret = await rotateWebhookSecret(ctx.db, { workspaceId, vendorId: fresh.vendor.id });
    const [freshBefore] = await ctx.db.select().from(vendors).where(eq(vendors.id, fresh.vendor.id));

    // The process dies at its third batch (one row each): two rows are done, the rest is not.
    let batches = 0;
    const dying = new Proxy(ctx.db, {
      get(target, property, receiver) {
        if (property === "transaction" && ++batches > 2) return () => Promise.reject(new Error("killed"));
        return Reflect.get(target, property, receiver);
      },
    });
    await expect(rotateCredentialSecrets(dying, env().credentialKeys, { batchSize: 1 })).rejects.toThrow("killed");
    const halfway = await allPayloads(ctx.db);
    // Done: the connection's two values, endpoint a, and FRESH (already); left: endpoints b and c, OLD.
    expect(halfway.filter((p) => p.startsWith("v1.k2."))).toHaveLength(4);
    expect(halfway.filter((p) => p.startsWith("v1.k1."))).toHaveLength(3);

    const rerun = await rotateCredentialSecrets(ctx.db, env().credentialKeys);
    expect(rerun).toEqual({
      connections: { reencrypted: 0, unreadable: [] },
      webhookEndpoints: { reencrypted: 2, unreadable: [] },
      vendors: { reencrypted: 1, unreadable: [] },
    });
    const [freshAfter] = await ctx.db.select().from(vendors).where(eq(vendors.id, fresh.vendor.id));
    expect(freshAfter!.webhookSecretCiphertext).toBe(freshBefore!.webhookSecretCiphertext);

    configure([k2]);
    for (const hook of hooks) {
      const [row] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
      expectSigningVerifies(endpointSecret(row!), hook.secret);
    }
    const [oldRow] = await ctx.db.select().from(vendors).where(eq(vendors.id, old.vendor.id));
    expect(openWebhookSecret(oldRow!)).toBe(old.webhookSecret);
    expect(openWebhookSecret(freshAfter!)).toBe(freshSecret);
  });

  it("reports a value no configured key opens and leaves it as it is", async () => {
    const lost = newKey("lost");
    const k2 = newKey("k2");
    configure([lost]);
    const hook = await createEndpoint("lost");
    configure([k2]);
    const [before] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
    const report = await rotateCredentialSecrets(ctx.db, env().credentialKeys);
    expect(report.webhookEndpoints).toEqual({ reencrypted: 0, unreadable: [hook.endpoint.id] });
    expect(describeRotation(report)[1]).toMatch(
      /^webhook endpoints: 1 could not be decrypted .* rotate the webhook's secret/,
    );
    const [after] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook.endpoint.id));
    expect(after!.secretEncrypted).toBe(before!.secretEncrypted);
  });
});
