/**
 * The catalog export alone, repeated: `npx tsx scripts/bench/catalog-export.ts [--variants 100000]
 * [--reps 2]` on a scratch database (DATABASE_URL's server, else embedded PGlite). It seeds the
 * same shape as `npm run bench:catalog` (one listing per variant, half the variants linked to a
 * channel, tables analysed) straight in SQL instead of through the CSV import, plus a vendor for
 * the other half (variant_vendors; `--no-vendors` leaves them out), then times the
 * export with the channel's links `--reps` times, printing each time with the bytes and a hash of
 * them (equal hashes across code versions show the CSV did not change). For comparing export
 * changes quickly; `npm run bench:catalog` stays the benchmark of record.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { analyzeAfterBulkWrite } from "@/db/analyze";
import { exportCatalogCsv } from "@/lib/catalog/export";
import { flag, runBench, seconds, withBenchWorld } from "./harness";

const VARIANTS = flag("variants", 100_000);
const REPS = flag("reps", 2);
const VENDORS = !process.argv.includes("--no-vendors");

async function main() {
  await withBenchWorld({ sandbox: {}, settings: {} }, async ({ db, label, workspaceId, channelId }) => {
    console.log(`database: ${label}; ${VARIANTS} variants${VENDORS ? ", half with a vendor" : ""}`);
    const started = Date.now();
    await db.execute(sql`
      insert into listings (workspace_id, key, title, brand)
      select ${workspaceId}::uuid, 'SKU-' || lpad(i::text, 7, '0'), 'Product ' || i, 'Brand ' || (i % 50)
      from generate_series(0, ${VARIANTS - 1}) i`);
    await db.execute(sql`
      insert into variants (workspace_id, listing_id, sku, sku_key, upc, price_cents, quantity)
      select l.workspace_id, l.id, l.key, l.key, (100000000000 + substr(l.key, 5)::bigint)::text,
        ((substr(l.key, 5)::int % 900) + 1) * 100 + 99, substr(l.key, 5)::int % 40
      from listings l where l.workspace_id = ${workspaceId}::uuid`);
    await db.execute(sql`
      insert into listing_links (workspace_id, channel_id, variant_id, sellercloud_product_id, matched_by)
      select workspace_id, ${channelId}::uuid, id, 'SC-' || sku, '{"listingField":"sku","sellercloudField":"ID"}'::jsonb
      from variants where workspace_id = ${workspaceId}::uuid and right(sku, 1) in ('0', '2', '4', '6', '8')`);
    if (VENDORS) {
      // Two vendors sharing the half of the variants without a link, each with a vendor SKU and cost.
      await db.execute(sql`
        insert into vendors (workspace_id, name, code, delivery_method)
        values (${workspaceId}::uuid, 'Bench Supply', 'BENCH-A', 'pull'), (${workspaceId}::uuid, 'Bench 3PL', 'BENCH-B', 'pull')`);
      await db.execute(sql`
        insert into variant_vendors (variant_id, workspace_id, vendor_id, vendor_sku, vendor_cost_cents)
        select v.id, v.workspace_id, d.id, 'V-' || v.sku, v.price_cents / 2
        from variants v
        join vendors d on d.workspace_id = v.workspace_id
          and d.code = case when right(v.sku, 1) in ('1', '5', '9') then 'BENCH-A' else 'BENCH-B' end
        where v.workspace_id = ${workspaceId}::uuid and right(v.sku, 1) in ('1', '3', '5', '7', '9')`);
    }
    await analyzeAfterBulkWrite(db, VARIANTS);
    console.log(`seeded in ${seconds(Date.now() - started)} s`);
    for (let rep = 1; rep <= REPS; rep++) {
      const t0 = Date.now();
      const hash = createHash("sha256");
      let bytes = 0;
      for await (const chunk of exportCatalogCsv(db, workspaceId, { channelId })) {
        hash.update(chunk);
        bytes += chunk.length;
      }
      console.log(
        `export ${VARIANTS}: ${seconds(Date.now() - t0)} s (${bytes} bytes, sha256 ${hash.digest("hex").slice(0, 16)})`,
      );
    }
  });
}

runBench(main);
