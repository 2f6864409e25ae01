/**
 * The sandbox's route table as a client meets it (401 before 404, 405 for a known path asked
 * with another method, any-case paths, path parameters), and an API area's per-tenant state.
 */
import { describe, expect, it } from "vitest";
import { SandboxInstance } from "./server";
import { SandboxState } from "./state";

const EPOCH = Date.UTC(2026, 10, 1, 12, 0, 0);

async function call(
  sandbox: SandboxInstance,
  method: string,
  path: string,
  init: { token?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  const response = await sandbox.fetchHandler(
    new Request(`http://sandbox.local/rest${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe("sandbox route table", () => {
  const sandbox = new SandboxInstance({ products: 20, orders: 10, now: () => EPOCH });
  const login = () =>
    call(sandbox, "POST", "/api/token", { body: sandbox.credentials }).then((r) => String(r.body?.access_token));

  it("asks for a token before saying a path is unknown, as SellerCloud does", async () => {
    expect((await call(sandbox, "GET", "/api/Nowhere")).status).toBe(401);
    expect((await call(sandbox, "GET", "/api/Orders")).status).toBe(401);
    const token = await login();
    const unknown = await call(sandbox, "GET", "/api/Nowhere", { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body?.Message).toBe("No HTTP resource was found that matches the request URI '/api/Nowhere'.");
  });

  it("answers 405 for a known path asked with another method (the login without a token)", async () => {
    const tokenGet = await call(sandbox, "GET", "/api/token");
    expect(tokenGet.status).toBe(405);
    expect(tokenGet.body?.Message).toBe("The requested resource does not support http method 'GET'.");
    const token = await login();
    expect((await call(sandbox, "POST", "/api/Orders", { token, body: {} })).status).toBe(405);
    expect((await call(sandbox, "GET", "/api/Orders/5000001/Shipping/Packages", { token })).status).toBe(405);
  });

  it("matches paths in any case, with a trailing slash, and reads path parameters", async () => {
    const token = await login();
    const list = await call(sandbox, "GET", "/API/orders/?pageSize=2", { token });
    expect(list.status).toBe(200);
    expect(list.body?.Items).toHaveLength(2);
    const single = await call(sandbox, "GET", "/api/Orders/5000003", { token });
    expect(single.body?.OrderID).toBe(5000003);
    const missing = await call(sandbox, "GET", "/api/Orders/4", { token });
    expect(missing).toEqual({ status: 404, body: { Message: "Order 4 was not found." } });
    expect((await call(sandbox, "GET", "/api/Orders/abc", { token })).status).toBe(404);
  });
});

describe("an API area's own state", () => {
  const area = { name: "test-counter", createState: () => ({ hits: 0 }) };

  it("is made on first use, kept per tenant, and dropped by a reset", () => {
    const one = new SandboxState({ products: 5, orders: 5, now: () => EPOCH });
    const two = new SandboxState({ products: 5, orders: 5, now: () => EPOCH });
    one.areaState(area).hits += 2;
    expect(one.areaState(area).hits).toBe(2);
    expect(two.areaState(area).hits).toBe(0);
    one.reset();
    expect(one.areaState(area).hits).toBe(0);
  });
});
