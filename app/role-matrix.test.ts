import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema/accounts";
import { sessionWorkspaces } from "@/db/schema/members";
import { createPgliteTestDb, type TestDatabase } from "@/db/testing/databases";
import { startSession } from "@/lib/accounts/sessions";
import { type Capability, can, ROLES, type Role } from "@/lib/members/permissions";
import { seedChannel } from "@/lib/operations/testing/fixtures";

/**
 * The role matrix (issue 17): every server action and every route handler × the four roles ×
 * the user's own workspace and another one, checked through the real wrappers (authedAction,
 * jsonRoute) and the real session code, which reads the role from the memberships table on each
 * call. The lists of actions and routes are read from the code (every export of
 * lib/server/actions/*.ts, every method of app/**\/route.ts), and must equal the tables below:
 * a new action or route fails this test until it is given its capability here and in the code.
 */

// Every action: "file#export" → the capability it requires, or "public" (no session: sign-in,
// sign-up, password reset; the invite sign-up, whose token is the permission).
const ACTIONS: Record<string, Capability | "public"> = {
  "account-actions#updateProfileAction": "account.self",
  "account-actions#signOutEverywhereAction": "account.self",
  "account-recovery-actions#forgotPasswordAction": "public",
  "account-recovery-actions#resetPasswordAction": "public",
  "account-recovery-actions#verifyEmailAction": "public",
  "account-recovery-actions#resendVerificationAction": "account.self",
  "alert-actions#saveAlertPreferencesAction": "account.self",
  "auth-actions#signInAction": "public",
  "auth-actions#signUpAction": "public",
  "auth-actions#oauthSignInAction": "public",
  "auth-actions#signOutAction": "public",
  "auth-actions#changePasswordAction": "account.self",
  "catalog-actions#previewCatalogAction": "catalog.edit",
  "catalog-actions#loadDemoCatalogAction": "catalog.edit",
  "catalog-delete-actions#deleteCatalogItemsAction": "catalog.edit",
  "channel-actions#createChannelAction": "channels.manage",
  "channel-actions#saveStepAction": "channels.manage",
  "channel-actions#skipStepAction": "channels.manage",
  "channel-actions#testConnectionAction": "connections.credentials",
  "channel-actions#listCompaniesAction": "channels.manage",
  "channel-actions#listCarriersAction": "channels.manage",
  "channel-actions#listServicesAction": "channels.manage",
  "channel-actions#activateChannelAction": "channels.manage",
  "channel-actions#setChannelPausedAction": "channels.manage",
  "channel-delete-actions#deleteChannelAction": "channels.manage",
  "invite-signup-actions#signUpWithInviteAction": "public",
  "mapping-actions#createTemplateAction": "templates.edit",
  "mapping-actions#duplicateTemplateAction": "templates.edit",
  "mapping-actions#activateTemplateAction": "templates.edit",
  "mapping-actions#renameTemplateAction": "templates.edit",
  "mapping-actions#deleteTemplateAction": "templates.edit",
  "mapping-actions#saveTemplateAction": "templates.edit",
  "mapping-actions#createMappingSetAction": "mappingSets.edit",
  "mapping-actions#updateMappingSetAction": "mappingSets.edit",
  "mapping-actions#deleteMappingSetAction": "mappingSets.edit",
  "member-actions#inviteMemberAction": "members.manage",
  "member-actions#revokeInviteAction": "members.manage",
  "member-actions#changeMemberRoleAction": "members.manage",
  "member-actions#removeMemberAction": "members.manage",
  "member-actions#leaveWorkspaceAction": "account.self",
  "member-actions#switchWorkspaceAction": "account.self",
  "member-actions#acceptInviteAction": "account.self",
  "run-actions#runNowAction": "runs.start",
  "run-actions#cancelRunAction": "runs.start",
  "run-actions#retryRunAction": "runs.start",
  "price-actions#listWarehousesAction": "channels.manage",
  "price-actions#savePriceSyncSettingsAction": "channels.manage",
  "price-actions#decidePriceReviewAction": "runs.start",
  "price-actions#readPriceCurrentValuesAction": "runs.start",
  "sandbox-actions#resetSandboxAction": "connections.credentials",
  "shipment-actions#recordShipmentAction": "shipments.record",
  "shipment-actions#retryShipmentAction": "shipments.record",
  "shipment-actions#createApiKeyAction": "apiKeys.manage",
  "shipment-actions#revokeApiKeyAction": "apiKeys.manage",
  "vendor-actions#createVendorAction": "vendors.manage",
  "vendor-actions#updateVendorAction": "vendors.manage",
  "vendor-actions#rotateVendorSecretAction": "vendors.manage",
  "vendor-actions#archiveVendorAction": "vendors.manage",
  "vendor-actions#createVendorKeyAction": "vendors.manage",
  "vendor-actions#revokeVendorKeyAction": "vendors.manage",
  "vendor-actions#retryVendorDeliveriesAction": "vendors.manage",
  "vendor-actions#saveRoutingRulesAction": "vendors.manage",
  "vendor-actions#previewRoutingAction": "workspace.read",
  "template-version-actions#restoreTemplateVersionAction": "templates.edit",
  "webhook-actions#createWebhookAction": "webhooks.manage",
  "webhook-actions#updateWebhookAction": "webhooks.manage",
  "webhook-actions#rotateWebhookSecretAction": "webhooks.manage",
  "webhook-actions#deleteWebhookAction": "webhooks.manage",
  "webhook-actions#sendWebhookTestAction": "webhooks.manage",
};

type RouteRule = { capability: Capability } | { authenticatedBy: "apiKey" } | { public: string };

// Every route handler: "<path under app/> METHOD" → who may call it.
const ROUTES: Record<string, RouteRule> = {
  "api/auth/[...nextauth] GET": { public: "Auth.js's own endpoints (sign-in, session, OAuth callbacks)" },
  "api/auth/[...nextauth] POST": { public: "Auth.js's own endpoints (sign-in, sign-out)" },
  "api/audit/export GET": { capability: "audit.read" },
  "api/catalog/export GET": { capability: "workspace.read" },
  "api/catalog/import POST": { capability: "catalog.edit" },
  "api/catalog/import/progress GET": { capability: "workspace.read" },
  "api/channels/[id]/preview-orders GET": { capability: "templates.edit" },
  "api/channels/[id]/retention-count GET": { capability: "workspace.read" },
  "api/channels/[id]/status GET": { capability: "workspace.read" },
  "api/channels/[id]/sync-preview-shipments GET": { capability: "workspace.read" },
  "api/cron GET": { public: "the scheduler tick, authenticated by CRON_SECRET (lib/server/cron.ts)" },
  "api/mapping-sets/csv POST": { capability: "mappingSets.edit" },
  "api/runs/[id] GET": { capability: "workspace.read" },
  "api/runs/[id]/invalid-codes GET": { capability: "workspace.read" },
  "api/runs/[id]/unmatched GET": { capability: "workspace.read" },
  "api/shipments POST": { authenticatedBy: "apiKey" },
  "api/vendor/requests GET": { authenticatedBy: "apiKey" },
  "api/vendor/requests.csv GET": { authenticatedBy: "apiKey" },
  "api/vendor/requests/[id]/acknowledge POST": { authenticatedBy: "apiKey" },
  "api/vendor/requests/[id]/reject POST": { authenticatedBy: "apiKey" },
  "api/shipments/upload POST": { capability: "shipments.record" },
  "api/workspace GET": { capability: "account.self" },
  "sandbox-api/[...path] GET": { public: "the built-in SellerCloud sandbox (its own logins; 404 when off)" },
  "sandbox-api/[...path] POST": { public: "the built-in SellerCloud sandbox" },
  "sandbox-api/[...path] PUT": { public: "the built-in SellerCloud sandbox" },
  "sandbox-api/[...path] PATCH": { public: "the built-in SellerCloud sandbox" },
  "sandbox-api/[...path] DELETE": { public: "the built-in SellerCloud sandbox" },
};

const state = vi.hoisted(() => ({
  db: undefined as unknown,
  user: null as null | { id: string; email: string; workspaceId: string; sessionId: string },
}));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/server/runtime", () => ({ workRunsSoon: () => {} }));
vi.mock("@/lib/server/auth", () => {
  const answer = async () => new Response("auth", { status: 200 });
  return {
    auth: async () =>
      state.user
        ? {
            user: {
              id: state.user.id,
              email: state.user.email,
              workspaceId: state.user.workspaceId,
              sessionId: state.user.sessionId,
            },
          }
        : null,
    signIn: async () => undefined,
    signOut: async () => undefined,
    updateSession: async () => undefined,
    credentialsFailure: () => null,
    enabledOAuthProviders: () => [],
    handlers: { GET: answer, POST: answer },
  };
});

const ACTIONS_DIR = path.join(import.meta.dirname, "../lib/server/actions");
const APP_DIR = import.meta.dirname;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Callable = (...args: unknown[]) => Promise<unknown>;

async function discoverActions(): Promise<Map<string, Callable>> {
  const found = new Map<string, Callable>();
  for (const file of fs.readdirSync(ACTIONS_DIR).sort()) {
    if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
    const mod = (await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") found.set(`${file.replace(/\.ts$/, "")}#${name}`, value as Callable);
    }
  }
  return found;
}

function routeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full));
    else if (entry.name === "route.ts") out.push(full);
  }
  return out.sort();
}

async function discoverRoutes(): Promise<Map<string, Callable & { access?: unknown }>> {
  const found = new Map<string, Callable & { access?: unknown }>();
  for (const file of routeFiles(APP_DIR)) {
    const mod = (await import(file)) as Record<string, unknown>;
    const where = path.relative(APP_DIR, path.dirname(file)).split(path.sep).join("/");
    for (const method of METHODS) {
      if (typeof mod[method] === "function") found.set(`${where} ${method}`, mod[method] as Callable);
    }
  }
  return found;
}

type Outcome = { ok: boolean; code?: string };

describe("role matrix: every action and route × owner/admin/operator/viewer × own/other workspace", () => {
  let database: TestDatabase;
  let db: Db;
  let actions: Map<string, Callable>;
  let routes: Map<string, Callable & { access?: unknown }>;
  const me = { id: "", email: "" };
  let own = { workspaceId: "", channelId: "" };
  let other = { workspaceId: "", channelId: "" };

  beforeAll(async () => {
    database = await createPgliteTestDb();
    db = database.handle.db as Db;
    state.db = db;
    own = await seedChannel(db);
    other = await seedChannel(db);
    const [user] = await db.insert(users).values({ email: "matrix@example.com", name: "Matrix" }).returning();
    me.id = user!.id;
    me.email = user!.email;
    // Each workspace keeps an owner of its own, so leaving is possible for the user under test.
    const [keeper] = await db.insert(users).values({ email: "keeper@example.com" }).returning();
    await db.insert(memberships).values([
      { workspaceId: own.workspaceId, userId: keeper!.id, role: "owner" },
      { workspaceId: other.workspaceId, userId: keeper!.id, role: "owner" },
    ]);
    actions = await discoverActions();
    routes = await discoverRoutes();
  }, 120_000);
  afterAll(async () => {
    state.user = null;
    await database?.drop();
  });

  /**
   * Signs the user in afresh with `role` in their own workspace; the session names `where`: their
   * own workspace, or the other one (where they are not a member: a stale or forged session).
   */
  async function signIn(role: Role, where: "own" | "other") {
    await db.delete(memberships).where(eq(memberships.userId, me.id));
    await db.insert(memberships).values({ workspaceId: own.workspaceId, userId: me.id, role });
    const sessionId = await startSession(db, me.id, { maxAgeMs: 3_600_000 });
    await db.delete(sessionWorkspaces).where(eq(sessionWorkspaces.sessionId, sessionId));
    state.user = {
      id: me.id,
      email: me.email,
      sessionId,
      workspaceId: where === "own" ? own.workspaceId : other.workspaceId,
    };
  }

  async function callAction(action: Callable): Promise<Outcome> {
    const result = (await action({})) as { ok: boolean; code?: string } | undefined;
    return { ok: Boolean(result?.ok), code: result?.code };
  }

  async function callRoute(key: string, handler: Callable): Promise<number> {
    const [where, method] = key.split(" ") as [string, string];
    const url = `http://localhost:3000/${where.replace(/\[\.\.\.[^\]]+\]/g, "x").replace(/\[[^\]]+\]/g, crypto.randomUUID())}`;
    const request = new Request(url, {
      method,
      headers: { host: "localhost:3000", origin: "http://localhost:3000" },
      body: method === "GET" ? undefined : "x",
    });
    const context = { params: Promise.resolve({ id: crypto.randomUUID(), path: ["x"], nextauth: ["session"] }) };
    const response = (await handler(request, context)) as Response;
    await response.body?.cancel().catch(() => {});
    return response.status;
  }

  it("lists every server action, and only those, in the table", () => {
    const found = [...actions.keys()].sort();
    const missing = found.filter((k) => !(k in ACTIONS));
    const gone = Object.keys(ACTIONS).filter((k) => !actions.has(k));
    expect(missing, "actions with no row in ACTIONS: give each a capability (authedAction) and a row").toEqual([]);
    expect(gone, "rows in ACTIONS for actions that no longer exist").toEqual([]);
    // Where the export is authedAction's own function, the capability it declares is the table's.
    for (const [key, action] of actions) {
      const declared = (action as { capability?: Capability }).capability;
      if (declared) expect(declared, key).toBe(ACTIONS[key]);
    }
  });

  it("lists every route handler, and only those, in the table, with the access it declares", () => {
    const found = [...routes.keys()].sort();
    const missing = found.filter((k) => !(k in ROUTES));
    const gone = Object.keys(ROUTES).filter((k) => !routes.has(k));
    expect(missing, "route handlers with no row in ROUTES: wrap each in jsonRoute with its access").toEqual([]);
    expect(gone, "rows in ROUTES for handlers that no longer exist").toEqual([]);
    for (const [key, handler] of routes) {
      const rule = ROUTES[key]!;
      if ("public" in rule) expect(handler.access, `${key} is listed public but declares access`).toBeUndefined();
      else expect(handler.access, key).toEqual(rule);
    }
  });

  for (const role of ROLES) {
    it(`${role}: each action is refused (403) exactly when the role lacks its capability`, async () => {
      const wrong: string[] = [];
      for (const [key, action] of actions) {
        const rule = ACTIONS[key];
        if (!rule || rule === "public") continue;
        await signIn(role, "own");
        const outcome = await callAction(action);
        const allowed = can(role, rule);
        const refused = outcome.code === "FORBIDDEN" || outcome.code === "UNAUTHENTICATED";
        if (allowed === refused)
          wrong.push(`${key} (${rule}): ${allowed ? "refused" : "allowed"} (${outcome.code ?? "ok"})`);
      }
      expect(wrong).toEqual([]);
    }, 300_000);

    it(`${role}: each route answers 403 exactly when the role lacks its capability`, async () => {
      const wrong: string[] = [];
      for (const [key, handler] of routes) {
        const rule = ROUTES[key]!;
        if (!("capability" in rule)) continue;
        await signIn(role, "own");
        const status = await callRoute(key, handler);
        const allowed = can(role, rule.capability);
        const refused = status === 403 || status === 401;
        if (allowed === refused) wrong.push(`${key} (${rule.capability}): ${status}`);
      }
      expect(wrong).toEqual([]);
    }, 300_000);

    it(`${role}: a session naming a workspace the user is not a member of is refused everywhere`, async () => {
      const wrong: string[] = [];
      for (const [key, action] of actions) {
        const rule = ACTIONS[key];
        if (!rule || rule === "public") continue;
        await signIn(role, "other");
        const outcome = await callAction(action);
        if (outcome.code !== "FORBIDDEN") wrong.push(`${key}: ${outcome.code ?? "ok"}`);
      }
      for (const [key, handler] of routes) {
        const rule = ROUTES[key]!;
        if (!("capability" in rule)) continue;
        await signIn(role, "other");
        const status = await callRoute(key, handler);
        if (status !== 403) wrong.push(`${key}: ${status}`);
      }
      expect(wrong).toEqual([]);
    }, 300_000);
  }

  it("API-key routes ignore the session: 401 without a key for every role", async () => {
    for (const role of ROLES) {
      for (const [key, handler] of routes) {
        if (!("authenticatedBy" in ROUTES[key]!)) continue;
        await signIn(role, "own");
        expect(await callRoute(key, handler), key).toBe(401);
      }
    }
  });

  it("an owner cannot reach another workspace's objects by id (404, nothing changed)", async () => {
    await signIn("owner", "own");
    const run = actions.get("run-actions#runNowAction")!;
    expect(await run({ channelId: other.channelId, operation: "get_orders" })).toMatchObject({ code: "NOT_FOUND" });
    const pause = actions.get("channel-actions#setChannelPausedAction")!;
    expect(await pause({ channelId: other.channelId, paused: true })).toMatchObject({ code: "NOT_FOUND" });
    const remove = actions.get("channel-delete-actions#deleteChannelAction")!;
    expect(await remove({ channelId: other.channelId, confirmName: "Test channel", orders: "delete" })).toMatchObject({
      code: "NOT_FOUND",
    });
    const status = routes.get("api/channels/[id]/status GET")!;
    const response = (await status(new Request(`http://localhost/api/channels/${other.channelId}/status`), {
      params: Promise.resolve({ id: other.channelId }),
    })) as Response;
    expect(response.status).toBe(404);
    // Its own channel answers.
    const mine = (await status(new Request(`http://localhost/api/channels/${own.channelId}/status`), {
      params: Promise.resolve({ id: own.channelId }),
    })) as Response;
    expect(mine.status).toBe(200);
  });

  it("a changed role takes effect at the next call, without signing in again", async () => {
    await signIn("owner", "own");
    const createSet = actions.get("mapping-actions#createMappingSetAction")!;
    expect(await createSet({ name: "Carriers" })).toMatchObject({ ok: true });
    await db.update(memberships).set({ role: "viewer" }).where(eq(memberships.userId, me.id));
    expect(await createSet({ name: "Carriers 2" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    await db.delete(memberships).where(eq(memberships.userId, me.id));
    // Removed from their only workspace: the next call is refused (it was meant for that workspace).
    expect(await createSet({ name: "Carriers 3" })).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});
