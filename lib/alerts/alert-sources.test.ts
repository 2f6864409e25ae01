import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { memberships, users } from "@/db/schema/accounts";
import { alertDigestItems, alerts } from "@/db/schema/alerts";
import { sellercloudBudgets, sellercloudBudgetUsage } from "@/db/schema/budget";
import { emailOutbox } from "@/db/schema/email";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { planRunAlerts } from "./detect-run";
import { deliverAlert } from "./deliver";
import { defaultAlertMode, listAlertPreferences, saveAlertPreferences } from "./preferences";
import { raiseAlert } from "./raise";
import { alertRetentionResults } from "./retention";
import { recordingLog } from "@/lib/email/testing/recording-log";

it("defaults owners and admins to failures at once, operators to the digest, viewers to nothing", () => {
  expect(defaultAlertMode("owner", "run.failed")).toBe("immediate");
  expect(defaultAlertMode("admin", "connection.refused")).toBe("immediate");
  expect(defaultAlertMode("admin", "budget.nearly_spent")).toBe("digest");
  expect(defaultAlertMode("operator", "shipments.failed")).toBe("digest");
  expect(defaultAlertMode("operator", "retention.cleared")).toBe("off");
  expect(defaultAlertMode("viewer", "run.failed")).toBe("off");
  expect(defaultAlertMode("someone", "run.failed")).toBe("off");
});

describeEachDb("alert sources and delivery", (ctx) => {
  async function memberOf(workspaceId: string, role: string) {
    const [user] = await ctx.db
      .insert(users)
      .values({ email: `${role}-${Math.random().toString(36).slice(2)}@example.com` })
      .returning();
    await ctx.db.insert(memberships).values({ workspaceId, userId: user!.id, role });
    return user!;
  }

  it("alerts a nearly spent SellerCloud budget once per channel and hour", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const now = new Date("2026-11-30T10:40:00Z");
    await ctx.db
      .insert(sellercloudBudgets)
      .values({ key: `k-${channelId}`, tokens: 0, updatedMs: now.getTime(), callsPerHour: 1000 });
    await ctx.db.insert(sellercloudBudgetUsage).values([
      {
        budgetKey: `k-${channelId}`,
        channelId,
        operation: "get_orders",
        minute: new Date("2026-11-30T10:10:00Z"),
        calls: 600,
      },
      {
        budgetKey: `k-${channelId}`,
        channelId,
        operation: "sync_orders",
        minute: new Date("2026-11-30T10:30:00Z"),
        calls: 320,
      },
    ]);
    const [run] = await ctx.db
      .insert(runs)
      .values({ workspaceId, channelId, operation: "get_orders", trigger: "schedule", status: "succeeded" })
      .returning();
    const planned = await planRunAlerts(ctx.db, run!.id, now);
    expect(planned).toEqual([
      expect.objectContaining({
        kind: "budget.nearly_spent",
        dedupeKey: `budget:${channelId}:2026-11-30T10`,
        title: 'SellerCloud budget nearly spent for channel "Test channel"',
        details: expect.stringContaining("made 920 of 1,000 calls allowed in the last hour (92%)"),
      }),
    ]);
    // Under 90%: nothing.
    await ctx.db.delete(sellercloudBudgetUsage).where(eq(sellercloudBudgetUsage.operation, "sync_orders"));
    expect(await planRunAlerts(ctx.db, run!.id, now)).toEqual([]);
  });

  it("alerts personal-data clearing (info) once per channel and day, into the owner's digest", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const owner = await memberOf(workspaceId, "owner");
    const now = new Date("2026-11-30T03:00:00Z");
    const results = [
      { workspaceId, channelId, days: 30, cleared: 12 },
      { workspaceId, channelId: "00000000-0000-4000-8000-000000000000", days: 60, cleared: 0 },
    ];
    expect(await alertRetentionResults(ctx.db, results, { now })).toBe(1);
    expect(await alertRetentionResults(ctx.db, results, { now })).toBe(0);
    const [alert] = await ctx.db.select().from(alerts).where(eq(alerts.workspaceId, workspaceId));
    expect(alert).toMatchObject({
      kind: "retention.cleared",
      title: 'Personal data cleared from 12 orders of channel "Test channel"',
      action: expect.stringContaining("Nothing to do"),
    });
    const queued = await ctx.db.select().from(alertDigestItems).where(eq(alertDigestItems.userId, owner.id));
    expect(queued).toHaveLength(1);
  });

  it("puts an alert in the digest when its mail cannot go out, and honours a member's off", async () => {
    const { workspaceId } = await seedChannel(ctx.db);
    const owner = await memberOf(workspaceId, "owner");
    const admin = await memberOf(workspaceId, "admin");
    await saveAlertPreferences(ctx.db, workspaceId, admin.id, { "run.failed": "off" });
    expect((await listAlertPreferences(ctx.db, workspaceId, admin.id, "admin")).slice(0, 2)).toEqual([
      { kind: "run.failed", mode: "off", isDefault: false },
      { kind: "shipments.failed", mode: "immediate", isDefault: true },
    ]);
    // An owner address the mail check refuses stands in for an SMTP outage.
    await ctx.db.update(users).set({ email: "not an address" }).where(eq(users.id, owner.id));
    const log = recordingLog();
    const raised = await raiseAlert(
      ctx.db,
      {
        workspaceId,
        kind: "run.failed",
        dedupeKey: "test:1",
        title: "Get Orders failed",
        details: "x",
        action: "y",
        linkPath: "/runs/1",
      },
      { log },
    );
    expect(raised!.delivery).toEqual({ mailed: 0, queued: 1, webhooks: 0 });
    expect(log.lines.map((l) => l.message)).toContain("alert mail not sent; it goes in the member's digest");
    expect(await ctx.db.select().from(alertDigestItems).where(eq(alertDigestItems.userId, owner.id))).toHaveLength(1);
    expect(await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, workspaceId))).toEqual([]);
    // The same dedupe key again: no second alert, no second delivery.
    expect(
      await raiseAlert(ctx.db, {
        workspaceId,
        kind: "run.failed",
        dedupeKey: "test:1",
        title: "t",
        details: "d",
        action: "a",
        linkPath: "/",
      }),
    ).toBeNull();
    // deliverAlert is the one place delivery happens; it never throws.
    const [row] = await ctx.db.select().from(alerts).where(eq(alerts.dedupeKey, "test:1"));
    await expect(
      deliverAlert(ctx.db, { ...row!, kind: "run.failed" }, { now: new Date(), log }),
    ).resolves.toBeDefined();
  });
});
