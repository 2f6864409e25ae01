/**
 * Issue 18 end to end against the sandbox over HTTP and a webhook receiver on 127.0.0.1: Get Orders
 * imports the orders, Submit to Vendors sends signed requests split by vendor, the receiver verifies
 * every signature, each vendor acknowledges and posts its shipments with its own key through the
 * shipments API's logic, and Sync Orders marks the SellerCloud orders Fully Shipped once every
 * vendor's lines have shipped.
 */

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { orders } from "@/db/schema/orders";
import { shipments } from "@/db/schema/shipments";
import { fulfillmentHolds, fulfillmentRequestEvents, fulfillmentRequests } from "@/db/schema/vendors";
import { describeEachDb } from "@/db/testing/describe-db";
import { ShippingStatus } from "@/lib/sellercloud/enums";
import { createShipmentFromApi } from "@/lib/shipments/api";
import { SANDBOX_MAPPINGS, setChannelShippingSettings } from "@/lib/shipments/testing/seed";
import { saveRoutingRules } from "@/lib/vendors/routing-rules";
import { answerVendorRequest, listVendorRequests } from "@/lib/vendors/vendor-api";
import { startTestReceiver, type TestReceiver, verifyStandardWebhook } from "@/lib/webhooks/testing/receiver";
import { clientFor, runGetOrders, sandbox, seedGetOrdersChannel } from "../get-orders/test-helpers";
import { syncOrdersModule } from "../sync-orders";
import type { OperationModule } from "../types";
import { runOperation, seedVariants, seedVendor } from "./test-helpers";
import { createSubmitToVendorsModule } from ".";

// The receiver listens on 127.0.0.1, which the webhook policy refuses by default: allow it.
vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
afterAll(() => vi.unstubAllEnvs());

const submit = createSubmitToVendorsModule() as OperationModule<unknown>;
const sync = syncOrdersModule as OperationModule<unknown>;

describeEachDb("Submit to Vendors end to end", (ctx) => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver?.close());

  it("routes, delivers signed requests, takes vendors' shipments and ends Fully Shipped in SellerCloud", async () => {
    const sc = await sandbox(0);
    const split = sc.state.addOrder({
      Items: [
        { ProductID: "ACME-MUG", Qty: 1 },
        { ProductID: "ZETA-TEE", Qty: 2 },
      ],
    });
    const acmeOnly = sc.state.addOrder({ Items: [{ ProductID: "ACME-CAP", Qty: 1 }] });
    const unrouted = sc.state.addOrder({ Items: [{ ProductID: "NOBODY-1", Qty: 1 }] });
    const client = clientFor(sc);
    const scope = await seedGetOrdersChannel(ctx.db);
    await setChannelShippingSettings(ctx.db, scope.channelId, { mappings: SANDBOX_MAPPINGS, partialShipments: "wait" });

    const acme = await seedVendor(ctx.db, scope.workspaceId, {
      name: "Acme Supply",
      code: "acme",
      deliveryMethod: "webhook",
      webhookUrl: `${receiver.url}?v=acme`,
    });
    const zeta = await seedVendor(ctx.db, scope.workspaceId, {
      name: "Zeta 3PL",
      code: "zeta",
      deliveryMethod: "webhook",
      webhookUrl: `${receiver.url}?v=zeta`,
    });
    await seedVariants(ctx.db, scope.workspaceId, [
      { sku: "ACME-MUG", brand: "Acme", vendorId: acme.vendor.id, vendorSku: "A-100", vendorCostCents: 450 },
      { sku: "ACME-CAP", brand: "Acme", vendorId: acme.vendor.id },
      { sku: "ZETA-TEE", brand: "Zeta" },
    ]);
    await saveRoutingRules(ctx.db, scope.workspaceId, {
      channelId: scope.channelId,
      rules: [
        { kind: "variant_vendor", values: [], vendorId: null },
        { kind: "brand", values: ["zeta"], vendorId: zeta.vendor.id },
      ],
    });

    // 1. Get Orders imports the three orders (lines linked to the catalog by SKU).
    const imported = await runGetOrders(ctx.db, scope, client);
    expect(imported.run.status).toBe("succeeded");
    expect(imported.run.createdCount).toBe(3);

    // 2. Submit to Vendors: three requests (the split order makes two), the third order held.
    const first = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(first.run.status).toBe("succeeded");
    expect(first.run.createdCount).toBe(3);
    expect(first.run.updatedCount).toBe(3);
    expect(receiver.received).toHaveLength(3);
    const bodies = receiver.received.map((r) => {
      const secret = r.body.includes('"code":"ACME"') ? acme.secret! : zeta.secret!;
      expect(verifyStandardWebhook(secret, r.headers, r.body)).toEqual({ ok: true });
      // The other vendor's secret does not verify it.
      const other = secret === acme.secret ? zeta.secret! : acme.secret!;
      expect(verifyStandardWebhook(other, r.headers, r.body).ok).toBe(false);
      return JSON.parse(r.body) as {
        type: string;
        data: {
          number: string;
          vendor: { code: string };
          order: { sellercloudOrderId: number };
          lines: { sku: string; vendorSku: string | null; vendorCost: string | null; quantity: number }[];
        };
      };
    });
    expect(bodies.every((b) => b.type === "fulfillment_request.created")).toBe(true);
    const byOrderVendor = bodies
      .map(
        (b) =>
          `${b.data.order.sellercloudOrderId}:${b.data.vendor.code}:${b.data.lines.map((l) => `${l.sku}x${l.quantity}`).join(",")}`,
      )
      .sort();
    expect(byOrderVendor).toEqual(
      [`${split.ID}:ACME:ACME-MUGx1`, `${split.ID}:ZETA:ZETA-TEEx2`, `${acmeOnly.ID}:ACME:ACME-CAPx1`].sort(),
    );
    const mug = bodies.find((b) => b.data.lines[0]?.sku === "ACME-MUG")!;
    expect(mug.data.lines[0]).toMatchObject({ vendorSku: "A-100", vendorCost: "4.50" });
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(3);
    const held = await ctx.db
      .select()
      .from(fulfillmentHolds)
      .where(eq(fulfillmentHolds.workspaceId, scope.workspaceId));
    expect(held).toHaveLength(1);
    expect(held[0]!.reason).toMatch(/No routing rule matched \(SKU NOBODY-1/);
    expect(first.events.some((e) => e.code === "lines_held" && e.entityId === String(unrouted.ID))).toBe(true);

    // 3. Running again sends nothing new.
    const again = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(again.run.createdCount).toBe(0);
    expect(again.run.updatedCount).toBe(0);
    expect(receiver.received).toHaveLength(3);

    // 4. Each vendor acknowledges, then posts its shipment with its own key (items left out: its lines).
    const listed = await listVendorRequests(ctx.db, { authorization: `Bearer ${acme.key}`, query: {} });
    expect(listed.requests.map((r) => r.vendor.code)).toEqual(["ACME", "ACME"]);
    for (const r of listed.requests) {
      const answered = await answerVendorRequest(ctx.db, {
        authorization: `Bearer ${acme.key}`,
        requestId: r.id,
        kind: "acknowledge",
        body: {},
      });
      expect(answered.request.state).toBe("acknowledged");
    }
    const tracking = {
      [String(split.ID)]: ["1Z999AA10000000001", "1Z999AA10000000002"],
      [String(acmeOnly.ID)]: ["1Z999AA10000000003"],
    };
    await createShipmentFromApi(ctx.db, {
      authorization: `Bearer ${acme.key}`,
      body: {
        orderNumber: String(split.ID),
        carrier: "ups",
        service: "ground",
        trackingNumbers: [tracking[String(split.ID)]![0]],
      },
    });
    await createShipmentFromApi(ctx.db, {
      authorization: `Bearer ${acme.key}`,
      body: {
        orderNumber: String(acmeOnly.ID),
        carrier: "ups",
        service: "ground",
        trackingNumbers: tracking[String(acmeOnly.ID)],
      },
    });

    // 5. Sync Orders: the single-vendor order goes; the split order waits for Zeta's lines.
    const partial = await runOperation(ctx.db, scope, "sync_orders", sync, client);
    expect(partial.run.status).toBe("succeeded");
    expect(sc.state.getOrder(Number(acmeOnly.ID))!.dto.ShippingStatus).toBe(ShippingStatus.FullyShipped);
    expect(sc.state.getOrder(Number(split.ID))!.dto.ShippingStatus).not.toBe(ShippingStatus.FullyShipped);

    await createShipmentFromApi(ctx.db, {
      authorization: `Bearer ${zeta.key}`,
      body: {
        orderNumber: String(split.ID),
        carrier: "ups",
        service: "ground",
        trackingNumbers: [tracking[String(split.ID)]![1]],
      },
    });
    const done = await runOperation(ctx.db, scope, "sync_orders", sync, client);
    expect(done.run.status).toBe("succeeded");
    expect(sc.state.getOrder(Number(split.ID))!.dto.ShippingStatus).toBe(ShippingStatus.FullyShipped);

    // 6. Requests are shipped, with their history; shipments are ordinary Conduit shipments, synced.
    const requests = await ctx.db
      .select()
      .from(fulfillmentRequests)
      .where(eq(fulfillmentRequests.workspaceId, scope.workspaceId));
    expect(requests.map((r) => r.state).sort()).toEqual(["shipped", "shipped", "shipped"]);
    const zetaRequest = requests.find((r) => r.vendorId === zeta.vendor.id)!;
    const history = await ctx.db
      .select()
      .from(fulfillmentRequestEvents)
      .where(eq(fulfillmentRequestEvents.requestId, zetaRequest.id))
      .orderBy(fulfillmentRequestEvents.at);
    expect(history.map((h) => h.toState)).toEqual(["pending", "delivered", "shipped"]);
    const synced = await ctx.db
      .select({ state: shipments.syncState })
      .from(shipments)
      .where(eq(shipments.workspaceId, scope.workspaceId));
    expect(synced.map((s) => s.state)).toEqual(["synced", "synced", "synced"]);
    const [splitOrder] = await ctx.db
      .select()
      .from(orders)
      .where(and(eq(orders.workspaceId, scope.workspaceId), eq(orders.sellercloudOrderId, Number(split.ID))));
    expect(splitOrder!.scShippedAt).not.toBeNull();
  }, 60_000);
});
