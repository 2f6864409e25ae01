/**
 * Get Orders on the tenant's clock (issue 13 §3): SellerCloud reads created-on filters in its
 * server's local time. Under a UTC and an America/New_York sandbox clock, with the channel's
 * SellerCloud time zone set to match, the window is sent on that clock and an order created just
 * inside the window's start is imported.
 */

import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { channels } from "@/db/schema/channels";
import { describeEachDb } from "@/db/testing/describe-db";
import { scDateString } from "@/lib/sellercloud/sandbox/wire-format";
import { toTenantWallClock } from "@/lib/sellercloud/tenant-clock";
import { formatFilterDate } from "@/lib/sellercloud/value-formats";
import { COMPANY, clientFor, IN_PROCESS, runGetOrders, sandbox, seedGetOrdersChannel, storedIds } from "./test-helpers";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const zone of ["UTC", "America/New_York"]) {
  describeEachDb(`Get Orders on a SellerCloud clock in ${zone}`, (ctx) => {
    it("sends the created-on window on the tenant's clock and misses no order at its start", async () => {
      const s = await sandbox(40, { timeZone: zone });
      const ageDays = 3;
      const scope = await seedGetOrdersChannel(ctx.db, ageDays);
      const [row] = await ctx.db.select().from(channels).where(eq(channels.id, scope.channelId));
      await ctx.db
        .update(channels)
        .set({ settings: { ...row!.settings!, orders: { ...row!.settings!.orders!, timeZone: zone } } })
        .where(eq(channels.id, scope.channelId));
      const now = Date.now();
      // Created two hours after the window's start (ageDays + 1 days back), as the tenant's clock says.
      const early = s.state.addOrder({
        CompanyID: COMPANY,
        StatusCode: IN_PROCESS,
        CreatedOn: scDateString(toTenantWallClock(new Date(now - (ageDays + 1) * DAY + 2 * HOUR), zone).getTime()),
      });
      const fresh = s.state.addOrder({ CompanyID: COMPANY, StatusCode: IN_PROCESS });
      const since = s.requests.lastSeq;
      const { run } = await runGetOrders(ctx.db, scope, clientFor(s));
      expect(run.status).toBe("succeeded");
      const stored = await storedIds(ctx.db, scope.channelId);
      expect(stored).toContain(early.ID);
      expect(stored).toContain(fresh.ID);
      const [list] = s.requests.list({ since, path: "/api/Orders" });
      const to = list!.query["model.createdOnTo"]![0]!;
      // A day ahead of the tenant's now, to the minute (the run started within the last minutes).
      const expectedTo = toTenantWallClock(new Date(now + DAY), zone);
      const candidates = [0, 1, 2].map((m) => formatFilterDate(new Date(expectedTo.getTime() + m * 60_000)));
      expect(candidates).toContain(to);
    });
  });
}
