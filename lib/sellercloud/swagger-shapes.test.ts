import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SellerCloudClient } from "./client";
import { TokenCache, unlimited } from "./http";
import { singleOrderDto } from "./sandbox/data/order-views";
import { generateOrder } from "./sandbox/data/orders";
import { catalogRow, inventoryRow, productFacts } from "./sandbox/data/products";
import { type RunningSandbox, startSandbox } from "./sandbox/server";

/**
 * Checks every request the client sends (path, method, query parameter names, body field names)
 * against SellerCloud's own 2022 swagger, so a typo such as `model.companyId` or `Carrier` instead
 * of `CarrierName` fails here. Also checks that the sandbox answers with the swagger's field names.
 */

interface SwaggerParam {
  name: string;
  in: string;
  required?: boolean;
  schema?: { $ref?: string };
}
interface SwaggerOp {
  parameters?: SwaggerParam[];
}
interface SwaggerDef {
  properties?: Record<string, { $ref?: string; items?: { $ref?: string } }>;
  required?: string[];
}
interface Swagger {
  basePath: string;
  paths: Record<string, Record<string, SwaggerOp>>;
  definitions: Record<string, SwaggerDef>;
}

const swagger = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, "reference/swagger-2022.excerpt.json"), "utf8"),
) as Swagger;

/**
 * Documented by SellerCloud but absent from the 2022 swagger (reference §5.3, §5.4, gotcha 12).
 * Their names are checked against the docs instead; if a newer swagger lists them, move them out.
 */
const DOCS_ONLY: Record<string, { method: string; query: string[]; body?: string[] }> = {
  "/api/Settings/ShippingCarriers": { method: "get", query: ["siteCode"] },
  "/api/Settings/ShippingServices": { method: "get", query: ["siteCode", "carrier"] },
  "/api/Orders/{orderID}/Shipping/Packages": { method: "post", query: [], body: ["Packages"] },
};

interface Recorded {
  method: string;
  path: string;
  query: string[];
  body: Record<string, unknown> | undefined;
}

let sandbox: RunningSandbox;
const recorded: Recorded[] = [];

function templateFor(actual: string): string | undefined {
  const candidates = [...Object.keys(swagger.paths), ...Object.keys(DOCS_ONLY)];
  // Literal paths win over templated ones (Orders/Packages before Orders/{id}).
  const sorted = candidates.sort((a, b) => Number(a.includes("{")) - Number(b.includes("{")));
  return sorted.find((template) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(actual);
  });
}

function definition(ref: string | undefined): SwaggerDef {
  const name = (ref ?? "").replace("#/definitions/", "");
  const def = swagger.definitions[name];
  if (!def) throw new Error(`swagger has no model ${name}`);
  return def;
}

beforeAll(async () => {
  sandbox = await startSandbox({ products: 120, orders: 60, seed: 3 });
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    recorded.push({
      method: (init?.method ?? "GET").toLowerCase(),
      path: url.pathname.replace(/^\/rest/, ""),
      query: [...new Set(url.searchParams.keys())],
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : undefined,
    });
    return fetch(input, init);
  };
  const sc = new SellerCloudClient({
    baseUrl: sandbox.url,
    username: sandbox.credentials.username,
    password: sandbox.credentials.password,
    limiter: unlimited,
    tokenCache: new TokenCache(),
    fetch: recordingFetch,
  });
  // Every call of the client's surface, with every optional filter set.
  await sc.login();
  await sc.listCompanies();
  await sc.getCatalogPage({ companyId: 1, pageNumber: 1, sku: "SC-000001", upc: "0", keyword: "lantern" });
  for await (const _ of sc.catalogPages({ companyId: 1 })) break;
  await sc.getInventoryPage({ companyId: 1, pageNumber: 1, sku: "SC-000001", ean: "0", upc: "0" });
  const query = {
    companyId: 1,
    orderStatus: [2, 3],
    dropshipStatus: 0,
    createdFrom: new Date(Date.now() - 86_400_000 * 30),
    createdTo: new Date(),
    updatedFrom: new Date(Date.now() - 86_400_000 * 30),
  };
  await sc.getOrdersPage(query, 1);
  for await (const _ of sc.ordersPages(query)) break;
  await sc.getOrdersByIds([5_000_001, 5_000_002]);
  await sc.getOrder(5_000_001);
  await sc.getOrderPackages(5_000_001);
  await sc.listShippingCarriers();
  await sc.listShippingServices("UPS");
  const id = sandbox.state.addOrder({ CreatedOn: new Date(Date.now() - 3_600_000).toISOString().slice(0, 19) })
    .ID as number;
  const items = sandbox.state.getOrder(id)!.dto.Items as { ID: number; Qty: number }[];
  await sc.createShippingPackages(id, [
    {
      weight: 1,
      length: 1,
      width: 1,
      height: 1,
      declaredValue: 1,
      items: items.map((i) => ({ orderItemId: i.ID, qty: i.Qty })),
    },
  ]);
  const [pkg] = await sc.getOrderPackages(id);
  await sc.updateShippingStatus({
    orderId: id,
    carrier: "UPS",
    service: "UPS Ground",
    shipDate: new Date(),
    trackingNumber: "1Z",
    shipFromWarehouseId: 1,
    shippingCost: 1,
    declaredValue: 1,
    weight: 1,
    length: 1,
    width: 1,
    height: 1,
  });
  await sc.updateSinglePackageTracking({
    orderId: id,
    packageId: pkg!.id,
    trackingNumber: "1Z2",
    carrier: "UPS",
    service: "UPS Ground",
    shipDate: new Date(),
    shippingCost: 1,
    warehouseId: 1,
    weight: 1,
    length: 1,
    width: 1,
    height: 1,
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe("client requests match SellerCloud's swagger", () => {
  it("exercised every endpoint of the client", () => {
    const templates = new Set(recorded.map((r) => `${r.method.toUpperCase()} ${templateFor(r.path)}`));
    expect([...templates].sort()).toEqual(
      [
        "GET /api/Catalog",
        "GET /api/Companies",
        "GET /api/Inventory",
        "GET /api/Orders",
        "GET /api/Orders/Packages",
        "GET /api/Orders/{id}",
        "GET /api/Settings/ShippingCarriers",
        "GET /api/Settings/ShippingServices",
        "POST /api/Orders/{orderID}/Shipping/Packages",
        "POST /api/token",
        "PUT /api/Orders/ShippingStatus",
        "PUT /api/Orders/ShippingStatus/SinglePackage",
      ].sort(),
    );
  });

  it("uses only paths, methods and query parameter names the swagger declares", () => {
    expect(swagger.basePath).toBe("/rest");
    for (const request of recorded) {
      const template = templateFor(request.path);
      expect(template, `${request.method} ${request.path}`).toBeDefined();
      const docsOnly = DOCS_ONLY[template!];
      if (docsOnly) {
        expect(swagger.paths[template!], `${template} is in the swagger now; check it there`).toBeUndefined();
        expect(request.method).toBe(docsOnly.method);
        for (const name of request.query) expect(docsOnly.query, `${template} ?${name}`).toContain(name);
        continue;
      }
      const op = swagger.paths[template!]![request.method];
      expect(op, `${request.method.toUpperCase()} ${template}`).toBeDefined();
      const declared = (op!.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      for (const name of request.query) expect(declared, `${template} ?${name}`).toContain(name);
      const required = (op!.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => p.name);
      for (const name of required) expect(request.query, `${template} requires ?${name}`).toContain(name);
    }
  });

  it("never mixes model.-prefixed and bare parameter names in one request", () => {
    for (const request of recorded) {
      const prefixed = request.query.filter((q) => q.startsWith("model."));
      if (prefixed.length) expect(prefixed, request.path).toEqual(request.query);
    }
  });

  it("sends body field names from the swagger's request models, with the required ones", () => {
    const bodies = recorded.filter((r) => r.body);
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    for (const request of bodies) {
      const template = templateFor(request.path)!;
      const keys = Object.keys(request.body!);
      const docsOnly = DOCS_ONLY[template];
      if (docsOnly) {
        expect(keys).toEqual(docsOnly.body);
        const [pkg] = request.body!.Packages as Record<string, unknown>[];
        for (const key of Object.keys(pkg!))
          expect(["Weight", "Length", "Width", "Height", "DeclaredValue", "Items"]).toContain(key);
        for (const item of pkg!.Items as Record<string, unknown>[]) {
          for (const key of Object.keys(item))
            expect(["OrderItemID", "Qty", "OrderItemBundleItemProductID"]).toContain(key);
        }
        continue;
      }
      const param = swagger.paths[template]![request.method]!.parameters!.find((p) => p.in === "body")!;
      const model = definition(param.schema?.$ref);
      const properties = Object.keys(model.properties ?? {});
      for (const key of keys) expect(properties, `${template} body field ${key}`).toContain(key);
      for (const key of model.required ?? []) expect(keys, `${template} requires ${key}`).toContain(key);
    }
  });

  it("tells the two shipping calls apart by their field names", () => {
    const status = recorded.find((r) => r.path === "/api/Orders/ShippingStatus")!.body!;
    const single = recorded.find((r) => r.path === "/api/Orders/ShippingStatus/SinglePackage")!.body!;
    expect(status).toHaveProperty("ShippingCarrier");
    expect(status).toHaveProperty("ShippingService");
    expect(single).toHaveProperty("CarrierName");
    expect(single).toHaveProperty("ShippingMethod");
    expect(single).not.toHaveProperty("ShippingCarrier");
  });
});

describe("sandbox responses use the swagger's field names", () => {
  const NEWER_THAN_2022 = new Set(["BrandName", "ActiveStatus", "SalesRepId", "MarketingSourceID", "EAN"]);

  function expectKnown(record: Record<string, unknown>, modelName: string, label: string) {
    const properties = new Set(Object.keys(swagger.definitions[modelName]?.properties ?? {}));
    expect(properties.size, modelName).toBeGreaterThan(0);
    for (const key of Object.keys(record)) {
      if (NEWER_THAN_2022.has(key) && !(key === "EAN" && label === "catalog")) continue;
      expect(properties.has(key), `${label}.${key} not in ${modelName}`).toBe(true);
    }
  }

  const order = generateOrder(
    0,
    { seed: 1, epochMs: Date.UTC(2026, 0, 1), spanMs: 86_400_000, orderCount: 10, productCount: 50 },
    (i) => productFacts(i, 1, Date.UTC(2026, 0, 1)),
  );

  it("catalog and inventory rows", () => {
    const facts = productFacts(5, 1, Date.UTC(2026, 0, 1));
    expectKnown(catalogRow(facts), "SellerCloud.Delta.Models.ManageEntity.Concrete.ProductCatalogDto", "catalog");
    expectKnown(inventoryRow(facts), "SellerCloud.Delta.Models.ManageEntity.Concrete.ProductInventoryDto", "inventory");
  });

  it("list order, its items and addresses", () => {
    expectKnown(order.dto, "SellerCloud.Delta.Models.ClientAPI.Order.MultipleOrderDataDto", "order");
    for (const item of order.dto.Items as Record<string, unknown>[]) {
      expectKnown(item, "SellerCloud.Delta.Models.ClientAPI.Order.MultipleOrderItemDto", "item");
    }
    expectKnown(
      order.dto.ShippingAddress as Record<string, unknown>,
      "BVSoftware.BVC.Core.Contacts.Address",
      "address",
    );
  });

  it("single order and packages", () => {
    const single = singleOrderDto(order.dto, order.packages);
    expectKnown(single, "SellerCloud.Delta.Models.ClientAPI.Order.SingleOrderDataDto", "single");
    expectKnown(
      single.OrderDetails as Record<string, unknown>,
      "CoreWebAdmin.Delta.DetailsEntity.Models.Order.OrderDetailsContent",
      "details",
    );
    expectKnown(
      single.Statuses as Record<string, unknown>,
      "SellerCloud.Delta.Models.Details.Concrete.Order.OrderStatusesDto",
      "statuses",
    );
    for (const item of single.OrderItems as Record<string, unknown>[]) {
      expectKnown(item, "CoreWebAdmin.Delta.DetailsEntity.Models.Order.OrderItemDto", "orderItem");
    }
    for (const pkg of order.packages) {
      expectKnown(pkg, "SellerCloud.Delta.Models.Details.Concrete.Order.OrderPackageDto", "package");
    }
  });
});

describe("the excerpt", () => {
  const full = path.resolve(import.meta.dirname, "../../../shared/reference/sellercloud-swagger-2022.json");
  it.skipIf(!fs.existsSync(full))("matches the full swagger file it was cut from", () => {
    const source = JSON.parse(fs.readFileSync(full, "utf8")) as Swagger;
    for (const [p, item] of Object.entries(swagger.paths)) {
      for (const [method, op] of Object.entries(item)) expect(op).toEqual(source.paths[p]?.[method]);
    }
    for (const [name, def] of Object.entries(swagger.definitions)) expect(def).toEqual(source.definitions[name]);
  });
});
