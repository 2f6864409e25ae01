/**
 * The sandbox's tenant clock (a server whose local time is not UTC) and its package rules for
 * kits and empty packages, exercised over real HTTP with the SellerCloud client.
 */

import { afterEach, describe, expect, it } from "vitest";
import { SellerCloudClient } from "../client";
import { isSellerCloudError } from "../errors";
import { unlimited } from "../http";
import { type RunningSandbox, type SandboxOptions, startSandbox } from "./server";

// 17:00 UTC on a winter day is 12:00 in New York (UTC-05:00).
const REAL_NOW = Date.parse("2026-01-15T17:00:00Z");

const running: RunningSandbox[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

async function open(options: SandboxOptions = {}) {
  const sandbox = await startSandbox({ orders: 20, products: 30, seed: 3, now: () => REAL_NOW, ...options });
  running.push(sandbox);
  const client = new SellerCloudClient({
    baseUrl: sandbox.url,
    ...sandbox.credentials,
    limiter: unlimited,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { sandbox, client };
}

async function refusal(promise: Promise<unknown>): Promise<{ status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isSellerCloudError(error)) return { status: error.status, message: `${error.message} ${error.body ?? ""}` };
    throw error;
  }
  throw new Error("expected SellerCloud to refuse");
}

describe("sandbox tenant time zone", () => {
  it("emits and reads times on a New York clock and refuses a ship date later than it", async () => {
    const { sandbox, client } = await open({ timeZone: "America/New_York" });
    const order = sandbox.state.addOrder({ CreatedOn: "2026-01-15T08:00:00" });
    const fresh = sandbox.state.addOrder({});
    // A new order's CreatedOn is New York's wall-clock time, without an offset.
    expect(fresh.CreatedOn).toBe("2026-01-15T12:00:00");
    // UTC's 16:00 is four hours ahead of the tenant's clock: SellerCloud refuses it.
    const refused = await refusal(
      client.updateShippingStatus({
        orderId: order.ID as number,
        carrier: "UPS",
        service: "UPS Ground",
        shipDate: "2026-01-15T16:00:00",
        trackingNumber: "1Z999AA10123456784",
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("Ship Date cannot be in the future");
    // The same moment on the tenant's clock (11:00 New York) is accepted.
    await client.updateShippingStatus({
      orderId: order.ID as number,
      carrier: "UPS",
      service: "UPS Ground",
      shipDate: "2026-01-15T11:00:00",
      trackingNumber: "1Z999AA10123456784",
    });
    expect(sandbox.state.getOrder(order.ID as number)!.dto.ShipDate).toBe("2026-01-15T11:00:00");
  });

  it("reads created-on filters as the tenant's local time", async () => {
    const { sandbox, client } = await open({ timeZone: "America/New_York" });
    const order = sandbox.state.addOrder({ CreatedOn: "2026-01-15T11:30:00" });
    const ask = (from: Date, to: Date) =>
      client.getOrdersPage({ companyId: 1, createdFrom: from, createdTo: to, pageSize: 50 }, 1);
    // 11:00-11:59 read as New York time holds the order; the same numbers as UTC would be 16:00-16:59.
    const local = await ask(new Date("2026-01-15T11:00:00Z"), new Date("2026-01-15T11:59:00Z"));
    expect(local.items.map((o) => o.id)).toContain(order.ID);
    const utc = await ask(new Date("2026-01-15T16:00:00Z"), new Date("2026-01-15T16:59:00Z"));
    expect(utc.items.map((o) => o.id)).not.toContain(order.ID);
  });

  it("keeps UTC by default", async () => {
    const { sandbox } = await open();
    expect(sandbox.state.addOrder({}).CreatedOn).toBe("2026-01-15T17:00:00");
  });
});

describe("sandbox package rules", () => {
  const kitOrder = async () => {
    const { sandbox, client } = await open();
    const order = sandbox.state.addOrder({
      CreatedOn: "2026-01-14T08:00:00",
      Items: [
        {
          ProductID: "KIT-1",
          DisplayName: "Gift set",
          Qty: 1,
          BundleItems: [
            { ProductID: "MUG-1", ProductName: "Mug", Qty: 1 },
            { ProductID: "SPOON-1", ProductName: "Spoon", Qty: 1 },
          ],
        },
      ],
    });
    const kitLine = (order.Items as { ID: number }[])[0]!.ID;
    return { sandbox, client, id: order.ID as number, kitLine };
  };

  it("lists kit items on the order with the line's total units", async () => {
    const { client, id } = await kitOrder();
    const { orders } = await client.getOrdersByIds([id]);
    expect(orders[0]!.items[0]!.kitItems).toEqual([
      { productId: "MUG-1", name: "Mug", qtyPerKit: 1, totalQty: 1 },
      { productId: "SPOON-1", name: "Spoon", qtyPerKit: 1, totalQty: 1 },
    ]);
  });

  it("refuses the kit alone and an empty package, as the issue's body did", async () => {
    const { client, id, kitLine } = await kitOrder();
    // The body Sync Orders used to send: {"Packages":[{"Items":[{"OrderItemID":…,"Qty":1}]},{"Items":[]}]}
    const bad = await refusal(
      client.createShippingPackages(id, [{ items: [{ orderItemId: kitLine, qty: 1 }] }, { items: [] }]),
    );
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/Package 2 has no items/);
    const kitAlone = await refusal(client.createShippingPackages(id, [{ items: [{ orderItemId: kitLine, qty: 1 }] }]));
    expect(kitAlone.message).toMatch(/is a kit: assign its kit items \(MUG-1, SPOON-1\)/);
    const missingChild = await refusal(
      client.createShippingPackages(id, [{ items: [{ orderItemId: kitLine, qty: 1, bundleItemProductId: "MUG-1" }] }]),
    );
    expect(missingChild.message).toMatch(/All kit items must be assigned to packages .*SPOON-1/);
    const stranger = await refusal(
      client.createShippingPackages(id, [{ items: [{ orderItemId: kitLine, qty: 1, bundleItemProductId: "FORK-9" }] }]),
    );
    expect(stranger.message).toMatch(/'FORK-9' is not a kit item/);
  });

  it("accepts kit items split over two packages, each listed with the kit's OrderItemID", async () => {
    const { sandbox, client, id, kitLine } = await kitOrder();
    await client.createShippingPackages(id, [
      { items: [{ orderItemId: kitLine, qty: 1, bundleItemProductId: "MUG-1" }] },
      { items: [{ orderItemId: kitLine, qty: 1, bundleItemProductId: "SPOON-1" }] },
    ]);
    const packages = sandbox.state.getOrder(id)!.packages as { Items: Record<string, unknown>[] }[];
    expect(packages.map((p) => p.Items.map((i) => [i.OrderItemID, i.ProductID, i.Qty]))).toEqual([
      [[kitLine, "MUG-1", 1]],
      [[kitLine, "SPOON-1", 1]],
    ]);
  });
});
