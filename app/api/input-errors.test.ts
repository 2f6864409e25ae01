import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { createPgliteTestDb, type TestDatabase } from "@/db/testing/databases";
import { listCatalog } from "@/lib/catalog/list";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { createApiKey } from "@/lib/shipments/api-keys";

/**
 * The route handlers' answers to hostile input: malformed ids, control characters, oversized
 * bodies and cross-site posts get a 4xx with a plain message, never a 500, and change nothing.
 */

const state = vi.hoisted(() => ({ db: undefined as unknown, workspaceId: null as string | null }));
vi.mock("@/db/index", () => ({ getDb: async () => state.db }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/server/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    requireApiSession: async () => {
      if (!state.workspaceId) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
      return {
        userId: "u",
        email: "u@example.com",
        name: null,
        workspaceId: state.workspaceId,
        sessionId: "s",
        role: "owner",
      };
    },
  };
});

const { GET: runRoute } = await import("./runs/[id]/route");
const { GET: unmatchedRoute } = await import("./runs/[id]/unmatched/route");
const { GET: previewRoute } = await import("./channels/[id]/preview-orders/route");
const { GET: retentionRoute } = await import("./channels/[id]/retention-count/route");
const { POST: shipmentsRoute } = await import("./shipments/route");
const { POST: importRoute } = await import("./catalog/import/route");

const NOT_A_UUID = "------------------------------------"; // 36 characters
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const SESSION_COOKIE = "authjs.session-token=eyJhbGciOi.stub";

describe("route handlers refuse bad input with a 4xx", () => {
  let database: TestDatabase;
  let key = "";
  let scope = { workspaceId: "", channelId: "" };
  beforeAll(async () => {
    database = await createPgliteTestDb();
    state.db = database.handle.db as Db;
    scope = await seedChannel(state.db as Db);
    state.workspaceId = scope.workspaceId;
    ({ key } = await createApiKey(state.db as Db, { workspaceId: scope.workspaceId, name: "t" }));
    await (state.db as Db)
      .insert(orders)
      .values({ ...scope, sellercloudOrderId: 8_200_001, raw: {}, contentHash: "x" });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("answers 404 for a 36-character id that is not a uuid", async () => {
    const url = (path: string) => new Request(`http://localhost${path}`);
    for (const response of [
      await runRoute(url(`/api/runs/${NOT_A_UUID}`), params(NOT_A_UUID)),
      await unmatchedRoute(url(`/api/runs/${NOT_A_UUID}/unmatched`), params(NOT_A_UUID)),
      await previewRoute(url(`/api/channels/${NOT_A_UUID}/preview-orders`), params(NOT_A_UUID)),
      await retentionRoute(url(`/api/channels/${NOT_A_UUID}/retention-count`), params(NOT_A_UUID)),
    ]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/was not found/);
    }
  });

  const postShipment = (body: string, headers: Record<string, string> = {}) =>
    shipmentsRoute(
      new Request("http://localhost/api/shipments", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}`, ...headers },
        body,
      }),
      undefined,
    );

  it("answers 422 naming the field for a NUL byte in a shipment's carrier", async () => {
    const response = await postShipment(
      JSON.stringify({ orderNumber: "8200001", carrier: "UPS\u0000", trackingNumbers: ["NUL-1"] }),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors.carrier).toMatch(
      /control character/,
    );
  });

  it("answers 413 for a body over the cap, declared or not", async () => {
    const big = JSON.stringify({ orderNumber: "8200001", carrier: "x".repeat(300 * 1024), trackingNumbers: ["B-1"] });
    const declared = await postShipment(big, { "content-length": String(big.length) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/larger than 256 KB/);
    const chunked = await postShipment(big);
    expect(chunked.status).toBe(413);
  });

  it("keeps the shipments API callable server to server (API key, no cookie) whatever the Origin", async () => {
    const response = await postShipment(
      JSON.stringify({ orderNumber: "8200001", carrier: "UPS", trackingNumbers: ["S2S-1"] }),
      { origin: "https://warehouse.example" },
    );
    expect(response.status).toBe(201);
  });

  const importRequest = (headers: Record<string, string>) =>
    new Request(
      `http://localhost:3000/api/catalog/import?mapping=${encodeURIComponent(JSON.stringify({ sku: "SKU", title: "Name" }))}`,
      { method: "POST", headers: { host: "localhost:3000", ...headers }, body: "SKU,Name\nCSRF-1,Forged" },
    );

  it("refuses a cookie-authenticated post from another site (403) and imports nothing", async () => {
    for (const headers of <Array<Record<string, string>>>[
      { cookie: SESSION_COOKIE, origin: "https://evil.example" },
      { cookie: SESSION_COOKIE, origin: "null" },
      { cookie: SESSION_COOKIE }, // no Origin and no Sec-Fetch-Site: not provably ours
    ]) {
      const response = await importRoute(importRequest(headers), undefined);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/another site/);
    }
    expect((await listCatalog(state.db as Db, scope.workspaceId)).total).toBe(0);
    const same = await importRoute(
      importRequest({ cookie: SESSION_COOKIE, origin: "http://localhost:3000" }),
      undefined,
    );
    expect(same.status).toBe(200);
    expect((await listCatalog(state.db as Db, scope.workspaceId)).rows.map((r) => r.sku)).toEqual(["CSRF-1"]);
  });

  it("refuses a catalog upload declared over 100 MB before reading it", async () => {
    const response = await importRoute(
      importRequest({ "content-length": String(101 * 1024 * 1024), origin: "http://localhost:3000" }),
      undefined,
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/The file is larger than 100 MB/);
  });
});
