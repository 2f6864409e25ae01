import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import { listings, variants } from "@/db/schema/catalog";
import { orderItems } from "@/db/schema/orders";
import { describeEachDb } from "@/db/testing/describe-db";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { createMappingSet } from "@/lib/mapping/set-queries";
import { ensureActiveGetOrdersTemplate, saveTemplateVersion } from "@/lib/mapping/template-queries";
import { markOrderShipped } from "@/lib/orders/queries";
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

describeEachDb("Get Orders against the sandbox", (ctx) => {
  it("imports the matching orders and their items, mapped by the template", async () => {
    const s = await sandbox();
    const scope = await seedGetOrdersChannel(ctx.db);
    const expected = matching(s);
    expect(expected.length).toBeGreaterThan(100); // several pages

    // A variant whose SKU is sold on some order line gets linked.
    const firstItem = (expected[0]!.Items as Json[])[0]!;
    const [listing] = await ctx.db
      .insert(listings)
      .values({ workspaceId: scope.workspaceId, key: "L1", title: "Lantern" })
      .returning();
    const [variant] = await ctx.db
      .insert(variants)
      .values({
        workspaceId: scope.workspaceId,
        listingId: listing!.id,
        sku: String(firstItem.ProductID).toLowerCase(),
        skuKey: String(firstItem.ProductID).toUpperCase(),
      })
      .returning();

    const client = clientFor(s);
    const { outcome, run, events } = await runGetOrders(ctx.db, scope, client);
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(run).toMatchObject({ fetchedCount: expected.length, createdCount: expected.length, skippedCount: 0 });
    expect(events.filter((e) => e.level !== "info")).toEqual([]);
    // One list call per 50 orders (plus the login), never a per-order call.
    const orderCalls = s.requests.list({ path: "/api/Orders" });
    expect(orderCalls).toHaveLength(Math.ceil(expected.length / 50));
    expect(client.callsMade).toBe(orderCalls.length + 1);

    expect(await storedIds(ctx.db, scope.channelId)).toEqual(expected.map((o) => o.ID));
    const { version } = await ensureActiveGetOrdersTemplate(ctx.db, scope.workspaceId, scope.channelId);
    expect(run.templateVersionId).toBe(version.id);

    const sample = expected[7]!;
    const stored = await orderOf(ctx.db, scope.channelId, sample.ID);
    const ship = sample.ShippingAddress as Json;
    expect(stored).toMatchObject({
      shippingCity: ship.City,
      shippingStreet1: ship.StreetLine1,
      shippingStreet2: (ship.StreetLine2 as string) || null,
      shippingCountryCode: ship.CountryCode,
      grandTotal: Number(sample.GrandTotal).toFixed(2),
      orderSourceOrderId: sample.OrderSourceOrderID,
      shippingService: sample.ShippingService,
      timeOfOrder: String(sample.TimeOfOrder).replace("T", " "),
      scStatusCode: IN_PROCESS,
      importedByRunId: run.id,
      templateVersionId: version.id,
      raw: sample,
    });
    const items = await ctx.db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, stored!.id))
      .orderBy(orderItems.lineNumber);
    expect(items.map((i) => ({ line: i.lineNumber, sku: i.productId, qty: i.quantity, price: i.sitePrice }))).toEqual(
      (sample.Items as Json[]).map((i, k) => ({
        line: k + 1,
        sku: i.ProductID,
        qty: i.Qty,
        price: Number(i.SitePrice).toFixed(2),
      })),
    );
    const [itemCount] = rowsOf<{ n: number }>(
      await ctx.db.execute(
        sql`select count(*)::int as n from order_items oi join orders o on o.id = oi.order_id where o.channel_id = ${scope.channelId}`,
      ),
    );
    expect(itemCount!.n).toBe(expected.reduce((n, o) => n + (o.Items as Json[]).length, 0));
    const linked = await ctx.db.select().from(orderItems).where(eq(orderItems.variantId, variant!.id));
    expect(linked.length).toBeGreaterThan(0);

    // A second run creates nothing and counts every order as unchanged.
    const second = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(second.run).toMatchObject({
      createdCount: 0,
      updatedCount: 0,
      unchangedCount: expected.length,
      skippedCount: 0,
    });
    expect(await storedIds(ctx.db, scope.channelId)).toHaveLength(expected.length);
  });

  it("updates a changed order unless it has shipped, and leaves orders that left the filter alone", async () => {
    const s = await sandbox(120);
    const scope = await seedGetOrdersChannel(ctx.db);
    await runGetOrders(ctx.db, scope, clientFor(s));
    const [a, b, c] = matching(s);
    s.state.updateOrder(a!.ID as number, {
      ShippingService: "Next Day Air",
      Items: [{ ProductID: "NEW-SKU", Qty: 4, SitePrice: 5 }],
    });
    s.state.updateOrder(b!.ID as number, { ShippingService: "Changed too" });
    s.state.updateOrder(c!.ID as number, { StatusCode: 3 }); // completed: no longer matches
    const shipped = await orderOf(ctx.db, scope.channelId, b!.ID);
    await markOrderShipped(ctx.db, scope.workspaceId, shipped.id, new Date());

    const { run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(run).toMatchObject({ createdCount: 0, updatedCount: 1, skippedCount: 1 });
    expect(events.find((e) => e.code === "shipped_not_updated")?.entityId).toBe(String(b!.ID));
    const updated = await orderOf(ctx.db, scope.channelId, a!.ID);
    expect(updated).toMatchObject({ shippingService: "Next Day Air", lastUpdatedByRunId: run.id });
    const items = await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, updated.id));
    expect(items.map((i) => [i.productId, i.quantity])).toEqual([["NEW-SKU", 4]]);
    const kept = await orderOf(ctx.db, scope.channelId, b!.ID);
    expect(kept.shippingService).not.toBe("Changed too");
    const left = await orderOf(ctx.db, scope.channelId, c!.ID);
    expect(left.scStatusCode).toBe(IN_PROCESS);
  });

  it("survives a throttled page, a malformed order and orders arriving or leaving mid-run", async () => {
    const s = await sandbox(300);
    const scope = await seedGetOrdersChannel(ctx.db);
    const before = matching(s);
    expect(before.length).toBeGreaterThan(150); // at least four pages
    const client = clientFor(s);

    // Page 2 is throttled once (the client waits out RateLimitResetTime), page 3 carries a
    // record with a wrong-typed field, and five new orders arrive before page 3 is served.
    s.faults.add({ kind: "throttle", path: "/api/Orders", after: 1, resetMs: 150 });
    s.faults.add({
      kind: "malformed",
      path: "/api/Orders",
      after: 3,
      records: [4],
      field: "Items[0].Qty",
      value: "two",
    });
    s.faults.add({
      kind: "newOrders",
      path: "/api/Orders",
      after: 3,
      count: 5,
      order: { CompanyID: COMPANY, StatusCode: IN_PROCESS },
    });
    // Before page 2, three orders already read on page 1 are completed: every later row slides
    // back three places, so page 2's first rows land on page 1 and the main pass misses them.
    const original = client.getOrdersPage.bind(client);
    let calls = 0;
    client.getOrdersPage = async (query, pageNumber, signal) => {
      calls++;
      if (calls === 2) for (const o of before.slice(0, 3)) s.state.updateOrder(o.ID as number, { StatusCode: 3 });
      return original(query, pageNumber, signal);
    };

    const { outcome, run, events } = await runGetOrders(ctx.db, scope, client);
    expect(outcome).toMatchObject({ kind: "finished" });
    const malformedId = events.find((e) => e.code === "invalid_record")?.entityId;
    expect(malformedId).toBeTruthy();
    expect(events.find((e) => e.code === "invalid_record")?.message).toContain("Qty");
    expect(events.some((e) => e.code === "recheck_pass")).toBe(true);
    expect(s.requests.list({ path: "/api/Orders" }).filter((r) => r.status === 429)).toHaveLength(1);

    const now = matching(s).map((o) => o.ID as number);
    const stored = await storedIds(ctx.db, scope.channelId);
    // None lost: every order matching now is stored. That includes the malformed one: it was
    // skipped on its page (event above), and the re-check pass read it again, intact this time.
    expect(now.filter((id) => !stored.includes(id))).toEqual([]);
    expect(run.skippedCount).toBe(1);
    // The three completed orders were read before they left the filter and stay as imported.
    for (const o of before.slice(0, 3)) expect(stored).toContain(o.ID);
    // None doubled: one row per SellerCloud order, and created equals the rows.
    expect(new Set(stored).size).toBe(stored.length);
    expect(run.createdCount).toBe(stored.length);
    expect(stored).toContain(Number(malformedId));

    // The next run has nothing left to create.
    const next = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(next.run).toMatchObject({ createdCount: 0, updatedCount: 0, skippedCount: 0, unchangedCount: now.length });
  });

  it("skips an unmappable order with an event naming the order, field and reason", async () => {
    const s = await sandbox(60);
    const scope = await seedGetOrdersChannel(ctx.db);
    const [bad] = matching(s);
    s.state.updateOrder(bad!.ID as number, { ShippingAddress: { ...(bad!.ShippingAddress as Json), City: "" } });
    const { run, events } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(run.skippedCount).toBe(1);
    const event = events.find((e) => e.code === "mapping_failed");
    expect(event).toMatchObject({ entityId: String(bad!.ID), details: { field: "shipping.city" } });
    expect(event!.message).toBe(`Skipped: Order ${bad!.ID}, Shipping address › City: is required but came out empty`);
    expect(run.createdCount).toBe(matching(s).length - 1);
  });

  it("maps with every mode of a saved template and records its version", async () => {
    const s = await sandbox(60);
    const scope = await seedGetOrdersChannel(ctx.db);
    const set = await createMappingSet(ctx.db, scope.workspaceId, {
      name: "Countries",
      entries: [{ from: "US", to: "USA" }],
    });
    const { template } = await ensureActiveGetOrdersTemplate(ctx.db, scope.workspaceId, scope.channelId);
    const body = buildDefaultTemplateBody();
    body.fields["billing.companyName"] = { mode: "none" };
    body.fields["billing.phone"] = { mode: "empty" };
    body.fields["shipping.countryName"] = { mode: "value", value: "Somewhere" };
    body.fields["shipping.countryCode"] = {
      mode: "mapping_set",
      setId: set.id,
      path: "ShippingAddress.CountryCode",
      fallback: { kind: "pass_through" },
    };
    body.fields["order.shippingService"] = {
      mode: "rules",
      rules: [
        {
          match: "any",
          conditions: [{ path: "ShippingService", op: "contains", value: "ground" }],
          output: { kind: "value", value: "GROUND" },
        },
      ],
      default: { kind: "field", path: "ShippingCarrier" },
    };
    const version = await saveTemplateVersion(ctx.db, scope.workspaceId, template.id, body);
    const { run } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(run.templateVersionId).toBe(version.id);
    for (const o of matching(s).slice(0, 10)) {
      const row = await orderOf(ctx.db, scope.channelId, o.ID);
      const ship = o.ShippingAddress as Json;
      expect(row).toMatchObject({
        billingCompanyName: null,
        billingPhone: null,
        shippingCountryName: "Somewhere",
        shippingCountryCode: ship.CountryCode === "US" ? "USA" : ship.CountryCode,
        shippingService: /ground/i.test(String(o.ShippingService)) ? "GROUND" : o.ShippingCarrier,
        templateVersionId: version.id,
      });
    }
  });

  it("dry run writes nothing and says per order what it would do", async () => {
    const s = await sandbox(60);
    const scope = await seedGetOrdersChannel(ctx.db);
    const expected = matching(s);
    const { run, events } = await runGetOrders(ctx.db, scope, clientFor(s), true);
    expect(run).toMatchObject({ status: "succeeded", createdCount: expected.length, templateVersionId: null });
    expect(await storedIds(ctx.db, scope.channelId)).toEqual([]);
    expect(events.filter((e) => e.code === "would_create").map((e) => Number(e.entityId))).toEqual(
      expected.map((o) => o.ID),
    );

    const real = await runGetOrders(ctx.db, scope, clientFor(s));
    s.state.updateOrder(expected[0]!.ID as number, { GrandTotal: 1 });
    const dry = await runGetOrders(ctx.db, scope, clientFor(s), true);
    expect(dry.run.templateVersionId).toBe(real.run.templateVersionId);
    expect(dry.events.find((e) => e.code === "would_update")?.entityId).toBe(String(expected[0]!.ID));
    expect(dry.events.filter((e) => e.code === "would_skip")).toHaveLength(expected.length - 1);
    const unchanged = await orderOf(ctx.db, scope.channelId, expected[0]!.ID);
    expect(unchanged.grandTotal).not.toBe("1.00");
  });
});
