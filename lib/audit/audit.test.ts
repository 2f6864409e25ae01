import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { describeEachDb } from "@/db/testing/describe-db";
import { createDraft } from "@/lib/channels/channels";
import type { TestOutcome } from "@/lib/channels/connections";
import { type StepDeps, saveStep } from "@/lib/channels/save-step";
import { parseCredentialKeys } from "@/lib/env";
import { channelSnapshotChanges, readChannelAuditSnapshot } from "./channel-snapshot";
import { changesAsText, diffForAudit } from "./diff";
import { exportAuditCsv } from "./export";
import { readAuditFilter } from "./filters";
import { listAuditActors, listAuditEntries } from "./queries";
import { type AuditActor, recordAudit } from "./record";

const PASSWORD = "first-password-never-in-the-log";
const NEW_PASSWORD = "second-password-never-in-the-log";
const keys = parseCredentialKeys(`k1:${crypto.randomBytes(32).toString("base64")}`);
const connected: TestOutcome = { ok: true, kind: "connected", message: "Connected.", username: "me", companies: [] };
const deps: StepDeps = {
  keys,
  now: () => new Date("2026-01-05T10:00:00Z"),
  sellercloud: async () =>
    ({
      listCompanies: async () => [{ id: 1, name: "Main", isDefault: true, isDisabled: false }],
      listShippingCarriers: async () => [{ key: "UPS", name: "UPS" }],
      listShippingServices: async () => [
        { key: "UPS Ground", name: "UPS Ground" },
        { key: "UPS 2nd Day Air", name: "UPS 2nd Day Air" },
      ],
    }) as never,
  testConnection: async () => connected,
};

describe("diffForAudit", () => {
  it("keeps only what changed, as readable text, with secrets reading 'changed'", () => {
    const changes = diffForAudit(
      { name: "Main", orders: { orderStatus: "In Process", ageDays: 7 }, paused: false, password: "a" },
      { name: "Main", orders: { orderStatus: "Completed", ageDays: 7 }, paused: true, password: "b" },
      { secret: ["password"], labels: { orders: "Order settings" } },
    );
    expect(changes).toEqual([
      { field: "Order settings › Order status", before: "In Process", after: "Completed" },
      { field: "Paused", before: "No", after: "Yes" },
      { field: "Password", before: null, after: "changed" },
    ]);
    expect(changesAsText(changes)).toBe(
      "Order settings › Order status: In Process → Completed; Paused: No → Yes; Password: changed",
    );
  });

  it("reads a creation and a deletion against nothing", () => {
    expect(diffForAudit(null, { url: "https://a.example" })).toEqual([
      { field: "Url", before: null, after: "https://a.example" },
    ]);
    expect(diffForAudit({ tags: ["a", "b"] }, null)).toEqual([{ field: "Tags", before: "a, b", after: null }]);
  });

  it("reads filters from a query string and drops what it cannot use", () => {
    expect(readAuditFilter({ who: "a@x.test", objectType: "webhook", from: "2026-11-01", to: "nope" })).toEqual({
      filter: { who: "a@x.test", objectType: "webhook", from: "2026-11-01" },
      problems: ["to: Use a date like 2026-11-30"],
    });
    expect(readAuditFilter({ objectType: "secrets" }).filter).toEqual({});
  });
});

describeEachDb("audit log", (ctx) => {
  let ws: string;
  const alice: AuditActor = {
    userId: crypto.randomUUID(),
    label: "alice@shop.test",
    ip: "203.0.113.7",
    userAgent: "Firefox",
  };
  const bob: AuditActor = {
    userId: crypto.randomUUID(),
    label: "bob@shop.test",
    ip: "198.51.100.2",
    userAgent: "Safari",
  };

  beforeAll(async () => {
    const [row] = await ctx.db.insert(workspaces).values({ name: "Audited" }).returning();
    ws = row!.id;
  });

  it("records connection changes with credentials only as 'changed', and schedules and mappings readably", async () => {
    const draft = await createDraft(ctx.db, ws, { name: "Shop" });
    const save = (step: Parameters<typeof saveStep>[2]["step"], values: unknown) =>
      saveStep(ctx.db, deps, { workspaceId: ws, channelId: draft.id, step, values });
    await save("integration", { integrationType: "sellercloud" });
    const connect = { name: "SC", username: "me@shop.test", password: PASSWORD, serverId: "demo" };
    await save("connect", connect);
    await save("operations", { operations: ["get_orders", "sync_orders"] });
    await save("orders", { companyId: 1, ageDays: 7 });

    const before = await readChannelAuditSnapshot(ctx.db, ws, draft.id);
    await save("connect", { ...connect, username: "ops@shop.test", password: NEW_PASSWORD });
    await save("orders", { companyId: 1, ageDays: 14 });
    await save("shipping", {
      mappings: [{ conduitCarrier: "ups", sellercloudCarrier: "UPS", sellercloudService: "UPS Ground" }],
    });
    await save("schedules", {
      schedules: [
        { operation: "get_orders", schedule: { kind: "hourly", minute: 15 } },
        { operation: "sync_orders", schedule: { kind: "manual" } },
      ],
    });
    const after = await readChannelAuditSnapshot(ctx.db, ws, draft.id);
    const changes = channelSnapshotChanges(before, after!);
    expect(changes.map((c) => c.objectType)).toEqual(["channel", "connection", "schedule", "shipping_mapping"]);
    expect(changes[0]!.changes).toEqual([{ field: "Order settings › Age days", before: "7", after: "14" }]);
    const connection = changes.find((c) => c.objectType === "connection")!;
    expect(connection.changes).toEqual([
      { field: "Username", before: "me@shop.test", after: "ops@shop.test" },
      { field: "Password", before: null, after: "changed" },
    ]);
    expect(changes.find((c) => c.objectType === "schedule")!.changes[0]).toMatchObject({
      field: "Get Orders",
      before: "Manual only (runs when you click Run now)",
    });
    expect(changes.find((c) => c.objectType === "schedule")!.changes[0]!.after).toMatch(/15/);
    expect(changes.find((c) => c.objectType === "shipping_mapping")!.changes).toEqual([
      { field: "ups", before: null, after: "UPS / UPS Ground" },
    ]);
    for (const change of changes) {
      await recordAudit(ctx.db, ws, alice, { ...change, action: "updated" });
    }
    const logged = JSON.stringify(await listAuditEntries(ctx.db, ws, {}));
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain(NEW_PASSWORD);
    expect(logged).toContain("203.0.113.7");
  });

  it("filters by person, object and date, pages newest first, and exports formula-safe CSV", async () => {
    const [row] = await ctx.db.insert(workspaces).values({ name: "Filters" }).returning();
    const w = row!.id;
    const day = (d: string) => new Date(`2026-11-${d}T12:00:00Z`);
    await recordAudit(
      ctx.db,
      w,
      alice,
      { objectType: "webhook", objectId: "h1", objectLabel: "https://hooks.example/a", action: "created" },
      day("01"),
    );
    await recordAudit(
      ctx.db,
      w,
      bob,
      { objectType: "run", objectId: "r1", action: "started", summary: "Started Get Orders" },
      day("02"),
    );
    await recordAudit(
      ctx.db,
      w,
      alice,
      {
        objectType: "mapping_set",
        objectId: "m1",
        objectLabel: '=HYPERLINK("http://evil")',
        action: "updated",
        changes: [{ field: "Rows", before: "1", after: "2" }],
      },
      day("03"),
    );
    await recordAudit(ctx.db, ws, bob, { objectType: "run", objectId: "elsewhere", action: "started" }, day("02"));

    const ids = async (filter: Parameters<typeof listAuditEntries>[2]) =>
      (await listAuditEntries(ctx.db, w, filter)).entries.map((e) => e.objectId);
    expect(await ids({})).toEqual(["m1", "r1", "h1"]);
    expect(await ids({ who: "alice@shop.test" })).toEqual(["m1", "h1"]);
    expect(await ids({ objectType: "run" })).toEqual(["r1"]);
    expect(await ids({ from: "2026-11-02", to: "2026-11-02" })).toEqual(["r1"]);
    expect(await ids({ from: "2026-11-02" })).toEqual(["m1", "r1"]);
    expect(await listAuditActors(ctx.db, w)).toEqual(["alice@shop.test", "bob@shop.test"]);

    const first = await listAuditEntries(ctx.db, w, {}, { limit: 2 });
    expect(first.entries.map((e) => e.objectId)).toEqual(["m1", "r1"]);
    const second = await listAuditEntries(ctx.db, w, {}, { limit: 2, after: first.next! });
    expect(second.entries.map((e) => e.objectId)).toEqual(["h1"]);
    expect(second.next).toBeNull();

    const csv = await exportAuditCsv(ctx.db, w, { who: "alice@shop.test" });
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("time_utc,who,ip,user_agent,object_type,object_id,object,action,summary,changes");
    expect(lines).toHaveLength(3);
    expect(csv).toContain("2026-11-03T12:00:00.000Z,alice@shop.test,203.0.113.7,Firefox,Mapping set,m1,");
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain("Rows: 1 → 2");
    expect(csv).not.toContain("r1");
  });
});

describe("channel settings diffs in words", () => {
  it("writes link priority as pairs and names Round to .99 as people do", () => {
    const snapshot = (channel: Record<string, unknown>) => ({
      channelId: "c1",
      name: "Shop",
      channel,
      connectionId: null,
      connection: null,
      schedules: {},
      shippingMappings: {},
    });
    const changes = channelSnapshotChanges(
      snapshot({ pricing: { price: { roundTo99: false } } }),
      snapshot({
        link: {
          priority: [
            { listingField: "sku", sellercloudField: "ID" },
            { listingField: "upc", sellercloudField: "UPC" },
          ],
        },
        pricing: { price: { roundTo99: true } },
      }),
    );
    expect(changes[0]!.changes).toEqual([
      { field: "Pricing & quantity rules › Price › Round to .99", before: "No", after: "Yes" },
      { field: "Link settings › Priority", before: null, after: "SKU ↔ ID, UPC ↔ UPC" },
    ]);
  });
});
