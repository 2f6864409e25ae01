/**
 * Get Orders with SellerCloud data as it really comes (issue 13 §1, §2, §5): NUL and other control
 * characters, lone surrogates, an order the database refuses, a list that ignores its filters,
 * order lines with quantity 0 or below. Every case goes through the sandbox over HTTP.
 */

import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { orderItems } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { OrderStatus } from "@/lib/sellercloud/enums";
import { toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import { createGetOrdersModule } from ".";
import { CREATED_ON_SLACK_MS } from "./filters";
import {
  COMPANY,
  clientFor,
  IN_PROCESS,
  type Json,
  matching,
  orderOf,
  runGetOrders,
  sandbox,
  seedGetOrdersChannel,
  storedIds,
} from "./test-helpers";
import { writeOrders } from "./write";

const DAY = 86_400_000;

describeEachDb("Get Orders with imperfect SellerCloud data", (ctx) => {
  it("cleans NUL, control characters and lone surrogates in mapped columns and the raw record, and says so once", async () => {
    const s = await sandbox(120);
    const scope = await seedGetOrdersChannel(ctx.db);
    const expected = matching(s);
    const [first] = expected;
    // The input: StreetLine2 "Apt 4\u0000" on the first order of every page; an item
    // DisplayName with NUL and BEL, and a lone surrogate in the billing name, on the fourth.
    s.faults.add({
      kind: "malformed",
      path: "/api/Orders",
      times: -1,
      records: [0],
      field: "ShippingAddress.StreetLine2",
      value: "Apt 4\u0000",
    });
    s.faults.add({
      kind: "dirtyText",
      path: "/api/Orders",
      times: -1,
      records: [3],
      fields: ["Items[0].DisplayName"],
      text: "\u0000\u0007",
    });
    s.faults.add({
      kind: "dirtyText",
      path: "/api/Orders",
      times: -1,
      records: [3],
      fields: ["BillingAddress.FirstName"],
      text: "\uD83D",
    });

    const { outcome, run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    // Before: "The operation stopped on an unexpected error", 0 orders stored, run after run.
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(run).toMatchObject({ createdCount: expected.length, failedCount: 0, skippedCount: 0 });
    expect(await storedIds(ctx.db, scope.channelId)).toEqual(expected.map((o) => o.ID));

    const stored = await orderOf(ctx.db, scope.channelId, first!.ID);
    expect(stored.shippingStreet2).toBe("Apt 4");
    expect((stored.raw.ShippingAddress as Json).StreetLine2).toBe("Apt 4");

    const fourth = expected[3]!;
    const dirty = await orderOf(ctx.db, scope.channelId, fourth.ID);
    const item = (fourth.Items as Json[])[0]!;
    expect(((dirty.raw.Items as Json[])[0] as Json).DisplayName).toBe(item.DisplayName);
    const [line] = await ctx.db
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.orderId, dirty.id), eq(orderItems.lineNumber, 1)));
    expect(line!.displayName).toBe(item.DisplayName);
    expect(dirty.billingFirstName).toBe(`${(fourth.BillingAddress as Json).FirstName}\uFFFD`);

    // One event for the run, counting every cleaned order and naming orders and fields.
    const cleaned = events.filter((e) => e.code === "text_cleaned");
    expect(cleaned).toHaveLength(1);
    const pages = Math.ceil(expected.length / 50);
    expect(cleaned[0]!.details).toMatchObject({ orders: pages + pages, fields: pages * 3 });
    expect(cleaned[0]!.message).toContain(`${first!.ID} (ShippingAddress.StreetLine2)`);
    expect(cleaned[0]!.message).toContain(`${fourth.ID} (BillingAddress.FirstName, Items[0].DisplayName)`);
    expect(cleaned[0]!.level).toBe("info");

    // The next run with the same dirty data finds nothing changed.
    const again = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(again.run).toMatchObject({ unchangedCount: expected.length, createdCount: 0, updatedCount: 0 });
  });

  it("a new order the database refuses is skipped with an event; the other 249 of its page are saved", async () => {
    const s = await sandbox(450);
    const scope = await seedGetOrdersChannel(ctx.db);
    const expected = matching(s);
    expect(expected.length).toBeGreaterThan(250);
    // Order 101 of the first runner page (5 list pages, 250 orders) gets GrandTotal
    // 12,345,678,901.50: it passes mapping (money below 1e12) but not numeric(12, 2), "numeric
    // field overflow", a failure no cleaning prevents. Set over the sandbox's admin API.
    const bad = expected[100]!;
    await fetch(`${s.origin}/__sandbox/orders/${bad.ID}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ GrandTotal: 12_345_678_901.5 }),
    });

    const { outcome, run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    // Before: the page rolled back, was retried three times, and the run failed.
    expect(outcome).toEqual({ kind: "finished", status: "partially_failed" });
    expect(run).toMatchObject({ createdCount: expected.length - 1, failedCount: 1 });
    const stored = await storedIds(ctx.db, scope.channelId);
    expect(stored).toEqual(expected.map((o) => o.ID).filter((id) => id !== bad.ID));
    const failed = events.filter((e) => e.code === "write_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: "error",
      entityId: String(bad.ID),
      details: { field: "order.grandTotal", reason: "numeric field overflow" },
    });
    expect(failed[0]!.message).toBe(
      "Not saved: the database refused the value of order.grandTotal (numeric field overflow). The other orders were saved; the next run tries this one again.",
    );

    // Fixed in SellerCloud: the next run imports it.
    s.state.updateOrder(bad.ID as number, { GrandTotal: 12.5 });
    const next = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(next.run).toMatchObject({ status: "succeeded", createdCount: 1, failedCount: 0 });
  });

  it("an update the database refuses leaves the stored order as it was and saves the other updates", async () => {
    const s = await sandbox(120);
    const scope = await seedGetOrdersChannel(ctx.db);
    await runGetOrders(ctx.db, scope, clientFor(s));
    const [a, b] = matching(s);
    s.state.updateOrder(a!.ID as number, { GrandTotal: 98_765_432_109 });
    s.state.updateOrder(b!.ID as number, { ShippingService: "Changed" });
    const before = await orderOf(ctx.db, scope.channelId, a!.ID);

    const { outcome, run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(outcome).toEqual({ kind: "finished", status: "partially_failed" });
    expect(run).toMatchObject({ updatedCount: 1, failedCount: 1 });
    expect(events.find((e) => e.code === "write_failed")?.entityId).toBe(String(a!.ID));
    expect((await orderOf(ctx.db, scope.channelId, b!.ID)).shippingService).toBe("Changed");
    const after = await orderOf(ctx.db, scope.channelId, a!.ID);
    expect(after.grandTotal).toBe(before.grandTotal);
    const items = await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, after.id));
    expect(items).toHaveLength((a!.Items as Json[]).length);
  });

  it("isolates a failing writer by order, but fails the page on an error that is not about an order's data", async () => {
    const s = await sandbox(120);
    const scope = await seedGetOrdersChannel(ctx.db);
    const expected = matching(s);
    const badId = expected[10]!.ID as number;
    const refusing = createGetOrdersModule({
      writer: async (tx, scope_, writes, updatedIds, template) => {
        if (writes.some((w) => w.scId === badId))
          throw Object.assign(new Error('new row for relation "orders" violates check constraint'), {
            code: "23514",
            column: "order_source_order_id",
          });
        await writeOrders(tx, scope_, writes, updatedIds, template);
      },
    });
    const { run, events } = await runGetOrders(ctx.db, scope, clientFor(s), false, refusing as never);
    expect(run).toMatchObject({ status: "partially_failed", failedCount: 1, createdCount: expected.length - 1 });
    expect(events.find((e) => e.code === "write_failed")).toMatchObject({
      entityId: String(badId),
      details: { field: "order.orderSourceOrderId" },
    });

    const scope2 = await seedGetOrdersChannel(ctx.db);
    const broken = createGetOrdersModule({
      writer: async () => {
        throw Object.assign(new Error("connection terminated"), { code: "08006" });
      },
    });
    const failed = await runGetOrders(ctx.db, scope2, clientFor(s), false, broken as never);
    expect(failed.run.status).toBe("failed");
    expect(await storedIds(ctx.db, scope2.channelId)).toEqual([]);
  });

  it.each([
    ["UTC", undefined],
    ["America/New_York", "America/New_York"],
  ])(
    "ignores orders outside the filters when SellerCloud drops them, and says so once (tenant clock %s)",
    async (_, timeZone) => {
      // Twenty days of orders, a seven-day window: other companies, statuses and old orders exist.
      const s = await sandbox(400, { orderSpanDays: 20, ...(timeZone ? { timeZone } : {}) });
      const scope = await seedGetOrdersChannel(ctx.db, 7, timeZone);
      // The sandbox prints CreatedOn on the tenant's wall clock: compare on that clock.
      const offset = timeZone ? Date.now() - toTenantWallClock(new Date(), timeZone).getTime() : 0;
      const createdAt = (o: Json) => Date.parse(`${o.CreatedOn}Z`) + offset;
      const started = Date.now();
      const expected = matching(s).filter((o) => createdAt(o) >= started - 8 * DAY);
      s.faults.add({
        kind: "ignoreFilter",
        path: "/api/Orders",
        times: -1,
        filters: ["companyID", "orderStatus", "createdOn"],
      });
      const all = Array.from(s.state.queryOrders({ orderBy: 0, ascending: true }), (i) => s.state.orderDtoAt(i));
      expect(all.some((o) => o.CompanyID !== COMPANY)).toBe(true);
      expect(all.some((o) => o.StatusCode === OrderStatus.Completed)).toBe(true);
      expect(all.some((o) => o.StatusCode === OrderStatus.Canceled)).toBe(true);

      const { outcome, run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
      // Every order the server sent is checked: only the channel's company, In Process, in the window.
      expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
      const stored = await storedIds(ctx.db, scope.channelId);
      const byId = new Map(all.map((o) => [o.ID as number, o]));
      for (const id of stored) {
        const o = byId.get(id)!;
        expect([o.CompanyID, o.StatusCode]).toEqual([COMPANY, IN_PROCESS]);
        expect(createdAt(o)).toBeGreaterThanOrEqual(started - 8 * DAY - CREATED_ON_SLACK_MS - 60_000);
      }
      // Everything asked for is there (orders near the window's edge, within the slack, may be too).
      expect(expected.filter((o) => !stored.includes(o.ID as number))).toEqual([]);
      const ignored = all.length - stored.length;
      expect(run).toMatchObject({ fetchedCount: all.length, skippedCount: ignored, createdCount: stored.length });

      const notes = events.filter((e) => e.code === "outside_filters");
      expect(notes).toHaveLength(1);
      const details = notes[0]!.details as { orders: number; byFilter: Record<string, number> };
      expect(details.orders).toBe(ignored);
      expect(details.byFilter.company).toBe(all.filter((o) => o.CompanyID !== COMPANY).length);
      expect(details.byFilter.orderStatus).toBe(all.filter((o) => o.StatusCode !== IN_PROCESS).length);
      expect(details.byFilter.createdOn).toBeGreaterThan(0);
      expect(notes[0]).toMatchObject({ level: "warn", entity: "run" });
      expect(notes[0]!.message).toMatch(
        new RegExp(
          `^SellerCloud returned ${ignored} orders outside the filters; they were ignored \\(${details.byFilter.company} of another company, ${details.byFilter.orderStatus} in another order status, ${details.byFilter.createdOn} created outside the date window\\)\\. Orders: `,
        ),
      );
    },
  );

  it("imports lines with quantity 0 or below and flags each line", async () => {
    const s = await sandbox(30);
    const scope = await seedGetOrdersChannel(ctx.db);
    const res = await fetch(`${s.origin}/__sandbox/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        CompanyID: COMPANY,
        StatusCode: IN_PROCESS,
        Items: [
          { ProductID: "MUG-1", Qty: 2 },
          { ProductID: "MUG-2", Qty: 0 },
          { ProductID: "MUG-3", Qty: -1 },
        ],
      }),
    });
    const odd = (await res.json()) as Json;

    const { outcome, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    const stored = await orderOf(ctx.db, scope.channelId, odd.ID);
    const lines = await ctx.db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, stored.id))
      .orderBy(orderItems.lineNumber);
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      ["MUG-1", 2],
      ["MUG-2", 0],
      ["MUG-3", -1],
    ]);
    const flags = events.filter((e) => e.code === "quantity_not_positive");
    expect(flags.map((e) => [e.level, e.entityId, e.details])).toEqual([
      ["warn", String(odd.ID), { line: 2, quantity: 0, sku: "MUG-2" }],
      ["warn", String(odd.ID), { line: 3, quantity: -1, sku: "MUG-3" }],
    ]);
    expect(flags[0]!.message).toBe(
      "Line 2 (MUG-2) has quantity 0; the order was imported as SellerCloud sent it. Check the line in SellerCloud before shipping.",
    );

    // Unchanged on the next run: not flagged again.
    const again = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(again.events.filter((e) => e.code === "quantity_not_positive")).toEqual([]);
  });
});
