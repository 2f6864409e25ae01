import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema/orders";
import { createPgliteTestDb, type TestDatabase } from "@/db/testing/databases";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { createApiKey } from "@/lib/shipments/api-keys";

// The route reads the app's database through getDb; point it at a throwaway one.
const holder: { db?: Db } = {};
vi.mock("@/db", () => ({ getDb: async () => holder.db }));
// The route authenticates by API key only; keep next-auth (and its Next.js imports) out of the test.
vi.mock("@/lib/server/session", () => ({ requireApiSession: vi.fn() }));

const { POST } = await import("./route");

describe("POST /api/shipments route", () => {
  let database: TestDatabase;
  let key = "";
  let theirs = 0;
  beforeAll(async () => {
    database = await createPgliteTestDb();
    holder.db = database.handle.db;
    const mine = await seedChannel(holder.db);
    const other = await seedChannel(holder.db);
    ({ key } = await createApiKey(holder.db, { workspaceId: mine.workspaceId, name: "route test" }));
    await holder.db.insert(orders).values([
      { ...mine, sellercloudOrderId: 8_100_001, raw: {}, contentHash: "x" },
      { ...other, sellercloudOrderId: 8_100_002, raw: {}, contentHash: "x" },
    ]);
    theirs = 8_100_002;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const post = (body: unknown, authorization?: string) =>
    POST(
      new Request("http://localhost/api/shipments", {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      undefined,
    );
  const valid = { orderNumber: "8100001", carrier: "UPS", trackingNumbers: ["ROUTE-1"] };

  it("answers 401 without a key and with a bad one", async () => {
    expect((await post(valid)).status).toBe(401);
    const response = await post(valid, "Bearer cdt_nope");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("checks the key first, also for a signed-in browser's cookie POST without an Origin (401, not 403)", async () => {
    const response = await POST(
      new Request("http://localhost/api/shipments", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: "authjs.session-token=abc" },
        body: JSON.stringify(valid),
      }),
      undefined,
    );
    expect(response.status).toBe(401);
  });

  it("answers 404 for another workspace's order, exactly as for an unknown one", async () => {
    const response = await post({ ...valid, orderNumber: String(theirs) }, `Bearer ${key}`);
    expect(response.status).toBe(404);
    const unknown = await post({ ...valid, orderNumber: "999999991" }, `Bearer ${key}`);
    expect(unknown.status).toBe(404);
    const [a, b] = [(await response.json()) as { error: string }, (await unknown.json()) as { error: string }];
    expect(a.error.replace(String(theirs), "N")).toBe(b.error.replace("999999991", "N"));
  });

  it("answers 422 with field messages for bad input, including a body that is not JSON", async () => {
    const response = await post({ orderNumber: "8100001", carrier: "", trackingNumbers: [] }, `Bearer ${key}`);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { carrier: "Enter the carrier", trackingNumbers: "Enter at least one tracking number" },
    });
    expect((await post("{not json", `Bearer ${key}`)).status).toBe(422);
  });

  it("answers 201 with the pending shipment", async () => {
    const response = await post(valid, `Bearer ${key}`);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      // Tracking numbers are stored normalised (spaces and dashes removed, upper case: issue 13 §5).
      shipment: { sellercloudOrderId: 8_100_001, trackingNumbers: ["ROUTE1"], syncState: "pending" },
    });
  });
});
