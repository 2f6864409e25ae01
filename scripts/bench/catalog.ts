/**
 * `npm run bench:catalog`: the catalog at 100k variants on a scratch database (DATABASE_URL's
 * server, else embedded PGlite). Phases, each printing one line:
 *
 *   import 100k: N s   the CSV import of 100k variants (it analyses the tables when done)
 *   export 100k: N s   the CSV export of every variant with a channel's links (half linked, as a
 *                      Link Listings run leaves them; analysed as that run's end would). Aim < 10 s
 *                      on both databases: before tables were analysed PGlite took minutes.
 *   search p50: N ms   (the catalog search phase; stays the last line)
 *
 *   npm run bench:catalog -- --variants 20000   # smaller
 */
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { analyzeAfterBulkWrite } from "@/db/analyze";
import { exportCatalogCsv } from "@/lib/catalog/export";
import { importCatalogCsv } from "@/lib/catalog/import";
import { catalogSearchPhase } from "./catalog-search";
import { flag, seconds, withBenchWorld } from "./harness";

const VARIANTS = flag("variants", 100_000);
const label = VARIANTS === 100_000 ? "100k" : String(VARIANTS);

function* catalogCsv(count: number): Generator<string> {
  yield "SKU,Name,Brand,UPC,Price,Quantity\n";
  let chunk = "";
  for (let i = 0; i < count; i++) {
    chunk += `SKU-${String(i).padStart(7, "0")},Product ${i},Brand ${i % 50},${String(100000000000 + i)},${(i % 900) + 1}.99,${i % 40}\n`;
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

await withBenchWorld({ sandbox: {}, settings: {} }, async ({ db, label: where, workspaceId, channelId }) => {
  console.log(`database: ${where}; ${VARIANTS} variants`);

  let started = Date.now();
  const imported = await importCatalogCsv(db, workspaceId, Readable.from(catalogCsv(VARIANTS)), {
    mapping: { sku: "SKU", title: "Name", brand: "Brand", upc: "UPC", price: "Price", quantity: "Quantity" },
  });
  if (imported.created !== VARIANTS) throw new Error(`imported ${imported.created} of ${VARIANTS}`);
  console.log(`import ${label}: ${seconds(Date.now() - started)} s`);

  // Half the variants linked to the channel, as a Link Listings run writes them; that run's end
  // analyses the database (lib/operations/after-run.ts), so the same call here.
  await db.execute(sql`
    insert into listing_links (workspace_id, channel_id, variant_id, sellercloud_product_id, matched_by)
    select workspace_id, ${channelId}::uuid, id, 'SC-' || sku, '{"listingField":"sku","sellercloudField":"ID"}'::jsonb
    from variants where workspace_id = ${workspaceId}::uuid and right(sku, 1) in ('0', '2', '4', '6', '8')`);
  await analyzeAfterBulkWrite(db, VARIANTS / 2);

  started = Date.now();
  let rows = -1; // the header
  let bytes = 0;
  for await (const chunk of exportCatalogCsv(db, workspaceId, { channelId })) {
    const text = String(chunk);
    bytes += text.length;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) rows++;
  }
  if (rows !== VARIANTS) throw new Error(`exported ${rows} rows of ${VARIANTS}`);
  console.log(`export ${label}: ${seconds(Date.now() - started)} s (${(bytes / 1024 / 1024).toFixed(1)} MB)`);

  // The catalog search phase (scripts/bench/catalog-search.ts); `search p50: N ms` stays the last line printed.
  await catalogSearchPhase(db, { variants: flag("search-variants", 120_000) });
});
