/**
 * The in-app sandbox's tenants, through the SellerCloud client (its fetch replaced by the tenants'
 * Web handler, as the app's /sandbox-api route serves them): one tenant per workspace login, a
 * shipment in one never seen by another, orders kept recent as the clock moves, reset, LRU bound.
 */

import { describe, expect, it } from "vitest";
import { SellerCloudClient } from "../client";
import { OrderStatus, ShippingStatus } from "../enums";
import { unlimited } from "../http";
import { TokenCache } from "../token-cache";
import type { ScOrder } from "../transform-orders";
import { type SandboxLogin, SandboxTenants, SHARED_SANDBOX_LOGIN, sandboxLoginFor, tenantSlugOf } from "./tenants";

const DAY = 86_400_000;
const SECRET = "test-secret-for-sandbox-tenants";
const BASE = "http://app.test/sandbox-api/rest";

function world(options: { maxTenants?: number } = {}) {
  const clock = { now: Date.parse("2026-03-02T15:00:00Z") };
  const tenants = new SandboxTenants({
    basePath: "/sandbox-api",
    secret: () => SECRET,
    maxTenants: options.maxTenants,
    tenantOptions: { orders: 100, products: 50, seed: 5, now: () => clock.now },
  });
  const client = (login: SandboxLogin) =>
    new SellerCloudClient({
      baseUrl: BASE,
      ...login,
      limiter: unlimited,
      tokenCache: new TokenCache(),
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxRetries: 1 },
      fetch: (input, init) => tenants.fetch(new Request(input as string, init)),
    });
  return { clock, tenants, client };
}

/** Orders created in the `days` before the clock, as Get Orders asks for them. */
async function recentOrders(c: SellerCloudClient, now: number, days: number) {
  const page = await c.getOrdersPage(
    { companyId: 1, createdFrom: new Date(now - days * DAY), createdTo: new Date(now + DAY), pageSize: 50 },
    1,
  );
  return page;
}

/** Marks the order Fully Shipped with one tracking number, shipped when it was created. */
function ship(c: SellerCloudClient, order: ScOrder) {
  return c.updateShippingStatus({
    orderId: order.id,
    carrier: "UPS",
    service: "UPS Ground",
    shipDate: order.createdOn!,
    trackingNumber: "1Z999AA10123456784",
  });
}

describe("sandbox tenants", () => {
  const alice = sandboxLoginFor("11111111-1111-4111-8111-111111111111", SECRET);
  const bob = sandboxLoginFor("22222222-2222-4222-8222-222222222222", SECRET);

  it("derives a stable, distinct login per workspace", () => {
    expect(alice.username).toMatch(/^sandbox\+[0-9a-f]{16}@conduit\.local$/);
    expect(sandboxLoginFor("11111111-1111-4111-8111-111111111111", SECRET)).toEqual(alice);
    expect(bob.username).not.toBe(alice.username);
    expect(bob.password).not.toBe(alice.password);
    expect(sandboxLoginFor("11111111-1111-4111-8111-111111111111", "another secret")).not.toEqual(alice);
    expect(tenantSlugOf(alice.username)).toHaveLength(16);
    expect(tenantSlugOf(SHARED_SANDBOX_LOGIN.username)).toBeNull();
  });

  it("keeps one workspace's shipment out of another workspace's sandbox", async () => {
    const { tenants, client } = world();
    const a = client(alice);
    const b = client(bob);
    const { items } = await recentOrders(a, Date.parse("2026-03-02T15:00:00Z"), 10);
    const order = items.find((o) => o.statusCode === OrderStatus.InProcess)!;
    await ship(a, order);
    const [inA] = (await a.getOrdersByIds([order.id])).orders;
    const [inB] = (await b.getOrdersByIds([order.id])).orders;
    expect(inA!.shippingStatus).toBe(ShippingStatus.FullyShipped);
    expect(inB!.shippingStatus).toBe(ShippingStatus.Unshipped);
    // The shared login sees neither tenant's writes either.
    const [shared] = (await client(SHARED_SANDBOX_LOGIN).getOrdersByIds([order.id])).orders;
    expect(shared!.shippingStatus).toBe(ShippingStatus.Unshipped);
    expect(tenants.size).toBe(2);
  });

  it("refuses a tenant username with another workspace's password, and creates no tenant for it", async () => {
    const { tenants } = world();
    const response = await tenants.fetch(
      new Request(`${BASE}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: alice.username, Password: bob.password }),
      }),
    );
    expect(response.status).toBe(401);
    expect(tenants.size).toBe(0);
  });

  it("keeps orders recent as the days pass: Get Orders' window still finds orders a month later", async () => {
    const { clock, client } = world();
    const a = client(alice);
    const start = clock.now;
    expect((await recentOrders(a, start, 8)).totalResults).toBeGreaterThan(30);
    clock.now = start + 30 * DAY;
    const later = await recentOrders(a, clock.now, 8);
    // 100 orders per 10 days keep arriving: about 80 in the 8-day window, about half of them in company 1.
    expect(later.totalResults).toBeGreaterThan(30);
    for (const order of later.items) expect(Date.parse(`${order.createdOn}Z`)).toBeLessThanOrEqual(clock.now);
  });

  it("resets a tenant to fresh data dated from now, shipments undone", async () => {
    const { clock, tenants, client } = world();
    const a = client(alice);
    const { items } = await recentOrders(a, clock.now, 10);
    const order = items.find((o) => o.statusCode === OrderStatus.InProcess)!;
    await ship(a, order);
    clock.now += 3 * DAY;
    expect(tenants.reset(alice)).toBe(true);
    const [after] = (await a.getOrdersByIds([order.id])).orders;
    expect(after!.shippingStatus).toBe(ShippingStatus.Unshipped);
    const fresh = await recentOrders(a, clock.now, 10);
    expect(fresh.totalResults).toBe((await recentOrders(client(bob), clock.now, 10)).totalResults);
    expect(tenants.reset(SHARED_SANDBOX_LOGIN)).toBe(false);
    expect(tenants.reset({ username: alice.username, password: "wrong" })).toBe(false);
  });

  it("keeps at most maxTenants in memory; a dropped tenant's client logs in again", async () => {
    const { tenants, client } = world({ maxTenants: 2 });
    const a = client(alice);
    await recentOrders(a, Date.now(), 1);
    await recentOrders(client(bob), Date.now(), 1);
    await recentOrders(client(sandboxLoginFor("33333333-3333-4333-8333-333333333333", SECRET)), Date.now(), 1);
    expect(tenants.size).toBe(2);
    expect(tenants.tenantOf(alice)).toBeUndefined();
    // Alice's token is unknown now: 401, a new login, a fresh tenant.
    await recentOrders(a, Date.now(), 1);
    expect(tenants.tenantOf(alice)).toBeDefined();
    expect(tenants.size).toBe(2);
  });
});
