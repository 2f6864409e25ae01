import { expect, it } from "vitest";
import { describeEachDb } from "@/db/testing/describe-db";
import { COMPANY, clientFor, IN_PROCESS, orderOf, runGetOrders, sandbox, seedGetOrdersChannel } from "./test-helpers";

// Get Orders stores each order's currency from SellerCloud's OrderCurrencyCode (issue 14: amounts
// shown with the order's currency), over HTTP with the sandbox.
describeEachDb("Get Orders: the order's currency", (ctx) => {
  it("stores OrderCurrencyCode as an ISO code, and nothing for an undocumented code", async () => {
    const s = await sandbox(5);
    const scope = await seedGetOrdersChannel(ctx.db);
    const euro = s.state.addOrder({ CompanyID: COMPANY, StatusCode: IN_PROCESS, OrderCurrencyCode: 3 });
    const dollar = s.state.addOrder({ CompanyID: COMPANY, StatusCode: IN_PROCESS });
    const odd = s.state.addOrder({ CompanyID: COMPANY, StatusCode: IN_PROCESS, OrderCurrencyCode: 99 });
    const { outcome } = await runGetOrders(ctx.db, scope, clientFor(s));
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect((await orderOf(ctx.db, scope.channelId, euro.ID)).currencyCode).toBe("EUR");
    expect((await orderOf(ctx.db, scope.channelId, dollar.ID)).currencyCode).toBe("USD");
    expect((await orderOf(ctx.db, scope.channelId, odd.ID)).currencyCode).toBeNull();
  });
});
