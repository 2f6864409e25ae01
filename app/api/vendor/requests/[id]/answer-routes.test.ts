/**
 * The vendor API's acknowledge and reject routes take an optional body: a POST with no body at all
 * (curl -X POST without -d: no body, no Content-Length) means "every open line", so it reaches the
 * request lookup (404 for a request that is not there) instead of being refused as a malformed body (422).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { createPgliteTestDb, type TestDatabase } from "@/db/testing/databases";
import { seedVendor } from "@/lib/operations/submit-to-vendors/test-helpers";
import { seedChannel } from "@/lib/operations/testing/fixtures";

const holder: { db?: Db } = {};
vi.mock("@/db", () => ({ getDb: async () => holder.db }));
vi.mock("@/lib/server/session", () => ({ requireApiSession: vi.fn() }));

const routes = {
  acknowledge: (await import("./acknowledge/route")).POST,
  reject: (await import("./reject/route")).POST,
};

describe("vendor API answer routes with no body", () => {
  let database: TestDatabase;
  let authorization = "";
  beforeAll(async () => {
    database = await createPgliteTestDb();
    holder.db = database.handle.db;
    const { workspaceId } = await seedChannel(holder.db);
    const { key } = await seedVendor(holder.db, workspaceId, { name: "Acme", code: "acme", deliveryMethod: "pull" });
    authorization = `Bearer ${key}`;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const id = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
  const bodiless = (kind: string) =>
    new Request(`http://localhost/api/vendor/requests/${id}/${kind}`, { method: "POST", headers: { authorization } });
  const emptyStream = (kind: string) =>
    new Request(`http://localhost/api/vendor/requests/${id}/${kind}`, {
      method: "POST",
      headers: { authorization },
      body: new ReadableStream({ start: (c) => c.close() }),
      duplex: "half",
    } as RequestInit);
  const params = { params: Promise.resolve({ id }) };

  it("acknowledge: no body, or an empty streamed one without Content-Length, means every line (404 here: no such request)", async () => {
    expect((await routes.acknowledge(bodiless("acknowledge"), params)).status).toBe(404);
    expect((await routes.acknowledge(emptyStream("acknowledge"), params)).status).toBe(404);
  });

  it("reject: an empty body is refused for its missing reason, not as a body that is not an object", async () => {
    for (const request of [bodiless("reject"), emptyStream("reject")]) {
      const response = await routes.reject(request, params);
      expect(response.status).toBe(422);
      const answer = (await response.json()) as { fieldErrors?: Record<string, string> };
      expect(Object.keys(answer.fieldErrors ?? {})).not.toContain("_body");
    }
  });
});
