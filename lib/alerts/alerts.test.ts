import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { memberships, users } from "@/db/schema/accounts";
import { alertDigestItems, alerts } from "@/db/schema/alerts";
import { emailOutbox } from "@/db/schema/email";
import { runs } from "@/db/schema/runs";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { describeEachDb } from "@/db/testing/describe-db";
import { afterRunFinished } from "@/lib/operations/after-run";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { claimRun, type RunnerDeps, workRun } from "@/lib/operations/runner";
import { syncOrdersModule } from "@/lib/operations/sync-orders";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { unlimited } from "@/lib/sellercloud/http";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { recordShipment } from "@/lib/shipments/record";
import {
  importSandboxOrders,
  SANDBOX_MAPPINGS,
  setChannelShippingSettings,
  unshippedSandboxOrderIds,
} from "@/lib/shipments/testing/seed";
import { claimDigestHour, sendAlertDigests } from "./digest";
import { saveAlertPreferences } from "./preferences";

// No SMTP_URL: every alert mail lands in the outbox, where the test reads it.
describeEachDb("alerts from real Sync Orders runs", (ctx) => {
  let sandbox: RunningSandbox;
  let scIds: number[] = [];
  let workspaceId: string;
  let channelId: string;
  const people: Record<"owner" | "admin" | "operator" | "viewer", string> = {
    owner: "",
    admin: "",
    operator: "",
    viewer: "",
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ orders: 300, products: 200, seed: 11 });
    scIds = unshippedSandboxOrderIds(sandbox.state, 100);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  beforeEach(async () => {
    await ctx.db.delete(runs);
    await ctx.db.delete(emailOutbox);
    await ctx.db.delete(alertDigestItems);
    sandbox.faults.clear();
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await setChannelShippingSettings(ctx.db, channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "wait" });
    for (const role of ["owner", "admin", "operator", "viewer"] as const) {
      const [user] = await ctx.db
        .insert(users)
        .values({ email: `${role}-${Math.random().toString(36).slice(2)}@example.com` })
        .returning();
      await ctx.db.insert(memberships).values({ workspaceId, userId: user!.id, role });
      people[role] = user!.email;
    }
  });

  const deps = (password?: string): RunnerDeps => ({
    db: ctx.db,
    createSellerCloudClient: async () =>
      new SellerCloudClient({
        baseUrl: sandbox.url,
        ...sandbox.credentials,
        ...(password ? { password } : {}),
        limiter: unlimited,
        timeoutMs: 2_000,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      }),
    getModule: () => syncOrdersModule as never,
    options: { leaseMs: 60_000, heartbeatMs: 0, pageRetries: 0, retryDelayMs: 1 },
  });
  /** A Sync Orders run, then what the runtime does after every run. */
  const runSync = async (password?: string) => {
    const created = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "sync_orders", trigger: "manual" });
    if (isAlreadyRunning(created)) throw new Error("a run is already active");
    await workRun(deps(password), (await claimRun(deps(password), { runId: created.id }))!);
    await afterRunFinished(ctx.db, created.id);
    return created.id;
  };
  const shipOrders = async (n: number, carrier: string, service: string) => {
    const orders = await importSandboxOrders(ctx.db, { workspaceId, channelId }, sandbox.state, scIds.splice(0, n));
    for (const [i, order] of orders.entries()) {
      await recordShipment(
        ctx.db,
        { workspaceId, source: "ui" },
        { id: order.id, channelId, sellercloudOrderId: order.scId },
        { carrier, service, trackingNumbers: [`${carrier}-${order.scId}-${i}`], items: [] },
      );
    }
  };
  const alertsOf = (runId: string) => ctx.db.select().from(alerts).where(eq(alerts.runId, runId));
  const mailsTo = (email: string) => ctx.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));

  it("alerts each problem once per run, not per shipment, and mails owners and admins at once", async () => {
    await shipOrders(3, "DHL", "Express"); // no SellerCloud mapping
    await shipOrders(2, "ups", "ground");
    // SellerCloud refuses the first tracking update (400): not retryable, a person must look.
    sandbox.faults.add({ kind: "error", method: "PUT", path: "/api/Orders/ShippingStatus", status: 400 });
    const [endpoint] = await ctx.db
      .insert(webhookEndpoints)
      .values({
        workspaceId,
        url: "https://hooks.example.com/conduit",
        eventTypes: ["run.failed"],
        secretEncrypted: "x",
      })
      .returning();

    const runId = await runSync();
    const raised = await alertsOf(runId);
    expect(raised.map((a) => a.kind).sort()).toEqual(["run.failed", "shipments.failed", "shipping.unmapped"]);
    const unmapped = raised.find((a) => a.kind === "shipping.unmapped")!;
    expect(unmapped.title).toBe('Unmapped carrier on channel "Test channel": 3 shipments waiting');
    expect(unmapped.details).toContain('"DHL" / "Express"');
    expect(unmapped.linkPath).toBe(`/channels/${channelId}/settings/shipping`);
    const stuck = raised.find((a) => a.kind === "shipments.failed")!;
    expect(stuck.title).toBe('1 shipment could not be sent to SellerCloud on channel "Test channel"');

    // Owner and admin: failures by mail at once (one mail per kind), with what, where, what to do and a link.
    for (const email of [people.owner, people.admin]) {
      const mails = await mailsTo(email);
      expect(mails.map((m) => m.subject).sort()).toEqual([
        `[Conduit] 1 shipment could not be sent to SellerCloud on channel "Test channel"`,
        `[Conduit] Sync Orders finished with 4 failed items on channel "Test channel"`,
      ]);
      const runMail = mails.find((m) => m.subject.includes("Sync Orders finished"))!;
      expect(runMail.workspaceId).toBe(workspaceId);
      expect(runMail.bodyText).toContain(`Where: Channel "Test channel" · Sync Orders · run ${runId}`);
      expect(runMail.bodyText).toContain("What to do: Open the run");
      expect(runMail.bodyText).toContain(`Open: http://localhost:3000/runs/${runId}`);
    }
    // Operator: failures wait for the digest; viewer: nothing.
    expect(await mailsTo(people.operator)).toEqual([]);
    expect(await mailsTo(people.viewer)).toEqual([]);
    // The webhook subscribed to run.failed got exactly that event.
    const deliveries = await ctx.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint!.id));
    expect(deliveries.map((d) => d.eventType)).toEqual(["run.failed"]);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "run.failed",
      data: { runId, url: `http://localhost:3000/runs/${runId}` },
    });

    // The after-run hook again (a second tick, a retry of the hook): nothing new.
    await afterRunFinished(ctx.db, runId);
    expect(await alertsOf(runId)).toHaveLength(3);
    expect(await mailsTo(people.owner)).toHaveLength(2);

    // The next run has its own alerts (the unmapped carriers are still there).
    sandbox.faults.clear();
    const next = await runSync();
    expect((await alertsOf(next)).map((a) => a.kind)).toContain("shipping.unmapped");
  });

  it("groups a member's waiting alerts by kind in one hourly digest", async () => {
    await shipOrders(2, "DHL", "Express");
    const first = await runSync();
    const second = await runSync();
    // An operator's choice: unmapped carriers at once, not in the digest.
    const [operator] = await ctx.db.select().from(users).where(eq(users.email, people.operator));
    await saveAlertPreferences(ctx.db, workspaceId, operator!.id, { "shipping.unmapped": "immediate" });
    const third = await runSync();

    const now = new Date();
    expect(await claimDigestHour(ctx.db, now)).toBe(true);
    expect(await claimDigestHour(ctx.db, new Date(now.getTime() + 30 * 60_000))).toBe(false);
    const report = await sendAlertDigests(ctx.db, { now });
    // Owner, admin, operator; not the viewer.
    expect(report).toMatchObject({ mails: 3, failed: 0 });
    // The owner had the run failures at once; the digest holds the three runs' unmapped carriers.
    const [ownerDigest] = (await mailsTo(people.owner)).filter((m) => m.subject.includes("alerts in"));
    expect(ownerDigest!.subject).toMatch(/^\[Conduit\] 3 alerts in Workspace /);
    expect(ownerDigest!.bodyText).toContain("== Unmapped carrier or service (3) ==");
    expect(ownerDigest!.bodyText).not.toContain("== A run failed");
    // The operator's digest: the three run failures and the two unmapped alerts queued before the change, by kind.
    const operatorMails = await mailsTo(people.operator);
    const [operatorDigest] = operatorMails.filter((m) => m.subject.includes("alerts in"));
    const text = operatorDigest!.bodyText;
    expect(operatorDigest!.subject).toMatch(/^\[Conduit\] 5 alerts in Workspace /);
    expect(text).toContain("== A run failed (3) ==");
    expect(text).toContain("== Unmapped carrier or service (2) ==");
    expect(text.indexOf("== A run failed")).toBeLessThan(text.indexOf("== Unmapped carrier"));
    for (const id of [first, second, third]) expect(text).toContain(`http://localhost:3000/runs/${id}`);
    expect(text).toContain("Change what you get: http://localhost:3000/settings/alerts");
    // The third run's unmapped carriers reached the operator at once, as chosen.
    expect(operatorMails.filter((m) => m.subject.startsWith("[Conduit] Unmapped"))).toHaveLength(1);
    expect(await mailsTo(people.viewer)).toEqual([]);
    // Sent once: a second pass finds nothing waiting.
    expect(await sendAlertDigests(ctx.db, { now })).toMatchObject({ mails: 0 });
    const waiting = await ctx.db
      .select()
      .from(alertDigestItems)
      .where(and(eq(alertDigestItems.workspaceId, workspaceId)));
    expect(waiting.every((w) => w.sentAt !== null)).toBe(true);
  });

  it("says SellerCloud refused the login instead of a plain run failure", async () => {
    await shipOrders(1, "ups", "ground");
    const runId = await runSync("not the password");
    const raised = await alertsOf(runId);
    expect(raised.map((a) => a.kind)).toEqual(["connection.refused"]);
    expect(raised[0]!.title).toBe('SellerCloud refused the login of channel "Test channel"');
    expect(raised[0]!.linkPath).toBe(`/channels/${channelId}/settings/connect`);
    expect((await mailsTo(people.owner)).map((m) => m.subject)).toEqual([
      '[Conduit] SellerCloud refused the login of channel "Test channel"',
    ]);
  });
});
