import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { describeEachDb } from "@/db/testing/describe-db";
import { runTick } from "@/lib/operations/tick";
import { WEBHOOK_RETRY_WINDOW_MS } from "./backoff";
import { listWebhookDeliveryLog } from "./delivery-log";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from "./endpoints";
import { enqueueWebhookEvent } from "./enqueue";
import type { SignedWebhookRequest, WebhookAttemptResult } from "./send";
import { sendWebhookTest } from "./send-test";
import { startTestReceiver, type TestReceiver, verifyStandardWebhook } from "./testing/receiver";
import { webhookDeliveryTickJob } from "./tick-job";
import { attemptDelivery, claimDueDeliveries, workWebhookDeliveries } from "./worker";

// The receivers listen on 127.0.0.1, which the default policy refuses: allow it, as an admin would.
vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
afterAll(() => vi.unstubAllEnvs());

describeEachDb("signed webhooks", (ctx) => {
  let receiver: TestReceiver;
  let workspaceId: string;
  let clock: Date;
  const now = () => clock;

  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.answers.length = 0;
    clock = new Date();
    // The queue is global (every workspace's deliveries): start each test with it empty.
    await ctx.db.delete(webhookDeliveries);
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Hooks" }).returning();
    workspaceId = ws!.id;
  });

  const endpoint = (eventTypes: string[] = ["run.failed"], enabled = true) =>
    createWebhookEndpoint(ctx.db, workspaceId, { url: receiver.url, description: "", eventTypes, enabled });

  it("signs a delivery that a receiver verifies with node:crypto per the published algorithm", async () => {
    const { secret } = await endpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const { messageId, deliveryIds } = await enqueueWebhookEvent(
      ctx.db,
      workspaceId,
      { type: "run.failed", data: { runId: "r1", channel: "Main store" } },
      { now: clock },
    );
    expect(deliveryIds).toHaveLength(1);
    const report = await workWebhookDeliveries({ db: ctx.db, now });
    expect(report).toMatchObject({ attempted: 1, delivered: 1 });

    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit!.headers["webhook-id"]).toBe(messageId);
    expect(hit!.headers["content-type"]).toBe("application/json");
    expect(verifyStandardWebhook(secret, hit!.headers, hit!.body, clock)).toEqual({ ok: true });
    // The reference library agrees, and both refuse a changed body or another secret.
    const headers = hit!.headers as Record<string, string>;
    expect(new Webhook(secret).verify(hit!.body, headers)).toMatchObject({ type: "run.failed" });
    expect(verifyStandardWebhook(secret, hit!.headers, hit!.body.replace("r1", "r2"), clock).ok).toBe(false);
    const other = (await endpoint()).secret;
    expect(verifyStandardWebhook(other, hit!.headers, hit!.body, clock).ok).toBe(false);
    expect(JSON.parse(hit!.body)).toEqual({
      type: "run.failed",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { runId: "r1", channel: "Main store" },
    });
  });

  it("queues an event only for enabled endpoints subscribed to its type", async () => {
    const subscribed = await endpoint(["run.failed", "shipments.failed"]);
    await endpoint(["shipments.failed"]);
    await endpoint(["run.failed"], false);
    const { deliveryIds } = await enqueueWebhookEvent(
      ctx.db,
      workspaceId,
      { type: "run.failed", data: {} },
      { now: clock },
    );
    const rows = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.workspaceId, workspaceId));
    expect(deliveryIds).toHaveLength(1);
    expect(rows.map((r) => r.endpointId)).toEqual([subscribed.endpoint.id]);
    expect(
      (await enqueueWebhookEvent(ctx.db, workspaceId, { type: "retention.cleared", data: {} }, { now: clock }))
        .deliveryIds,
    ).toEqual([]);
  });

  it("retries a receiver that answers 500, then delivers, and the delivery log shows both attempts", async () => {
    const { endpoint: ep, secret } = await endpoint();
    receiver.answers.push(500);
    const { messageId } = await enqueueWebhookEvent(
      ctx.db,
      workspaceId,
      { type: "run.failed", data: { n: 1 } },
      { now: clock },
    );

    expect(await workWebhookDeliveries({ db: ctx.db, now, random: () => 0.5 })).toMatchObject({ retrying: 1 });
    const [pending] = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(pending!.nextAttemptAt!.getTime() - clock.getTime()).toBeGreaterThanOrEqual(15_000);
    // Not due yet: nothing is sent.
    expect(await workWebhookDeliveries({ db: ctx.db, now })).toMatchObject({ attempted: 0 });

    clock = new Date(pending!.nextAttemptAt!.getTime() + 1);
    expect(await workWebhookDeliveries({ db: ctx.db, now })).toMatchObject({ delivered: 1 });

    expect(receiver.received).toHaveLength(2);
    for (const hit of receiver.received) {
      expect(hit.headers["webhook-id"]).toBe(messageId); // receivers deduplicate on it
      expect(verifyStandardWebhook(secret, hit.headers, hit.body, clock, 3600).ok).toBe(true);
    }
    const [done] = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, nextAttemptAt: null });
    expect(done!.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(done!.attemptLog[0]).toMatchObject({
      error: "The endpoint answered 500.",
      responseExcerpt: "receiver says no (500)",
    });
    expect(done!.attemptLog[1]).toMatchObject({ error: null, responseExcerpt: "ok thanks" });
  });

  it("keeps retrying with growing waits for a day, then gives up", async () => {
    const { endpoint: ep } = await endpoint();
    const start = clock;
    await enqueueWebhookEvent(ctx.db, workspaceId, { type: "run.failed", data: {} }, { now: start });
    const calls: SignedWebhookRequest[] = [];
    const send = async (request: SignedWebhookRequest): Promise<WebhookAttemptResult> => {
      calls.push(request);
      return { ok: false, statusCode: 503, durationMs: 3, responseExcerpt: null, error: "The endpoint answered 503." };
    };
    for (let i = 0; i < 60; i++) {
      await workWebhookDeliveries({ db: ctx.db, now, send });
      const [entry] = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
      if (entry!.status !== "pending") break;
      clock = new Date(entry!.nextAttemptAt!.getTime());
    }
    const [entry] = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
    expect(entry!.status).toBe("failed");
    expect(calls.length).toBeGreaterThanOrEqual(15);
    expect(calls.length).toBeLessThanOrEqual(30);
    const times = entry!.attemptLog.map((a) => a.startedAt.getTime());
    expect(times.at(-1)! - start.getTime()).toBeLessThanOrEqual(WEBHOOK_RETRY_WINDOW_MS);
    expect(times.at(-1)! - start.getTime()).toBeGreaterThan(WEBHOOK_RETRY_WINDOW_MS - 2 * 60 * 60 * 1000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[3]!).toBeGreaterThan(gaps[0]!);
    expect(new Set(calls.map((c) => c.messageId)).size).toBe(1);
  });

  it("leases a delivery so a second worker cannot take it, and fences a worker that lost its lease", async () => {
    await endpoint();
    await enqueueWebhookEvent(ctx.db, workspaceId, { type: "run.failed", data: {} }, { now: clock });
    const [first] = await claimDueDeliveries({ db: ctx.db, now }, 10);
    expect(first).toBeDefined();
    expect(await claimDueDeliveries({ db: ctx.db, now }, 10)).toEqual([]);
    // The first worker stalls past its lease; another takes the delivery and sends it.
    clock = new Date(clock.getTime() + 61_000);
    const [second] = await claimDueDeliveries({ db: ctx.db, now }, 10);
    expect(second!.delivery.id).toBe(first!.delivery.id);
    expect(await attemptDelivery({ db: ctx.db, now }, second!)).toBe("delivered");
    // The stalled worker wakes up: its attempt is logged, but it cannot change the delivery's state.
    expect(await attemptDelivery({ db: ctx.db, now }, first!)).toBe("lost");
    const [row] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first!.delivery.id));
    expect(row).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("delivers queued events from the scheduler tick, as on Vercel cron and self-hosted", async () => {
    await endpoint();
    await enqueueWebhookEvent(ctx.db, workspaceId, { type: "run.failed", data: {} }, { now: clock });
    await runTick(
      {
        db: ctx.db,
        createSellerCloudClient: () => {
          throw new Error("no runs in this test");
        },
        getModule: () => undefined,
        tickJobs: [webhookDeliveryTickJob],
      },
      { budgetMs: 5_000 },
    );
    expect(receiver.received).toHaveLength(1);
  });

  it("sends a test event at once, to a disabled endpoint too, without retrying a failure", async () => {
    const { endpoint: ep, secret } = await endpoint(["run.failed"], false);
    const ok = await sendWebhookTest({ db: ctx.db, now }, workspaceId, ep.id);
    expect(ok.result).toMatchObject({ ok: true, statusCode: 200, error: null });
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ type: "webhook.test", data: { endpointId: ep.id } });
    expect(verifyStandardWebhook(secret, receiver.received[0]!.headers, receiver.received[0]!.body, clock).ok).toBe(
      true,
    );

    receiver.answers.push(503);
    clock = new Date(clock.getTime() + 1_000);
    const failed = await sendWebhookTest({ db: ctx.db, now }, workspaceId, ep.id);
    expect(failed.result).toMatchObject({ ok: false, statusCode: 503, error: "The endpoint answered 503." });
    const log = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
    expect(log.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
      ["webhook.test", "failed", 1],
      ["webhook.test", "delivered", 1],
    ]);
  });

  it("stores the secret encrypted and never returns it after creation; rotation replaces it", async () => {
    const { endpoint: ep, secret } = await endpoint();
    const [row] = await ctx.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, ep.id));
    expect(row!.secretEncrypted).not.toContain(secret.slice(6));
    const shown = JSON.stringify([
      await listWebhookEndpoints(ctx.db, workspaceId),
      await getWebhookEndpoint(ctx.db, workspaceId, ep.id),
      await updateWebhookEndpoint(ctx.db, workspaceId, ep.id, { description: "Ops" }),
    ]);
    expect(shown).not.toContain(secret.slice(6, 20));
    expect(shown).not.toContain("whsec_");
    expect(shown).not.toContain("secretEncrypted");

    const rotated = await rotateWebhookSecret(ctx.db, workspaceId, ep.id);
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.secretRotatedAt).not.toBeNull();
    await sendWebhookTest({ db: ctx.db, now }, workspaceId, ep.id);
    const hit = receiver.received.at(-1)!;
    expect(verifyStandardWebhook(rotated.secret, hit.headers, hit.body, clock).ok).toBe(true);
    expect(verifyStandardWebhook(secret, hit.headers, hit.body, clock).ok).toBe(false);
  });

  it("keeps another workspace's endpoints out of reach", async () => {
    const { endpoint: ep } = await endpoint();
    const [other] = await ctx.db.insert(workspaces).values({ name: "Other" }).returning();
    await expect(getWebhookEndpoint(ctx.db, other!.id, ep.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWebhookEndpoint(ctx.db, other!.id, ep.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sendWebhookTest({ db: ctx.db, now }, other!.id, ep.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listWebhookDeliveryLog(ctx.db, other!.id, ep.id)).toEqual([]);
  });

  it("marks a delivery to a disabled endpoint failed without sending it", async () => {
    const { endpoint: ep } = await endpoint();
    await enqueueWebhookEvent(ctx.db, workspaceId, { type: "run.failed", data: {} }, { now: clock });
    await updateWebhookEndpoint(ctx.db, workspaceId, ep.id, { enabled: false });
    await workWebhookDeliveries({ db: ctx.db, now });
    expect(receiver.received).toHaveLength(0);
    const [entry] = await listWebhookDeliveryLog(ctx.db, workspaceId, ep.id);
    expect(entry).toMatchObject({ status: "failed", lastError: "The webhook is disabled; not sent." });
  });
});
