import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createRng, gs1CheckDigit, hash32, isValidGs1, withCheckDigit } from "./identifiers";
import { SandboxInstance, startSandbox } from "./server";
import { SandboxState } from "./state";

const EPOCH = Date.UTC(2026, 10, 1, 12, 0, 0);
const fixedNow = () => EPOCH;

describe("identifiers", () => {
  it.each([
    ["03600029145", 2], // UPC-A 036000291452
    ["400638133393", 1], // EAN-13 4006381333931
    ["1001234567890", 4], // GTIN-14 10012345678904 (computed)
  ])("computes the GS1 check digit of %s", (body, digit) => {
    if (body === "1001234567890") expect(isValidGs1(withCheckDigit(body))).toBe(true);
    else expect(gs1CheckDigit(body)).toBe(digit);
  });

  it("is deterministic per seed", () => {
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(hash32(1, 2, 3)).not.toBe(hash32(2, 2, 3));
    const a = createRng(9);
    const b = createRng(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("seeded catalog", () => {
  const state = new SandboxState({ products: 5000, orders: 0, seed: 11, now: fixedNow });
  const rows = Array.from({ length: 5000 }, (_, i) => ({
    catalog: state.catalogRowAt(i),
    inventory: state.inventoryRowAt(i),
  }));

  it("has SKUs like SC-000123 and valid UPC-A / EAN-13 / GTIN-14 check digits", () => {
    expect(rows[122]!.catalog.ID).toBe("SC-000123");
    for (const { catalog, inventory } of rows) {
      const upc = catalog.UPC as string;
      const gtin = catalog.GTIN as string | null;
      const ean = inventory.EAN as string;
      if (upc) expect(upc.length === 12 && isValidGs1(upc), `UPC ${upc}`).toBe(true);
      if (gtin) expect(gtin.length === 14 && isValidGs1(gtin), `GTIN ${gtin}`).toBe(true);
      if (ean) expect(ean.length === 13 && isValidGs1(ean), `EAN ${ean}`).toBe(true);
      expect(catalog).not.toHaveProperty("EAN");
    }
  });

  it("has products without UPC, deliberately shared UPCs and MPNs, ASINs and both companies", () => {
    const upcs = new Map<string, number>();
    for (const { catalog } of rows)
      if (catalog.UPC) upcs.set(catalog.UPC as string, (upcs.get(catalog.UPC as string) ?? 0) + 1);
    const shared = [...upcs.values()].filter((n) => n > 1).length;
    expect(shared).toBe(20); // products 16/17 of every 250
    expect(rows.filter((r) => !r.catalog.UPC).length).toBeGreaterThan(300);
    const mpns = new Map<string, number>();
    for (const { catalog } of rows)
      if (catalog.ManufacturerSKU)
        mpns.set(catalog.ManufacturerSKU as string, (mpns.get(catalog.ManufacturerSKU as string) ?? 0) + 1);
    expect([...mpns.values()].filter((n) => n > 1).length).toBe(10);
    expect(rows.filter((r) => r.catalog.ASIN).length).toBeGreaterThan(2000);
    expect(new Set(rows.map((r) => r.catalog.CompanyID))).toEqual(new Set([1, 2]));
  });

  it("generates the same data for the same seed and different data for another", () => {
    const again = new SandboxState({ products: 5000, orders: 50, seed: 11, now: fixedNow });
    const other = new SandboxState({ products: 5000, orders: 50, seed: 12, now: fixedNow });
    expect(again.catalogRowAt(4321)).toEqual(rows[4321]!.catalog);
    expect(other.catalogRowAt(4321)).not.toEqual(rows[4321]!.catalog);
    expect(again.orderDtoAt(7)).toEqual(
      new SandboxState({ products: 5000, orders: 50, seed: 11, now: fixedNow }).orderDtoAt(7),
    );
  });

  it("adds, changes and removes products through the state API", () => {
    const s = new SandboxState({ products: 100, orders: 0, now: fixedNow });
    s.addProduct({ ID: "NEW-1", UPC: "036000291452", CompanyID: 1 });
    expect([...s.queryProducts({ upc: "036000291452" })].map((i) => s.catalogRowAt(i).ID)).toEqual(["NEW-1"]);
    s.updateProduct("SC-000002", { UPC: "036000291452" });
    expect(s.queryProducts({ upc: "036000291452" })).toHaveLength(2);
    expect(s.removeProduct("NEW-1")).toBe(true);
    expect(s.queryProducts({ skus: ["NEW-1"] })).toHaveLength(0);
    expect(s.productTotal).toBe(100);
  });
});

describe("seeded orders", () => {
  const state = new SandboxState({ products: 1000, orders: 2000, seed: 5, now: fixedNow });

  it("covers every status with both addresses and items, created in order within the span", () => {
    const statuses = new Set<number>();
    let previous = 0;
    for (let i = 0; i < 2000; i++) {
      const dto = state.orderDtoAt(i);
      statuses.add(dto.StatusCode as number);
      expect(dto.ShippingAddress).toBeTruthy();
      expect(dto.BillingAddress).toBeTruthy();
      expect((dto.Items as unknown[]).length).toBeGreaterThan(0);
      const created = Date.parse(`${dto.CreatedOn}Z`);
      expect(created).toBeGreaterThanOrEqual(previous);
      expect(created).toBeLessThanOrEqual(EPOCH);
      previous = created;
      if (dto.StatusCode === 3) {
        expect(dto.ShippingStatus).toBe(3);
        expect((dto.AllTrackingNumbers as string[]).length).toBeGreaterThan(0);
      }
    }
    expect([...statuses].sort((a, b) => a - b)).toEqual([-1, 1, 2, 3, 100, 200, 300, 999]);
  });

  it("filters agree with the records they return", () => {
    const from = EPOCH - 3 * 86_400_000;
    const indexes = state.queryOrders({
      companyIds: [2],
      statuses: [2],
      dropship: [0],
      createdFrom: from,
      orderBy: 0,
      ascending: true,
    });
    expect(indexes.length).toBeGreaterThan(10);
    for (const i of indexes) {
      const dto = state.orderDtoAt(i);
      expect([dto.CompanyID, dto.StatusCode, dto.Dropship]).toEqual([2, 2, 0]);
      expect(Date.parse(`${dto.CreatedOn}Z`)).toBeGreaterThanOrEqual(from);
    }
  });
});

describe("scale", () => {
  it("starts with 100k products and 100k orders fast and serves any page quickly", () => {
    const started = performance.now();
    const state = new SandboxState({ products: 100_000, orders: 100_000 });
    const startup = performance.now() - started;
    const t0 = performance.now();
    const all = state.queryProducts({ companyIds: [1] });
    const firstQuery = performance.now() - t0;
    const t1 = performance.now();
    for (let k = 0; k < 50; k++) state.catalogRowAt(all[all.length - 1 - k]!);
    const orders = state.queryOrders({ companyIds: [1], statuses: [2], orderBy: 0, ascending: true });
    for (let k = 0; k < 50; k++) state.orderDtoAt(orders[orders.length - 1 - k]!);
    const lastPages = performance.now() - t1;
    expect(startup).toBeLessThan(1500);
    expect(firstQuery).toBeLessThan(500);
    expect(lastPages).toBeLessThan(500);
  });
});

describe("mounting", () => {
  it("serves the Web handler under a base path, admin off", async () => {
    const sandbox = new SandboxInstance({ basePath: "/api/sandbox", admin: false, products: 10, orders: 5 });
    const token = await sandbox.fetchHandler(
      new Request("http://app.local/api/sandbox/rest/api/token", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Username: "sandbox@conduit.local", Password: "sandbox" }),
      }),
    );
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const companies = await sandbox.fetchHandler(
      new Request("http://app.local/api/sandbox/rest/api/Companies?model.pageSize=50", {
        headers: { Authorization: `Bearer ${access_token}` },
      }),
    );
    expect(((await companies.json()) as { TotalResults: number }).TotalResults).toBe(3);
    const admin = await sandbox.fetchHandler(new Request("http://app.local/api/sandbox/__sandbox/faults"));
    expect(admin.status).toBe(404);
  });

  it("serves the node (req, res) handler inside another server", async () => {
    const sandbox = new SandboxInstance({ basePath: "/sc", products: 10, orders: 5 });
    const server = createServer(sandbox.handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const info = await fetch(`http://127.0.0.1:${port}/sc/__sandbox`);
      expect(((await info.json()) as { orders: number }).orders).toBe(5);
      const denied = await fetch(`http://127.0.0.1:${port}/sc/rest/api/Orders`, {
        headers: { Authorization: "Bearer nope" },
      });
      expect(denied.status).toBe(401);
    } finally {
      server.close();
    }
  });

  it("starts on a free port and resets to the seed", async () => {
    const sandbox = await startSandbox({ products: 20, orders: 10 });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest$/);
      sandbox.state.addOrder();
      sandbox.faults.add({ kind: "error" });
      expect(sandbox.state.orderTotal).toBe(11);
      sandbox.reset();
      expect(sandbox.state.orderTotal).toBe(10);
      expect(sandbox.faults.list()).toHaveLength(0);
    } finally {
      await sandbox.close();
    }
  });
});
