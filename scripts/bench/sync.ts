import { eq, sql } from "drizzle-orm";
import { runs } from "@/db/schema/runs";
import { shipmentPackages, shipments } from "@/db/schema/shipments";
import type { ChannelSettings } from "@/db/schema/values";
import { workRun } from "@/lib/operations/runner";
import { syncOrdersModule } from "@/lib/operations/sync-orders";
import type { SellerCloudClient } from "@/lib/sellercloud/client";
import { importSandboxOrders, SANDBOX_MAPPINGS, unshippedSandboxOrderIds } from "@/lib/shipments/testing/seed";
import { enqueueAndClaim, flag, runBench, sandboxClient, seconds, withBenchWorld } from "./harness";

const SHIPMENTS = flag("shipments", 5_000);

async function main() {
  const sandboxOptions = {
    orders: SHIPMENTS + 50,
    itemsPerOrder: 2,
    inProcessShare: 1,
    orderSpanDays: 5,
    products: 2_000,
    seed: 11,
  };
  const settings: Partial<ChannelSettings> = {
    shippingMappings: SANDBOX_MAPPINGS,
    orders: {
      companyId: 1,
      orderStatus: 2,
      dropshipStatus: null,
      ageDays: 7,
      retention: "keep",
      partialShipments: "wait",
    },
  };
  await withBenchWorld({ sandbox: sandboxOptions, settings }, async (world) => {
    const { db, label, sandbox, workspaceId, channelId } = world;

    // Seed: orders as Get Orders would leave them, and one shipment per order.
    const seedStart = performance.now();
    const ids = unshippedSandboxOrderIds(sandbox.state, SHIPMENTS);
    if (ids.length < SHIPMENTS) throw new Error(`the sandbox has only ${ids.length} unshipped orders`);
    const seeded = await importSandboxOrders(db, { workspaceId, channelId }, sandbox.state, ids);
    const carriers = [
      ["ups", "ground"],
      ["fedex", ""],
      ["usps", "priority"],
    ] as const;
    let minimum = 1 + Math.ceil(seeded.length / 50);
    let trackingTotal = 0;
    const expected = new Map<number, string[]>();
    for (let i = 0; i < seeded.length; i += 500) {
      const slice = seeded.slice(i, i + 500);
      const shipmentRows = await db
        .insert(shipments)
        .values(
          slice.map((order, k) => {
            const [carrier, service] = carriers[(i + k) % carriers.length]!;
            return {
              workspaceId,
              orderId: order.id,
              channelId,
              carrier,
              service,
              shipDate: new Date(),
              coversWholeOrder: true,
              source: "api" as const,
            };
          }),
        )
        .returning({ id: shipments.id, orderId: shipments.orderId });
      const packageRows = shipmentRows.flatMap((row, k) => {
        const order = slice[k]!;
        // 70 % one tracking number, 20 % two, 10 % three, never more than the order's units: Sync
        // Orders rightly refuses more packages than units (SellerCloud needs an item in each).
        const units = ((sandbox.state.getOrder(order.scId)!.dto.Items as Array<{ Qty?: number }>) ?? []).reduce(
          (sum, item) => sum + Math.max(0, Number(item.Qty ?? 0)),
          0,
        );
        const n = Math.min(Math.max(1, units), (i + k) % 10 < 7 ? 1 : (i + k) % 10 < 9 ? 2 : 3);
        const numbers = Array.from({ length: n }, (_, j) => `BENCH${order.scId}-${j + 1}`);
        expected.set(order.scId, numbers);
        trackingTotal += n;
        if (n === 1) minimum += 1;
        else {
          const packages = sandbox.state.getOrder(order.scId)!.packages.length;
          minimum += 1 + n + (packages < n ? 2 : 0);
        }
        return numbers.map((trackingNumber, position) => ({
          workspaceId,
          shipmentId: row.id,
          orderId: row.orderId,
          position,
          trackingNumber,
        }));
      });
      await db.insert(shipmentPackages).values(packageRows);
    }
    const seedMs = performance.now() - seedStart;

    const clients: SellerCloudClient[] = [];
    const deps = {
      db,
      createSellerCloudClient: async () => {
        const client = sandboxClient(sandbox);
        clients.push(client);
        return client;
      },
      getModule: () => syncOrdersModule as never,
      options: { leaseMs: 120_000, heartbeatMs: 20_000 },
    };

    const start = performance.now();
    const claimed = await enqueueAndClaim(deps, { workspaceId, channelId, operation: "sync_orders" });
    const run = claimed.run;
    const outcome = await workRun(deps, claimed);
    const ms = performance.now() - start;

    const [row] = await db.select().from(runs).where(eq(runs.id, run.id));
    const used = clients.reduce((n, c) => n + c.callsMade, 0);
    const [states] = await db
      .select({
        synced: sql<number>`count(*) filter (where ${shipments.syncState} = 'synced')::int`,
        other: sql<number>`count(*) filter (where ${shipments.syncState} <> 'synced')::int`,
      })
      .from(shipments);

    // Check SellerCloud's side: every order Fully Shipped with exactly its numbers, once each.
    let wrong = 0;
    for (const [scId, numbers] of expected) {
      const order = sandbox.state.getOrder(scId)!;
      const on = (order.dto.AllTrackingNumbers as string[]) ?? [];
      if (order.dto.ShippingStatus !== 3 || on.length !== numbers.length || numbers.some((n) => !on.includes(n)))
        wrong++;
    }
    const byKind = new Map<string, number>();
    for (const client of clients) {
      byKind.set("logins", (byKind.get("logins") ?? 0) + client.stats.logins);
      byKind.set("retries", (byKind.get("retries") ?? 0) + client.stats.retries);
    }

    console.log(`database: ${label}`);
    console.log(`shipments: ${seeded.length} (${trackingTotal} tracking numbers), seeded in ${seconds(seedMs)} s`);
    console.log(
      `run: ${JSON.stringify(outcome)}, status ${row?.status}, pages ${row?.pagesDone}, run.calls_used ${row?.callsUsed}`,
    );
    console.log(`synced: ${states?.synced}, not synced: ${states?.other}, orders wrong in SellerCloud: ${wrong}`);
    console.log(`logins: ${byKind.get("logins")}, retries: ${byKind.get("retries")}`);
    console.log(`time: ${seconds(ms)} s (${((seeded.length / ms) * 1000).toFixed(0)} shipments/s)`);
    console.log(`calls: ${used}/${minimum}`);
    if (wrong || states?.other) process.exitCode = 1;
  });
}

runBench(main);
