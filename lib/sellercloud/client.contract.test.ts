import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SellerCloudClient, type SellerCloudClientOptions } from "./client";
import { isSellerCloudError, type SellerCloudError } from "./errors";
import { TokenCache, unlimited } from "./http";
import { type RunningSandbox, startSandbox } from "./sandbox/server";
import { DropshipStatus, OrderStatus, ShippingStatus } from "./enums";

/**
 * Contract tests: the real client against the sandbox over real HTTP, for every call the app
 * makes and every fault the sandbox can inject.
 */

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ products: 400, orders: 300, seed: 7 });
});

afterAll(async () => {
  await sandbox.close();
});

afterEach(() => {
  sandbox.faults.clear();
});

function client(overrides: Partial<SellerCloudClientOptions> = {}) {
  return new SellerCloudClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
    limiter: unlimited,
    tokenCache: new TokenCache(),
    retry: { baseDelayMs: 5, maxDelayMs: 20, throttleJitterMs: 5 },
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SellerCloudError> {
  try {
    await promise;
  } catch (error) {
    if (isSellerCloudError(error)) return error;
    throw error;
  }
  throw new Error("expected a SellerCloudError");
}

async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.items);
  return out;
}

const ago = (ms: number) => new Date(Date.now() - ms);

/** An In Process, unshipped order of company 1 that no other test has touched. */
function freshOrderId(): number {
  const dto = sandbox.state.addOrder({
    StatusCode: OrderStatus.InProcess,
    CompanyID: 1,
    CreatedOn: ago(3_600_000).toISOString().slice(0, 19),
  });
  return dto.ID as number;
}

describe("reads", () => {
  it("logs in and lists the companies with the default one marked", async () => {
    const sc = client();
    const { expiresAt } = await sc.login();
    expect(expiresAt).toBeGreaterThan(Date.now());
    const companies = await sc.listCompanies();
    expect(companies.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(companies.find((c) => c.isDefault)?.name).toBe("Conduit Demo Co");
    expect(companies.find((c) => c.id === 3)?.isDisabled).toBe(true);
    expect(sc.callsMade).toBe(2);
  });

  it("caps pages at 50 rows on the server even when asked for more", async () => {
    const sc = client();
    await sc.login();
    const token = (await (
      await fetch(`${sandbox.url}/api/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: sandbox.credentials.username, Password: sandbox.credentials.password }),
      })
    ).json()) as { access_token: string };
    const response = await fetch(`${sandbox.url}/api/Catalog?model.companyID=1&model.pageNumber=1&model.pageSize=200`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    const body = (await response.json()) as { Items: unknown[]; TotalResults: number };
    expect(body.Items).toHaveLength(50);
    expect(body.TotalResults).toBeGreaterThan(50);
  });

  it("pages the whole catalog of a company until TotalResults, with realistic identifiers", async () => {
    const sc = client();
    const pages = [];
    for await (const page of sc.catalogPages({ companyId: 1 })) pages.push(page);
    const products = pages.flatMap((p) => p.items);
    const total = pages[0]!.totalResults;
    expect(products).toHaveLength(total);
    expect(pages).toHaveLength(Math.ceil(total / 50));
    expect(new Set(products.map((p) => p.id)).size).toBe(total);
    expect(products.every((p) => p.companyId === 1)).toBe(true);
    expect(products.every((p) => /^SC-\d{6}$/.test(p.id))).toBe(true);
    expect(products.some((p) => p.upc === null)).toBe(true);
    expect(products.some((p) => p.gtin && p.gtin.length === 14)).toBe(true);
    expect(products.some((p) => p.asin?.startsWith("B0"))).toBe(true);
    expect(products.some((p) => p.manufacturerSku)).toBe(true);
    // EAN is not on catalog rows.
    expect(products.every((p) => p.ean === null)).toBe(true);
    expect(sc.callsMade).toBe(pages.length + 1);
  });

  it("filters the catalog by SKU and UPC, finding products that share a UPC", async () => {
    const sc = client();
    const bySku = await sc.getCatalogPage({ companyId: 1, pageNumber: 1, sku: "SC-000017" });
    const shared = sandbox.state.catalogRowAt(16).UPC as string;
    const byUpc = await sc.getCatalogPage({ companyId: 1, pageNumber: 1, upc: shared });
    const anyCompany = await collect(sc.catalogPages({ companyId: 2, upc: shared }));
    expect(bySku.items.map((p) => p.id)).toEqual(bySku.totalResults ? ["SC-000017"] : []);
    expect(byUpc.items.length + anyCompany.length).toBe(2);
  });

  it("reads EAN from inventory rows and filters by EAN", async () => {
    const sc = client();
    const rows = await collect(sc.inventoryPages({ companyId: 1 }));
    const withEan = rows.filter((r) => r.ean);
    expect(withEan.length).toBeGreaterThan(0);
    const target = withEan[0]!;
    const page = await sc.getInventoryPage({ companyId: 1, pageNumber: 1, ean: target.ean! });
    expect(page.items.map((r) => r.id)).toContain(target.id);
  });

  it("lists orders with status, dropship, company and created-on filters and a stable sort", async () => {
    const sc = client();
    const query = {
      companyId: 1,
      orderStatus: OrderStatus.InProcess,
      dropshipStatus: DropshipStatus.None,
      createdFrom: ago(7 * 86_400_000),
      createdTo: new Date(),
    };
    const pages = [];
    for await (const page of sc.ordersPages(query)) pages.push(page);
    const orders = pages.flatMap((p) => p.items);
    expect(orders.length).toBe(pages[0]!.totalResults);
    expect(orders.length).toBeGreaterThan(50);
    for (const order of orders) {
      expect(order.companyId).toBe(1);
      expect(order.statusCode).toBe(OrderStatus.InProcess);
      expect(order.dropshipStatus).toBe(DropshipStatus.None);
      expect(new Date(`${order.createdOn}Z`).getTime()).toBeGreaterThanOrEqual(query.createdFrom.getTime() - 60_000);
    }
    const ids = orders.map((o) => o.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const sample = orders[0]!;
    expect(sample.shippingAddress?.streetLine1).toBeTruthy();
    expect(sample.billingAddress?.city).toBeTruthy();
    expect(sample.items.length).toBeGreaterThan(0);
    expect(sample.items[0]!.weight).toBeGreaterThan(0);
    expect(sample.shipDate).toBeNull();
  });

  it("serves orders in every status", async () => {
    const sc = client();
    const statuses = new Set<number>();
    for await (const page of sc.ordersPages({ companyId: 1 })) for (const o of page.items) statuses.add(o.statusCode);
    for (const status of Object.values(OrderStatus)) expect(statuses).toContain(status);
  });

  it("fetches orders by id in the list shape, and the single DTO agrees on shared fields", async () => {
    const sc = client();
    const ids = [5_000_001, 5_000_002, 5_000_003];
    const { orders, invalid } = await sc.getOrdersByIds(ids);
    expect(invalid).toEqual([]);
    expect(orders.map((o) => o.id).sort()).toEqual(ids);
    const list = orders.find((o) => o.id === 5_000_002)!;
    const single = (await sc.getOrder(5_000_002))!;
    expect(single.source).toBe("single");
    for (const key of [
      "id",
      "companyId",
      "statusCode",
      "dropshipStatus",
      "orderSourceOrderId",
      "grandTotal",
      "taxTotal",
      "createdOn",
    ] as const) {
      expect(single[key]).toEqual(list[key]);
    }
    expect(single.items.map((i) => [i.id, i.productId, i.qty])).toEqual(
      list.items.map((i) => [i.id, i.productId, i.qty]),
    );
    expect(single.items.every((i) => i.weight === null && i.originalBasePrice === null)).toBe(true);
    expect(single.packages?.length).toBeGreaterThan(0);
    expect(await sc.getOrder(4_000_000)).toBeNull();
  });

  it("lists packages ({ Results, TotalResults }) and carriers with their services", async () => {
    const sc = client();
    const packages = await sc.getOrderPackages(5_000_001);
    expect(packages.length).toBeGreaterThan(0);
    expect(packages[0]!.items.length).toBeGreaterThan(0);
    const carriers = await sc.listShippingCarriers();
    expect(carriers.map((c) => c.key)).toEqual(expect.arrayContaining(["UPS", "FedEx", "USPS"]));
    const services = await sc.listShippingServices("UPS");
    expect(services.map((s) => s.key)).toContain("UPS Ground");
  });
});

describe("shipping writes", () => {
  it("marks an order Fully Shipped with one tracking number", async () => {
    const sc = client();
    const id = freshOrderId();
    await sc.updateShippingStatus({
      orderId: id,
      carrier: "UPS",
      service: "UPS Ground",
      shipDate: new Date(),
      trackingNumber: "1Z999AA10123456784",
    });
    const { orders } = await sc.getOrdersByIds([id]);
    expect(orders[0]!.shippingStatus).toBe(ShippingStatus.FullyShipped);
    expect(orders[0]!.trackingNumber).toBe("1Z999AA10123456784");
    expect(orders[0]!.allTrackingNumbers).toEqual(["1Z999AA10123456784"]);
    expect(orders[0]!.shipDate).not.toBeNull();
    const put = sandbox.requests.list({ path: "/api/Orders/ShippingStatus", method: "PUT" }).at(-1)!;
    expect(put.body).toMatchObject({ OrderID: id, ShippingCarrier: "UPS", ShippingService: "UPS Ground" });
  });

  it("refuses a ShipDate in the future or before the order was created, and unknown carriers", async () => {
    const sc = client();
    const id = freshOrderId();
    const future = await failure(
      sc.updateShippingStatus({
        orderId: id,
        carrier: "UPS",
        service: "UPS Ground",
        shipDate: new Date(Date.now() + 86_400_000),
      }),
    );
    expect(future.kind).toBe("bad_request");
    expect(future.status).toBe(400);
    expect(future.message).toMatch(/future/);
    const early = await failure(
      sc.updateShippingStatus({ orderId: id, carrier: "UPS", service: "UPS Ground", shipDate: ago(30 * 86_400_000) }),
    );
    expect(early.message).toMatch(/creation date/);
    const carrier = await failure(
      sc.updateShippingStatus({ orderId: id, carrier: "Pony Express", service: "Gallop", shipDate: new Date() }),
    );
    expect(carrier.message).toMatch(/carrier/i);
    expect((await sc.getOrdersByIds([id])).orders[0]!.shippingStatus).toBe(ShippingStatus.Unshipped);
  });

  it("puts a second tracking number on the second package with the SinglePackage field names", async () => {
    const sc = client();
    const id = freshOrderId();
    const order = sandbox.state.getOrder(id)!;
    const items = order.dto.Items as { ID: number; Qty: number }[];
    await sc.createShippingPackages(id, [
      { weight: 1, items: items.slice(0, 1).map((i) => ({ orderItemId: i.ID, qty: i.Qty })) },
      { weight: 1, items: items.slice(1).map((i) => ({ orderItemId: i.ID, qty: i.Qty })) },
    ]);
    const packages = await sc.getOrderPackages(id);
    expect(packages).toHaveLength(2);
    await sc.updateShippingStatus({
      orderId: id,
      carrier: "FedEx",
      service: "FedEx Ground",
      shipDate: new Date(),
      trackingNumber: "TRACK-1",
    });
    await sc.updateSinglePackageTracking({
      orderId: id,
      packageId: packages[1]!.id,
      trackingNumber: "TRACK-2",
      carrier: "FedEx",
      service: "FedEx Ground",
    });
    const after = (await sc.getOrdersByIds([id])).orders[0]!;
    expect(after.allTrackingNumbers).toEqual(["TRACK-1", "TRACK-2"]);
    expect(after.shippingStatus).toBe(ShippingStatus.FullyShipped);
    const put = sandbox.requests.list({ path: "/api/Orders/ShippingStatus/SinglePackage" }).at(-1)!;
    expect(Object.keys(put.body as object).sort()).toEqual([
      "CarrierName",
      "OrderID",
      "PackageID",
      "ShippingMethod",
      "TrackingNumber",
    ]);
  });
});

describe("faults", () => {
  it("waits out a throttle with RateLimitResetTime without using a retry", async () => {
    const sc = client();
    await sc.login();
    sandbox.faults.add({ kind: "throttle", path: "/api/Orders", resetMs: 150 });
    const started = Date.now();
    const page = await sc.getOrdersPage({ companyId: 1 }, 1);
    expect(page.items.length).toBe(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(sc.stats.throttleWaits).toBe(1);
    expect(sc.stats.retries).toBe(0);
  });

  it("treats a RateLimitResetTime body as throttling whatever the status", async () => {
    const sc = client({ retry: { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 5, throttleJitterMs: 1 } });
    sandbox.faults.add({ kind: "throttle", path: "/api/Catalog", status: 400, resetMs: 20, times: 3 });
    const page = await sc.getCatalogPage({ companyId: 1, pageNumber: 1 });
    expect(page.items).toHaveLength(50);
    expect(sc.stats.throttleWaits).toBe(3);
  });

  it.each([429, 503])("honours Retry-After on a %i", async (status) => {
    const sc = client({ retry: { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 5, throttleJitterMs: 1 } });
    sandbox.faults.add({ kind: "retryAfter", status, retryAfterSeconds: 0.05, path: "/api/Companies" });
    expect(await sc.listCompanies()).toHaveLength(3);
    expect(sc.stats.throttleWaits).toBe(1);
  });

  it("gives up on throttling after the configured total wait, in plain words", async () => {
    const sc = client({ retry: { maxThrottleWaitMs: 50, baseDelayMs: 5, maxDelayMs: 5, throttleJitterMs: 1 } });
    sandbox.faults.add({ kind: "throttle", path: "/api/Companies", resetMs: 40, times: -1 });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("throttled");
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/rate limit/);
  });

  it("answers over its configured hourly budget with a throttle body", async () => {
    const budget = await startSandbox({ products: 10, orders: 5, rateLimitPerHour: 3 });
    try {
      const sc = new SellerCloudClient({
        baseUrl: budget.url,
        username: budget.credentials.username,
        password: budget.credentials.password,
        tokenCache: new TokenCache(),
        retry: { maxThrottleWaitMs: 100 },
      });
      await sc.listCompanies();
      await sc.listCompanies();
      const error = await failure(sc.listCompanies());
      expect(error.kind).toBe("throttled");
      expect(budget.requests.list().at(-1)!.status).toBe(429);
    } finally {
      await budget.close();
    }
  });

  it("retries a 5xx on a read with backoff and succeeds", async () => {
    const sc = client();
    sandbox.faults.add({ kind: "error", status: 502, path: "/api/Orders", times: 2 });
    const page = await sc.getOrdersPage({ companyId: 1 }, 1);
    expect(page.items).toHaveLength(50);
    expect(sc.stats.retries).toBe(2);
  });

  it("reports a persistent 500 after the retries, with status and trimmed body", async () => {
    const sc = client({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    sandbox.faults.add({
      kind: "error",
      status: 500,
      path: "/api/Companies",
      times: -1,
      body: { Message: "Database is sleeping" },
    });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("server");
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("Database is sleeping");
    expect(sc.stats.retries).toBe(2);
  });

  it("does not repeat a shipping write after a 500, and says it may have applied", async () => {
    const sc = client();
    await sc.login();
    const id = freshOrderId();
    sandbox.faults.add({ kind: "error", status: 500, path: "/api/Orders/ShippingStatus", applyFirst: true });
    const error = await failure(
      sc.updateShippingStatus({
        orderId: id,
        carrier: "UPS",
        service: "UPS Ground",
        shipDate: new Date(),
        trackingNumber: "T-500",
      }),
    );
    expect(error.mayHaveApplied).toBe(true);
    expect(
      sandbox.requests
        .list({ path: "/api/Orders/ShippingStatus" })
        .filter((r) => (r.body as { OrderID?: number })?.OrderID === id),
    ).toHaveLength(1);
    // The read-back the caller does before re-sending shows it did apply.
    expect((await sc.getOrdersByIds([id])).orders[0]!.trackingNumber).toBe("T-500");
  });

  it("retries a read that timed out, and reports a write that timed out after it applied", async () => {
    const sc = client({ timeoutMs: 150 });
    await sc.login();
    sandbox.faults.add({ kind: "slow", path: "/api/Companies", delayMs: 400 });
    expect(await sc.listCompanies()).toHaveLength(3);
    expect(sc.stats.retries).toBe(1);

    const id = freshOrderId();
    sandbox.faults.add({ kind: "slow", path: "/api/Orders/ShippingStatus", delayMs: 400, applyFirst: true });
    const error = await failure(
      sc.updateShippingStatus({
        orderId: id,
        carrier: "UPS",
        service: "UPS Ground",
        shipDate: new Date(),
        trackingNumber: "T-SLOW",
      }),
    );
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/did not answer within/);
    expect(error.mayHaveApplied).toBe(true);
    expect((await sc.getOrdersByIds([id])).orders[0]!.trackingNumber).toBe("T-SLOW");
  });

  it("retries a dropped connection on a read, and does not repeat a dropped write", async () => {
    const sc = client();
    await sc.login();
    sandbox.faults.add({ kind: "drop", path: "/api/Catalog" });
    expect((await sc.getCatalogPage({ companyId: 1, pageNumber: 2 })).items).toHaveLength(50);
    expect(sc.stats.retries).toBe(1);

    const id = freshOrderId();
    sandbox.faults.add({ kind: "drop", path: "/api/Orders/ShippingStatus/SinglePackage" });
    const error = await failure(
      sc.updateSinglePackageTracking({ orderId: id, trackingNumber: "T-DROP", carrier: "UPS", service: "UPS Ground" }),
    );
    expect(error.kind).toBe("connection");
    expect(error.mayHaveApplied).toBe(true);
    expect(error.message).toMatch(/dropped/);
  });

  it("logs in again once when the token expires mid-run", async () => {
    const sc = client();
    const pages = [];
    sandbox.faults.add({ kind: "expireTokens", path: "/api/Orders", after: 1 });
    for await (const page of sc.ordersPages({ companyId: 1, orderStatus: OrderStatus.InProcess })) {
      pages.push(page);
      if (pages.length === 3) break;
    }
    expect(pages).toHaveLength(3);
    expect(sc.stats.logins).toBe(2);
    expect(sandbox.requests.list({ path: "/api/Orders" }).some((r) => r.status === 401)).toBe(true);
  });

  it("renews a short-lived token before it expires instead of waiting for a 401", async () => {
    const short = await startSandbox({ products: 60, orders: 10, tokenTtlSeconds: 1 });
    try {
      const sc = new SellerCloudClient({
        baseUrl: short.url,
        username: short.credentials.username,
        password: short.credentials.password,
        limiter: unlimited,
        tokenCache: new TokenCache(),
      });
      await sc.listCompanies();
      await new Promise((r) => setTimeout(r, 600));
      await sc.listCompanies();
      expect(sc.stats.logins).toBe(2);
      expect(short.requests.list().filter((r) => r.status === 401)).toHaveLength(0);
    } finally {
      await short.close();
    }
  });

  it("renews about five minutes before expires_in runs out, and shares the token per connection", async () => {
    let now = Date.now();
    const cache = new TokenCache();
    const make = () => client({ tokenCache: cache, now: () => now });
    const first = make();
    await first.listCompanies();
    // Another client of the same connection reuses the cached token: no second login.
    const second = make();
    await second.listCompanies();
    expect(first.stats.logins + second.stats.logins).toBe(1);
    now += (3600 - 301) * 1000; // 5 min 1 s before the sandbox's 3600 s expiry: still fine
    await second.listCompanies();
    expect(second.stats.logins).toBe(0);
    now += 2000; // inside the last five minutes: renew first
    await second.listCompanies();
    expect(second.stats.logins).toBe(1);
    // A different password is a different connection, never the cached token.
    const other = client({ tokenCache: cache, password: "not-the-password" });
    expect((await failure(other.listCompanies())).kind).toBe("auth");
  });

  it("returns malformed records beside the good ones, naming the field and the order ID", async () => {
    const sc = client();
    sandbox.faults.add({ kind: "malformed", path: "/api/Orders", records: [3], field: "Items[0].Qty", value: "two" });
    const page = await sc.getOrdersPage({ companyId: 1, orderStatus: OrderStatus.InProcess }, 1);
    expect(page.items).toHaveLength(49);
    expect(page.invalid).toHaveLength(1);
    const bad = page.invalid[0]!;
    expect(bad.index).toBe(3);
    expect(bad.message).toBe(`Order ${bad.id}: Items[0].Qty must be a number (got "two")`);

    sandbox.faults.add({ kind: "malformed", path: "/api/Catalog" });
    const products = await sc.getCatalogPage({ companyId: 1, pageNumber: 1 });
    expect(products.invalid[0]!.message).toMatch(/^Product at position 1 of the page \(no ID\): ID/);
  });

  it("picks up orders that arrive while paging, without duplicates", async () => {
    const sc = client();
    const query = { companyId: 1, orderStatus: OrderStatus.InProcess };
    const before = (await sc.getOrdersPage(query, 1)).totalResults;
    sandbox.faults.add({
      kind: "newOrders",
      path: "/api/Orders",
      after: 1,
      count: 4,
      order: { CompanyID: 1, StatusCode: 2 },
    });
    const orders = await collect(sc.ordersPages(query));
    expect(orders.length).toBe(before + 4);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
  });

  it("says plainly when the URL serves a web page instead of the API", async () => {
    const sc = client();
    sandbox.faults.add({ kind: "html", path: "/api/Companies" });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("not_api");
    expect(error.message).toMatch(/web page/);

    const wrongBase = client({ baseUrl: `${sandbox.origin}/somewhere-else/rest` });
    expect((await failure(wrongBase.listCompanies())).kind).toBe("not_api");
  });

  it("calls a web page from a connection that worked before an outage, retryable, not a wrong address", async () => {
    const sc = client();
    expect(await sc.listCompanies()).toHaveLength(3);
    sandbox.faults.add({ kind: "maintenance", path: "/api/Companies" });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("unavailable");
    expect(error.status).toBe(200);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/web page instead of the API.*maintenance or an outage.*try again later/i);
    expect(error.message).not.toMatch(/^Check the Server ID/);

    // A saved connection worked when it was tested: the first call of a new client says the same.
    sandbox.faults.add({ kind: "maintenance", path: "/api/token" });
    const saved = await failure(client({ workedBefore: true }).listCompanies());
    expect(saved.kind).toBe("unavailable");

    // Never seen working (the wizard's test): the same page still points at the address.
    sandbox.faults.add({ kind: "maintenance", path: "/api/token" });
    const fresh = await failure(client().listCompanies());
    expect(fresh.kind).toBe("not_api");
    expect(fresh.message).toMatch(/Check the Server ID or API URL/);
  });

  it("explains a 404 as a possible missing permission", async () => {
    const sc = client();
    sandbox.faults.add({ kind: "notFound", path: "/api/Settings/ShippingCarriers" });
    const error = await failure(sc.listShippingCarriers());
    expect(error.kind).toBe("not_found");
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/permission/);
  });

  it("reports wrong credentials plainly and never echoes the password", async () => {
    const sc = client({ password: "wrong-secret-pw" });
    const error = await failure(sc.listCompanies());
    expect(error.kind).toBe("auth");
    expect(error.message).toBe("SellerCloud did not accept the username or password.");
    expect(JSON.stringify(error.toJSON())).not.toContain("wrong-secret-pw");
    expect(sc.callsMade).toBe(1);
  });

  it("uses a pre-issued API token first and falls back to logging in when it is refused", async () => {
    const sc = client({ apiToken: "expired-or-bogus" });
    expect(await sc.listCompanies()).toHaveLength(3);
    expect(sc.stats.logins).toBe(1);
    expect(sc.callsMade).toBe(3);

    const tokenOnly = client({ username: undefined, password: undefined, apiToken: "bogus" });
    const error = await failure(tokenOnly.listCompanies());
    expect(error.kind).toBe("auth");
    expect(error.message).toMatch(/API token/);
  });

  it("names an unknown server and a refused connection", async () => {
    const dns = client({
      baseUrl: "https://conduit-no-such-host.invalid/rest",
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const dnsError = await failure(dns.listCompanies());
    expect(dnsError.kind).toBe("dns");
    expect(dnsError.message).toContain("conduit-no-such-host.invalid");

    const refused = client({
      baseUrl: "http://127.0.0.1:9/rest",
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const refusedError = await failure(refused.listCompanies());
    expect(refusedError.kind).toBe("connection");
    expect(refusedError.retryable).toBe(true);
  });
});

describe("admin endpoint", () => {
  it("sets faults, mutates data and reads the request log over HTTP", async () => {
    const sc = client();
    const admin = `${sandbox.origin}/__sandbox`;
    const post = (path: string, body: unknown) =>
      fetch(`${admin}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });

    const added = (await (await post("/orders", { CompanyID: 2, StatusCode: 2 })).json()) as { ID: number };
    const { orders } = await sc.getOrdersByIds([added.ID]);
    expect(orders[0]!.companyId).toBe(2);

    expect((await fetch(`${admin}/products/SC-000005`, { method: "DELETE" })).status).toBe(200);
    expect((await sc.getCatalogPage({ companyId: 1, pageNumber: 1, sku: "SC-000005" })).items).toHaveLength(0);

    const seq = sandbox.requests.lastSeq;
    expect((await post("/faults", { kind: "error", status: 503, path: "/api/Companies" })).status).toBe(200);
    expect(await sc.listCompanies()).toHaveLength(3);
    const log = (await (await fetch(`${admin}/requests?since=${seq}&path=/api/Companies`)).json()) as {
      status: number;
      faults: string[];
    }[];
    expect(log.map((r) => r.status)).toEqual([503, 200]);
    expect(log[0]!.faults).toEqual(["error"]);

    const tokenLog = JSON.stringify(sandbox.requests.list({ path: "/api/token" }));
    expect(tokenLog).toContain('"Password":"***"');
    expect(tokenLog).not.toContain('"Password":"sandbox"');
  });
});
