import { beforeEach, describe, expect, it, vi } from "vitest";

const settings = { sandboxEnabled: true, authSecret: "route-test-secret" };
vi.mock("@/lib/env", () => ({ env: () => settings }));

const { GET, POST } = await import("./route");
const { sandboxLoginFor } = await import("@/lib/sellercloud/sandbox/tenants");

const base = "http://app.test/sandbox-api/rest";

describe("sandbox mount", () => {
  beforeEach(() => {
    settings.sandboxEnabled = true;
  });

  it("serves a working SellerCloud stand-in: log in, then list companies", async () => {
    const login = await POST(
      new Request(`${base}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: "sandbox@conduit.local", Password: "sandbox" }),
      }),
    );
    expect(login.status).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const companies = await GET(
      new Request(`${base}/api/Companies`, { headers: { Authorization: `Bearer ${token}` } }),
    );
    expect(companies.status).toBe(200);
    expect(JSON.stringify(await companies.json())).toContain("Conduit Demo Co");
  });

  it("logs a workspace in to its own tenant with the login 'Use the sandbox' fills", async () => {
    const login = sandboxLoginFor("0b8a6a52-5d3e-4a53-9d0c-3f0e1f7f3a11", settings.authSecret);
    const response = await POST(
      new Request(`${base}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: login.username, Password: login.password }),
      }),
    );
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const orders = await GET(
      new Request(`${base}/api/Orders?model.companyID=1&model.pageSize=1`, {
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(orders.status).toBe(200);
    expect(((await orders.json()) as { TotalResults: number }).TotalResults).toBeGreaterThan(0);
  });

  it("refuses the wrong password", async () => {
    const login = await POST(
      new Request(`${base}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: "sandbox@conduit.local", Password: "nope" }),
      }),
    );
    expect(login.status).toBe(401);
  });

  it("does not exist when the sandbox is disabled", async () => {
    settings.sandboxEnabled = false;
    const response = await GET(new Request(`${base}/api/Companies`));
    expect(response.status).toBe(404);
  });
});
