/**
 * Issue 18 faults: a webhook answering 500 then 200 is retried by the next run and delivered once;
 * a vendor key used on another vendor's order or request is refused (403); an order canceled in
 * SellerCloud after submission cancels its open requests and the vendor is told; a dry run sends
 * nothing; the email method sends the request as a CSV attachment with a stable Message-ID.
 */

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { emailOutbox } from "@/db/schema/email";
import { orders } from "@/db/schema/orders";
import { fulfillmentRequestLines, fulfillmentRequests, vendorDeliveries } from "@/db/schema/vendors";
import { describeEachDb } from "@/db/testing/describe-db";
import { AppError } from "@/lib/errors";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { createShipmentFromApi } from "@/lib/shipments/api";
import { saveRoutingRules } from "@/lib/vendors/routing-rules";
import { answerVendorRequest, listVendorRequests } from "@/lib/vendors/vendor-api";
import { startTestReceiver, type TestReceiver, verifyStandardWebhook } from "@/lib/webhooks/testing/receiver";
import { clientFor, runGetOrders, sandbox, seedGetOrdersChannel } from "../get-orders/test-helpers";
import type { OperationModule } from "../types";
import { runOperation, type Scope, seedVariants, seedVendor } from "./test-helpers";
import { createSubmitToVendorsModule } from ".";

vi.stubEnv("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
afterAll(() => vi.unstubAllEnvs());

// No jitter: the first retry waits exactly 30 s.
const submit = createSubmitToVendorsModule({ random: () => 1 }) as OperationModule<unknown>;

const forbidden = (promise: Promise<unknown>) =>
  expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.status === 403);

describeEachDb("Submit to Vendors faults", (ctx) => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startTestReceiver();
  });
  afterAll(() => receiver?.close());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answers.length = 0;
  });

  /** Two single-line orders (one per vendor), imported by Get Orders; rules route by SKU prefix. */
  async function setup(zetaMethod: "webhook" | "email" | "pull" = "webhook") {
    const sc = await sandbox(0);
    const a = sc.state.addOrder({ Items: [{ ProductID: "ACME-1", Qty: 1 }] });
    const z = sc.state.addOrder({ Items: [{ ProductID: "ZETA-1", Qty: 3 }] });
    const client = clientFor(sc);
    const scope: Scope = await seedGetOrdersChannel(ctx.db);
    const acme = await seedVendor(ctx.db, scope.workspaceId, {
      name: "Acme",
      code: "acme",
      deliveryMethod: "webhook",
      webhookUrl: receiver.url,
    });
    const zeta = await seedVendor(ctx.db, scope.workspaceId, {
      name: "Zeta",
      code: "zeta",
      deliveryMethod: zetaMethod,
      contactEmail: "orders@zeta.example",
      webhookUrl: receiver.url,
    });
    await seedVariants(ctx.db, scope.workspaceId, [{ sku: "ACME-1" }, { sku: "ZETA-1" }]);
    await saveRoutingRules(ctx.db, scope.workspaceId, {
      channelId: scope.channelId,
      rules: [
        { kind: "sku_prefix", values: ["acme-"], vendorId: acme.vendor.id },
        { kind: "sku_prefix", values: ["zeta-"], vendorId: zeta.vendor.id },
      ],
    });
    await runGetOrders(ctx.db, scope, client);
    return { sc, client, scope, acme, zeta, a: Number(a.ID), z: Number(z.ID) };
  }

  const requestsOf = (workspaceId: string) =>
    ctx.db.select().from(fulfillmentRequests).where(eq(fulfillmentRequests.workspaceId, workspaceId));

  it("retries a webhook that answered 500 on the next run and delivers it once", async () => {
    const { client, scope } = await setup();
    receiver.answers.push(500);
    let clock = new Date();
    const now = () => clock;

    const first = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client, { now });
    expect(first.run.status).toBe("succeeded");
    expect(first.run.updatedCount).toBe(1);
    expect(first.run.skippedCount).toBe(1);
    const retrying = first.events.find((e) => e.code === "delivery_retrying")!;
    expect(retrying.message).toMatch(/answered 500.*tried again from/);

    // Too early for the retry: nothing is sent.
    clock = new Date(clock.getTime() + 10_000);
    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client, { now });
    expect(receiver.received).toHaveLength(2);

    clock = new Date(clock.getTime() + 30_000);
    const second = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client, { now });
    expect(second.run.updatedCount).toBe(1);
    expect(receiver.received).toHaveLength(3);
    const third = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client, { now });
    expect(third.run.updatedCount).toBe(0);
    expect(receiver.received).toHaveLength(3);

    // The failed request's two posts carry one webhook-id: a receiver deduplicating on it acts once.
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(2);
    const retried = receiver.received.filter(
      (r) => r.headers["webhook-id"] === ids[0] || r.headers["webhook-id"] === ids[1],
    );
    expect(retried.length).toBe(3);
    const requests = await requestsOf(scope.workspaceId);
    expect(requests.map((r) => r.state)).toEqual(["delivered", "delivered"]);
    const log = await ctx.db
      .select()
      .from(vendorDeliveries)
      .where(eq(vendorDeliveries.workspaceId, scope.workspaceId))
      .orderBy(vendorDeliveries.at);
    expect(log.map((l) => [l.ok, l.responseStatus, l.attempt])).toEqual([
      [false, 500, 1],
      [true, 200, 1],
      [true, 200, 2],
    ]);
  }, 60_000);

  it("refuses a vendor key on another vendor's order, request or line (403)", async () => {
    const { client, scope, acme, zeta, a, z } = await setup();
    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    const [zetaRequest] = (await listVendorRequests(ctx.db, { authorization: `Bearer ${zeta.key}`, query: {} }))
      .requests;
    // Acme's key on Zeta's order, and on Zeta's request.
    await forbidden(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${acme.key}`,
        body: { orderNumber: String(z), carrier: "ups", trackingNumbers: ["1Z999AA10000000009"] },
      }),
    );
    await forbidden(
      answerVendorRequest(ctx.db, {
        authorization: `Bearer ${acme.key}`,
        requestId: zetaRequest!.id,
        kind: "acknowledge",
        body: {},
      }),
    );
    // Acme's key naming Zeta's line on Acme's own order number is refused too.
    await forbidden(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${acme.key}`,
        body: {
          orderNumber: String(a),
          carrier: "ups",
          trackingNumbers: ["1Z999AA10000000010"],
          items: [{ orderItemId: zetaRequest!.lines[0]!.orderItemId, quantity: 1 }],
        },
      }),
    );
    // A revoked or made-up key is 401; the vendor's own post goes through.
    await expect(
      createShipmentFromApi(ctx.db, {
        authorization: "Bearer cdv_AAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        body: {},
      }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.status === 401);
    const posted = await createShipmentFromApi(ctx.db, {
      authorization: `Bearer ${zeta.key}`,
      body: { orderNumber: String(z), carrier: "ups", trackingNumbers: ["1Z999AA10000000011"] },
    });
    expect(posted.trackingNumbers).toEqual(["1Z999AA10000000011"]);
  }, 60_000);

  it("cancels the open requests of an order canceled in SellerCloud and tells the vendor", async () => {
    const { sc, client, scope, acme, a, z } = await setup();
    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(receiver.received).toHaveLength(2);

    // Order a is canceled in SellerCloud (it leaves Get Orders' In Process filter); order z is
    // marked canceled as Get Orders would write it.
    sc.state.updateOrder(a, { StatusCode: OrderStatus.Canceled });
    await ctx.db
      .update(orders)
      .set({ scStatusCode: OrderStatus.Canceled })
      .where(and(eq(orders.workspaceId, scope.workspaceId), eq(orders.sellercloudOrderId, z)));
    const run = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(run.run.status).toBe("succeeded");
    expect(run.events.filter((e) => e.code === "request_canceled")).toHaveLength(2);
    expect(run.events.filter((e) => e.code === "cancel_notified")).toHaveLength(2);

    const notices = receiver.received.slice(2).map((r) => ({ r, body: JSON.parse(r.body) }));
    expect(notices.map((n) => n.body.type)).toEqual(["fulfillment_request.canceled", "fulfillment_request.canceled"]);
    const acmeNotice = notices.find((n) => n.body.data.vendor.code === "ACME")!;
    expect(verifyStandardWebhook(acme.secret!, acmeNotice.r.headers, acmeNotice.r.body)).toEqual({ ok: true });
    // A cancel notice is its own message (its own webhook-id), not a repeat of the request.
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(4);

    const requests = await requestsOf(scope.workspaceId);
    expect(requests.map((r) => r.state)).toEqual(["canceled", "canceled"]);
    expect(requests.every((r) => r.cancelNotifiedAt !== null)).toBe(true);
    const lines = await ctx.db
      .select()
      .from(fulfillmentRequestLines)
      .where(eq(fulfillmentRequestLines.workspaceId, scope.workspaceId));
    expect(lines.map((l) => l.state)).toEqual(["canceled", "canceled"]);
    const [orderA] = await ctx.db
      .select({ status: orders.scStatusCode })
      .from(orders)
      .where(and(eq(orders.workspaceId, scope.workspaceId), eq(orders.sellercloudOrderId, a)));
    expect(orderA!.status).toBe(OrderStatus.Canceled);

    // Nothing more on the next run; a vendor cannot ship a canceled request.
    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(receiver.received).toHaveLength(4);
    await forbidden(
      createShipmentFromApi(ctx.db, {
        authorization: `Bearer ${acme.key}`,
        body: { orderNumber: String(a), carrier: "ups", trackingNumbers: ["1Z999AA10000000012"] },
      }),
    );
  }, 60_000);

  it("reads back every order with open requests, a page at a time, not only the first page", async () => {
    // One order per cancel page: the canceled order is on the second page of the read-back.
    const smallPages = createSubmitToVendorsModule({ random: () => 1, pageCancels: 1 }) as OperationModule<unknown>;
    const { sc, client, scope, a, z } = await setup();
    await runOperation(ctx.db, scope, "submit_to_vendors", smallPages, client);
    expect(receiver.received).toHaveLength(2);
    const later = Math.max(a, z);
    sc.state.updateOrder(later, { StatusCode: OrderStatus.Canceled });
    const run = await runOperation(ctx.db, scope, "submit_to_vendors", smallPages, client);
    expect(run.run.status).toBe("succeeded");
    const canceled = run.events.filter((e) => e.code === "request_canceled");
    expect(canceled).toHaveLength(1);
    expect(canceled[0]!.message).toContain(`Order ${later} was canceled`);
    const requests = await requestsOf(scope.workspaceId);
    expect(requests.filter((r) => r.state === "canceled")).toHaveLength(1);
  }, 60_000);

  it("dry run sends nothing; email sends the CSV with a stable Message-ID", async () => {
    const { client, scope, zeta } = await setup("email");
    const dry = await runOperation(ctx.db, scope, "submit_to_vendors", submit, client, { dryRun: true });
    expect(dry.events.filter((e) => e.code === "would_submit")).toHaveLength(2);
    expect(receiver.received).toHaveLength(0);
    expect(await requestsOf(scope.workspaceId)).toHaveLength(0);

    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(receiver.received).toHaveLength(1);
    const [mail] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.workspaceId, scope.workspaceId));
    expect(mail!.toAddress).toBe("orders@zeta.example");
    expect(mail!.subject).toMatch(/^Fulfillment request \d+-1 \(order \d+\)$/);
    const attachments = mail!.attachments!;
    expect(attachments[0]!.filename).toMatch(/^request-\d+-1\.csv$/);
    const csv = Buffer.from(attachments[0]!.contentBase64, "base64").toString("utf8");
    expect(csv.split("\n")[0]).toMatch(/^request_number,request_state,order_number/);
    expect(csv).toMatch(/ZETA-1/);
    const request = (await requestsOf(scope.workspaceId)).find((r) => r.vendorId === zeta.vendor.id)!;
    expect(mail!.headers).toEqual({ "Message-ID": `<${request.messageId}@conduit.fulfillment>` });
    const requests = await requestsOf(scope.workspaceId);
    expect(requests.find((r) => r.vendorId === zeta.vendor.id)!.state).toBe("delivered");
  }, 60_000);

  it("a pull vendor's request stays pending until it fetches it", async () => {
    const { client, scope, zeta } = await setup("pull");
    await runOperation(ctx.db, scope, "submit_to_vendors", submit, client);
    expect(receiver.received).toHaveLength(1);
    const before = await requestsOf(scope.workspaceId);
    expect(before.find((r) => r.vendorId === zeta.vendor.id)!.state).toBe("pending");
    const listed = await listVendorRequests(ctx.db, { authorization: `Bearer ${zeta.key}`, query: {} });
    expect(listed.requests.map((r) => [r.vendor.code, r.state])).toEqual([["ZETA", "delivered"]]);
    const rejected = await answerVendorRequest(ctx.db, {
      authorization: `Bearer ${zeta.key}`,
      requestId: listed.requests[0]!.id,
      kind: "reject",
      body: { reason: "Out of stock until March" },
    });
    expect(rejected.request.state).toBe("rejected");
    expect(rejected.request.lines[0]).toMatchObject({ state: "rejected", rejectReason: "Out of stock until March" });
  }, 60_000);
});
