import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { auditLog } from "@/db/schema/audit";
import { describeEachDb } from "@/db/testing/describe-db";
import { startTestReceiver, type TestReceiver, verifyStandardWebhook } from "@/lib/webhooks/testing/receiver";

/**
 * Settings → Webhooks' actions and the audit log's CSV route, with the session stubbed (an admin
 * or a viewer of one workspace) and a real database: the secret is answered once and never again,
 * every change is audited with the request's IP and user agent and without the secret.
 */

const state = vi.hoisted(() => ({ db: undefined as unknown, workspaceId: "", role: "admin" }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9", "user-agent": "AuditTest/1.0" }),
}));
vi.mock("@/lib/server/session", () => ({
  requireApiSession: async () => ({
    userId: "00000000-0000-4000-8000-000000000001",
    email: "admin@shop.test",
    name: null,
    workspaceId: state.workspaceId,
    sessionId: "s",
    role: state.role,
  }),
}));

vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
afterAll(() => vi.unstubAllEnvs());

const actions = await import("./webhook-actions");
const { GET: exportAudit } = await import("@/app/api/audit/export/route");

describeEachDb("webhook actions and the audit export", (ctx) => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    state.db = ctx.db;
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Actions" }).returning();
    state.workspaceId = ws!.id;
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver.close());

  it("answers the secret once, audits every change without it, and sends a verifiable test", async () => {
    state.role = "admin";
    const created = await actions.createWebhookAction({ url: receiver.url, eventTypes: ["run.failed"] });
    if (!created.ok) throw new Error(created.error);
    const { id, secret } = created.data;
    expect(secret).toMatch(/^whsec_/);

    const answers = [
      await actions.updateWebhookAction({ id, eventTypes: ["run.failed", "shipments.failed"], description: "Ops" }),
      await actions.updateWebhookAction({ id, enabled: false }),
      await actions.sendWebhookTestAction({ id }),
    ];
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      expect(JSON.stringify(answer)).not.toContain(secret.slice(6, 26));
    }
    expect(answers[2]).toMatchObject({ ok: true, data: { ok: true, statusCode: 200 } });
    const hit = receiver.received.at(-1)!;
    expect(verifyStandardWebhook(secret, hit.headers, hit.body).ok).toBe(true);

    const rotated = await actions.rotateWebhookSecretAction({ id });
    if (!rotated.ok) throw new Error(rotated.error);
    expect(rotated.data.secret).not.toBe(secret);
    expect((await actions.deleteWebhookAction({ id })).ok).toBe(true);

    const entries = await ctx.db.select().from(auditLog).where(eq(auditLog.workspaceId, state.workspaceId));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(secret.slice(6, 26));
    expect(text).not.toContain(rotated.data.secret.slice(6, 26));
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual(["created", "deleted", "disabled", "secret_rotated", "updated"]);
    expect(byAction.updated!.changes).toEqual([
      { field: "Description", before: "", after: "Ops" },
      { field: "Events", before: "run.failed", after: "run.failed, shipments.failed" },
    ]);
    expect(byAction.disabled!.changes).toEqual([{ field: "Enabled", before: "Yes", after: "No" }]);
    expect(byAction.secret_rotated!.changes).toEqual([{ field: "Secret", before: null, after: "changed" }]);
    expect(byAction.created).toMatchObject({
      actorLabel: "admin@shop.test",
      ip: "203.0.113.9",
      userAgent: "AuditTest/1.0",
      objectType: "webhook",
      objectLabel: receiver.url,
    });

    const csv = await exportAudit(new Request("http://localhost/api/audit/export?objectType=webhook"), undefined);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const body = await csv.text();
    expect(body.trim().split("\n")).toHaveLength(6);
    expect(body).toContain("Secret: changed");
    expect(body).not.toContain(secret.slice(6, 26));
  });

  it("refuses a viewer both the webhook actions and the audit export", async () => {
    state.role = "viewer";
    const refused = await actions.createWebhookAction({ url: receiver.url, eventTypes: ["run.failed"] });
    expect(refused).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const csv = await exportAudit(new Request("http://localhost/api/audit/export"), undefined);
    expect(csv.status).toBe(403);
    state.role = "admin";
  });

  it("refuses an address webhooks may not use, naming the field", async () => {
    const result = await actions.createWebhookAction({
      url: "http://169.254.169.254/latest",
      eventTypes: ["run.failed"],
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { url: expect.stringMatching(/https/) } });
  });
});
