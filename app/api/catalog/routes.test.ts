import { beforeEach, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { runEvents } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { listCatalog } from "@/lib/catalog/list";
import { enqueueRun } from "@/lib/operations/enqueue";
import { seedChannel } from "@/lib/operations/testing/fixtures";

/**
 * The catalog's route handlers end to end, minus the browser: the session is stubbed (which
 * workspace is signed in), the database is real. Checks that every route answers only for the
 * signed-in workspace and that the import reads a streamed body.
 */

const state = vi.hoisted(() => ({ db: undefined as unknown, workspaceId: null as string | null }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/server/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireApiSession: async () => {
      if (!state.workspaceId) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      return { userId: "u", email: "u@example.com", name: null, workspaceId: state.workspaceId, role: "owner" };
    },
  };
});

const { POST: importRoute } = await import("./import/route");
const { GET: exportRoute } = await import("./export/route");
const { GET: unmatchedRoute } = await import("../runs/[id]/unmatched/route");
const { GET: invalidCodesRoute } = await import("../runs/[id]/invalid-codes/route");

const MAPPING = encodeURIComponent(JSON.stringify({ sku: "SKU", title: "Name", price: "Price" }));

/** A request body that arrives in small chunks, as a large upload does. */
function streamedBody(text: string, chunkSize = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

function importRequest(body: string, mapping = MAPPING) {
  return new Request(`http://localhost/api/catalog/import?mapping=${mapping}`, {
    method: "POST",
    body: streamedBody(body),
    duplex: "half",
  } as RequestInit);
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describeEachDb("catalog route handlers", (ctx) => {
  let a = { workspaceId: "", channelId: "" };
  let b = { workspaceId: "", channelId: "" };

  beforeEach(() => {
    state.db = ctx.db as Db;
    state.workspaceId = a.workspaceId || null;
  });

  it("answers 401 without a session", async () => {
    state.workspaceId = null;
    expect((await importRoute(importRequest("SKU\nX-1"), undefined)).status).toBe(401);
    expect((await exportRoute(new Request("http://localhost/api/catalog/export"), undefined)).status).toBe(401);
    const unmatched = await unmatchedRoute(
      new Request("http://localhost/x"),
      params("00000000-0000-0000-0000-000000000000"),
    );
    expect(unmatched.status).toBe(401);
    const invalid = await invalidCodesRoute(
      new Request("http://localhost/x"),
      params("00000000-0000-0000-0000-000000000000"),
    );
    expect(invalid.status).toBe(401);
  });

  it("imports a streamed upload into the signed-in workspace, keeping valid rows and reporting bad ones", async () => {
    a = await seedChannel(ctx.db);
    b = await seedChannel(ctx.db);
    state.workspaceId = a.workspaceId;
    const csv = ["SKU,Name,Price", "W-1,Widget,12.50", "W-2,Gadget,abc", "W-3,Gizmo,$1,000.00", ",No SKU,1"].join("\n");
    const response = await importRoute(importRequest(csv), undefined);
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({ rows: 4, created: 1, rejected: 3, errorCount: 3 });
    expect(result.errors[0]).toMatchObject({ row: 3, column: "Price" });
    expect((await listCatalog(ctx.db, a.workspaceId)).rows.map((r) => r.sku)).toEqual(["W-1"]);
    expect((await listCatalog(ctx.db, b.workspaceId)).total).toBe(0);

    const again = await (await importRoute(importRequest(csv), undefined)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it("refuses an import without a usable mapping, or whose mapping does not fit the file", async () => {
    const missing = await importRoute(importRequest("SKU\nX-1", ""), undefined);
    expect(missing.status).toBe(400);
    const wrong = await importRoute(importRequest("Code\nX-1"), undefined);
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).fieldErrors).toMatchObject({ sku: expect.stringContaining("no column") });
  });

  it("exports the signed-in workspace's catalog as a CSV download, and 404s another workspace's channel", async () => {
    const response = await exportRoute(
      new Request(`http://localhost/api/catalog/export?channelId=${a.channelId}`),
      undefined,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="catalog-.*\.csv"/);
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^W-1,W-1,Widget/);

    const foreign = await exportRoute(
      new Request(`http://localhost/api/catalog/export?channelId=${b.channelId}`),
      undefined,
    );
    expect(foreign.status).toBe(404);
  });

  it("serves a run's unmatched CSV only to its workspace, and only for Link Listings runs", async () => {
    const run = await enqueueRun(ctx.db, { ...a, operation: "link_listings", trigger: "manual" });
    const other = await enqueueRun(ctx.db, { ...a, operation: "get_orders", trigger: "manual" });
    if ("alreadyRunning" in run || "alreadyRunning" in other) throw new Error("unexpected active run");
    await ctx.db.insert(runEvents).values({
      workspaceId: a.workspaceId,
      runId: run.id,
      level: "warn",
      entity: "variant",
      entityId: "W-1",
      code: "unmatched",
      message: "No SellerCloud product of company 1 matches (tried SKU → ID).",
      details: { identifiers: { upc: "012345678905" } },
    });
    const own = await unmatchedRoute(new Request("http://localhost/x"), params(run.id));
    expect(own.status).toBe(200);
    expect((await own.text()).trim().split("\n")[1]).toMatch(/^W-1,unmatched,.*,012345678905,/);

    state.workspaceId = b.workspaceId;
    expect((await unmatchedRoute(new Request("http://localhost/x"), params(run.id))).status).toBe(404);
    state.workspaceId = a.workspaceId;
    expect((await unmatchedRoute(new Request("http://localhost/x"), params(other.id))).status).toBe(404);
    expect((await unmatchedRoute(new Request("http://localhost/x"), params("nope"))).status).toBe(404);
  });

  it("serves a run's invalid SellerCloud codes CSV only to its workspace, and only for Link Listings runs", async () => {
    const c = await seedChannel(ctx.db);
    state.workspaceId = c.workspaceId;
    const run = await enqueueRun(ctx.db, { ...c, operation: "link_listings", trigger: "manual" });
    const other = await enqueueRun(ctx.db, { ...c, operation: "get_orders", trigger: "manual" });
    if ("alreadyRunning" in run || "alreadyRunning" in other) throw new Error("unexpected active run");
    await ctx.db.insert(runEvents).values({
      workspaceId: c.workspaceId,
      runId: run.id,
      level: "warn",
      entity: "product",
      entityId: "UPC",
      code: "invalid_product_codes",
      message: "1 SellerCloud product(s) have a UPC that fails validation.",
      details: { field: "UPC", count: 1, products: [["SC-9", "012345678906", "has a wrong check digit (expected 5)"]] },
    });
    const own = await invalidCodesRoute(new Request("http://localhost/x"), params(run.id));
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toMatch(/link-listings-invalid-sellercloud-codes-/);
    expect((await own.text()).trim().split(/\r?\n/)).toEqual([
      "sellercloud_sku,field,value,reason",
      "SC-9,UPC,012345678906,has a wrong check digit (expected 5)",
    ]);

    state.workspaceId = b.workspaceId;
    expect((await invalidCodesRoute(new Request("http://localhost/x"), params(run.id))).status).toBe(404);
    state.workspaceId = c.workspaceId;
    expect((await invalidCodesRoute(new Request("http://localhost/x"), params(other.id))).status).toBe(404);
    expect((await invalidCodesRoute(new Request("http://localhost/x"), params("nope"))).status).toBe(404);
  });
});
