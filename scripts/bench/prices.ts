/**
 * bench:prices — Sync Prices & Quantities at scale: 50,000 variants linked to the sandbox's
 * products whose values SellerCloud already holds (the state after a first push; `--first-push`
 * sends it instead, one call per price), a steady run that must make no call, then 10 % of the
 * variants change (half their cost, so their price; half their stock)
 * and a second run sends exactly those: prices one call each, quantities through SellerCloud's
 * bulk import (a queued job). Prints each run's time and, last, `calls: USED/MINIMUM` for the
 * second run: MINIMUM is one login, one PUT per changed price and, per bulk job, one submit, one
 * status poll and one log read.
 *
 *   npm run bench:prices [-- --variants 50000 --changed 0.1 --first-push --verbose --no-analyze]
 */
import { sql } from "drizzle-orm";
import { runs } from "@/db/schema/runs";
import { createSyncPricesModule } from "@/lib/operations/sync-prices";
import { workRun } from "@/lib/operations/runner";
import { pricesArea } from "@/lib/sellercloud/sandbox/areas/prices";
import {
  enqueueAndClaim,
  flag,
  mb,
  runBench,
  sandboxClient,
  seconds,
  startRssSampler,
  withBenchWorld,
} from "./harness";

const VARIANTS = flag("variants", 50_000);
const CHANGED = flag("changed", 0.1);
const BULK_MAX_ROWS = 10_000;

async function main() {
  const rss = startRssSampler();
  await withBenchWorld(
    {
      sandbox: { products: VARIANTS, orders: 10, requestLogLimit: 50_000 },
      settings: {
        priceSync: {
          warehouseId: 2,
          warehouseName: "East annex",
          sendPrices: true,
          sendQuantities: true,
          refuseBelowCost: true,
          refuseBelowMap: true,
          holdPriceChangePercent: 30,
          holdZeroingPercent: 20,
          reviewFirstPush: false,
          bulkThreshold: 200,
        },
      },
    },
    async (world) => {
      const { db, label, sandbox, workspaceId, channelId } = world;
      sandbox.state.areaState(pricesArea).jobDelayMs = 500;
      console.log(`bench:prices on ${label}: ${VARIANTS} linked variants, ${CHANGED * 100} % changed`);

      // Seed in SQL: one listing per variant, variant i linked to the sandbox's product i.
      const seedStart = performance.now();
      const skus: string[] = [];
      for (let i = 0; i < VARIANTS; i++) skus.push(String(sandbox.state.catalogRowAt(i).ID));
      await db.execute(sql`
        insert into listings (workspace_id, key, title)
        select ${workspaceId}::uuid, 'L-' || g, 'Product ' || g from generate_series(0, ${VARIANTS - 1}) g`);
      await db.execute(sql`
        insert into variants (workspace_id, listing_id, sku, sku_key, cost_cents, price_cents, quantity)
        select l.workspace_id, l.id, 'V-' || substr(l.key, 3), 'V-' || substr(l.key, 3), 500,
               1000 + substr(l.key, 3)::int % 500, substr(l.key, 3)::int % 50 + 1
        from listings l where l.workspace_id = ${workspaceId}`);
      await db.execute(sql`
        insert into listing_links (workspace_id, channel_id, variant_id, sellercloud_product_id, matched_by)
        select v.workspace_id, ${channelId}::uuid, v.id, x.sku, '{"listingField":"sku","sellercloudField":"ID"}'::jsonb
        from variants v
        join jsonb_array_elements_text(${JSON.stringify(skus)}::jsonb) with ordinality as x(sku, n)
          on x.n - 1 = substr(v.sku, 3)::int
        where v.workspace_id = ${workspaceId}`);
      if (!process.argv.includes("--no-analyze"))
        for (const table of ["listings", "variants", "listing_links"]) await db.execute(sql.raw(`analyze ${table}`));
      console.log(`seed: ${seconds(performance.now() - seedStart)} s`);

      const real = createSyncPricesModule({ bulkMaxRows: BULK_MAX_ROWS });
      // --verbose: each page's phase and time (where a run spends it).
      const verbose = process.argv.includes("--verbose");
      const module: typeof real = {
        operation: real.operation,
        async runPage(ctx, cursor) {
          const t0 = performance.now();
          const out = await real.runPage(ctx, cursor);
          const pageMs = performance.now() - t0;
          const commit = out.commit;
          const label = `  page ${cursor?.phase ?? "plan"}: ${pageMs.toFixed(0)} ms`;
          if (verbose && !commit) console.log(`${label}, ${out.progressLabel ?? ""}`);
          if (verbose && commit)
            out.commit = async (tx) => {
              const c0 = performance.now();
              await commit(tx);
              console.log(`${label} + commit ${(performance.now() - c0).toFixed(0)} ms, ${out.progressLabel ?? ""}`);
            };
          return out;
        },
      };
      const runOnce = async (name: string) => {
        const client = sandboxClient(sandbox);
        const deps = {
          db,
          createSellerCloudClient: async () => client,
          getModule: () => module,
          options: { heartbeatMs: 0 },
        };
        const t0 = performance.now();
        const claimed = await enqueueAndClaim(deps, { workspaceId, channelId, operation: "sync_prices" });
        const outcome = await workRun(deps, claimed);
        const ms = performance.now() - t0;
        const [row] = await db.select().from(runs).where(sql`${runs.id} = ${claimed.run.id}`);
        if (outcome.kind !== "finished" || outcome.status !== "succeeded")
          throw new Error(`${name} ended ${JSON.stringify(outcome)}: ${row?.error ?? ""}`);
        console.log(
          `${name}: ${seconds(ms)} s, ${row!.updatedCount} values sent, ${row!.unchangedCount} unchanged, ${client.callsMade} calls, ${row!.pagesDone} pages`,
        );
        return { calls: client.callsMade, updated: row!.updatedCount };
      };

      if (process.argv.includes("--first-push")) await runOnce("first run (every value)");
      else {
        // The state after a first push (timed separately with --first-push: one call per price): SellerCloud
        // holds every value and Conduit has recorded each as confirmed.
        const t0 = performance.now();
        const area = sandbox.state.areaState(pricesArea);
        for (let i = 0; i < VARIANTS; i++) {
          area.setPrice(skus[i]!, (1000 + (i % 500)) / 100, undefined);
          area.setQuantity(skus[i]!, 2, (i % 50) + 1);
        }
        await db.execute(sql`
          insert into price_sync_items (workspace_id, channel_id, variant_id, sellercloud_product_id,
            confirmed_price_cents, price_confirmed_at, confirmed_qty, confirmed_warehouse_id, qty_confirmed_at)
          select l.workspace_id, l.channel_id, l.variant_id, l.sellercloud_product_id, v.price_cents, now(), v.quantity, 2, now()
          from listing_links l join variants v on v.id = l.variant_id
          where l.workspace_id = ${workspaceId} and l.channel_id = ${channelId}`);
        await db.execute(sql.raw("analyze price_sync_items"));
        console.log(
          `first push recorded as done: ${seconds(performance.now() - t0)} s (--first-push sends it instead)`,
        );
      }
      const steady = await runOnce("steady run (nothing changed)");
      if (steady.calls !== 0) throw new Error(`a steady run made ${steady.calls} calls`);

      // 10 % change: the first half of them get a new cost (price +4 %), the second half new stock.
      const changed = Math.round(VARIANTS * CHANGED);
      const priceChanges = Math.floor(changed / 2);
      const qtyChanges = changed - priceChanges;
      await db.execute(sql`
        update variants set cost_cents = 520, price_cents = price_cents + 40
        where workspace_id = ${workspaceId} and substr(sku, 3)::int % ${Math.round(1 / CHANGED)} = 0
          and substr(sku, 3)::int < ${VARIANTS}
          and (substr(sku, 3)::int / ${Math.round(1 / CHANGED)}) % 2 = 0`);
      await db.execute(sql`
        update variants set quantity = quantity + 7
        where workspace_id = ${workspaceId} and substr(sku, 3)::int % ${Math.round(1 / CHANGED)} = 0
          and (substr(sku, 3)::int / ${Math.round(1 / CHANGED)}) % 2 = 1`);
      const before = sandbox.requests.lastSeq;
      const second = await runOnce(`changed run (${priceChanges} prices, ${qtyChanges} quantities)`);
      if (second.updated !== changed) throw new Error(`expected ${changed} values sent, got ${second.updated}`);
      const writes = sandbox.requests.list({ method: "PUT", since: before }).length;
      const jobs = Math.ceil(qtyChanges / BULK_MAX_ROWS);
      const minimum = 1 + priceChanges + (qtyChanges > 200 ? jobs * 3 : qtyChanges);
      console.log(`peak RSS: ${mb(rss.peak())} MB; write calls: ${writes}`);
      console.log(`calls: ${second.calls}/${minimum}`);
    },
  );
}

runBench(main);
