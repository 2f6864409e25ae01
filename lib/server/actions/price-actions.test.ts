import { eq } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema/audit";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";

/**
 * Sync Prices & Quantities' settings save is a channel change: it is in the audit log with who, from
 * where and a readable before → after of the rails (issue 17's audit covers channel settings).
 */

const state = vi.hoisted(() => ({ db: undefined as unknown, workspaceId: "" }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7", "user-agent": "PriceAuditTest/1.0" }),
}));
vi.mock("@/lib/server/session", () => ({
  requireApiSession: async () => ({
    userId: "00000000-0000-4000-8000-000000000002",
    email: "admin@prices.test",
    name: null,
    workspaceId: state.workspaceId,
    sessionId: "s",
    role: "admin",
  }),
}));
// No warehouse is chosen, so SellerCloud is never called; the client is not needed.
vi.mock("@/lib/channels/client-factory", () => ({ createSellerCloudClient: async () => ({}) }));

const actions = await import("./price-actions");

describeEachDb("price actions and the audit log", (ctx) => {
  it("records a settings save with the rails that changed", async () => {
    state.db = ctx.db;
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    state.workspaceId = workspaceId;
    const saved = await actions.savePriceSyncSettingsAction({
      channelId,
      settings: { warehouseId: null, holdPriceChangePercent: 45, reviewFirstPush: false },
    });
    if (!saved.ok) throw new Error(saved.error);
    const entries = await ctx.db.select().from(auditLog).where(eq(auditLog.workspaceId, workspaceId));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ objectType: "channel", objectId: channelId, action: "updated", ip: "203.0.113.7" });
    const text = JSON.stringify(entry!.changes);
    expect(text).toContain("30");
    expect(text).toContain("45");
    expect(entry!.changes.length).toBeGreaterThanOrEqual(2);
  });
});
