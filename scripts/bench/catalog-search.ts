/**
 * The catalog search phase of `npm run bench:catalog`: a second tenant with 120k variants
 * (seeded in bulk with INSERT … SELECT generate_series, a few seconds), half of them linked to its
 * channel, then the catalog page and a set of typical searches timed through lib/catalog/list.ts as
 * the page calls it. Prints two lines, the last being `search p50: N ms` (aim < 300 ms on PGlite
 * and Postgres):
 *
 *   catalog page p50: N ms   the unfiltered first page with its link-status counts and brands
 *   search p50: N ms         the median over every timed search (p90 and the slowest query given too)
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { channels } from "@/db/schema/channels";
import { countCatalogLinkStatuses, listCatalog, listCatalogBrands } from "@/lib/catalog/list";

const ADJECTIVES = [
  "Blue",
  "Red",
  "Green",
  "Large",
  "Small",
  "Classic",
  "Modern",
  "Rustic",
  "Steel",
  "Oak",
  "Linen",
  "Glass",
];
const NOUNS = [
  "mug",
  "lantern",
  "chair",
  "table",
  "lamp",
  "bottle",
  "kettle",
  "basket",
  "candle",
  "rug",
  "shelf",
  "vase",
];
const REPEAT = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** Seeds `count` single-variant listings in a new workspace with a channel; half linked. */
async function seedTenant(db: Db, count: number): Promise<{ workspaceId: string; channelId: string }> {
  const [workspace] = await db.insert(workspaces).values({ name: "Search bench" }).returning();
  const workspaceId = workspace!.id;
  const [channel] = await db
    .insert(channels)
    .values({ workspaceId, name: "Search channel", status: "active", settings: { shippingMappings: [] } })
    .returning();
  const channelId = channel!.id;
  const adjectives = `array[${ADJECTIVES.map((w) => `'${w}'`).join(",")}]`;
  const nouns = `array[${NOUNS.map((w) => `'${w}'`).join(",")}]`;
  await db.execute(
    sql.raw(`
      insert into listings (workspace_id, key, title, brand)
      select '${workspaceId}'::uuid, 'L-' || lpad(i::text, 7, '0'),
             (${adjectives})[1 + i % 12] || ' ' || (${nouns})[1 + (i / 12) % 12] || ' ' || i,
             'Brand ' || (i % 50)
      from generate_series(1, ${count}) as i`),
  );
  await db.execute(
    sql.raw(`
      insert into variants (workspace_id, listing_id, sku, sku_key, upc, mpn, price_cents, quantity)
      select workspace_id, id, 'SKU-' || substr(key, 3), 'SKU-' || substr(key, 3),
             (100000000000 + substr(key, 3)::int)::text, 'MPN' || substr(key, 3),
             (substr(key, 3)::int % 900) * 100 + 99, substr(key, 3)::int % 40
      from listings where workspace_id = '${workspaceId}'::uuid`),
  );
  await db.execute(
    sql.raw(`
      insert into listing_links (workspace_id, channel_id, variant_id, sellercloud_product_id, matched_by)
      select workspace_id, '${channelId}'::uuid, id, 'SC-' || sku, '{"listingField":"sku","sellercloudField":"ID"}'::jsonb
      from variants where workspace_id = '${workspaceId}'::uuid and right(sku, 1) in ('0', '2', '4', '6', '8')`),
  );
  await db.execute(sql`analyze`);
  return { workspaceId, channelId };
}

export async function catalogSearchPhase(db: Db, options: { variants: number }): Promise<void> {
  let started = Date.now();
  const { workspaceId, channelId } = await seedTenant(db, options.variants);
  console.log(`search tenant: ${options.variants} variants seeded in ${((Date.now() - started) / 1000).toFixed(2)} s`);

  const pageTimes: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    started = performance.now();
    const [page] = await Promise.all([
      listCatalog(db, workspaceId, { channelId, pageSize: 50 }),
      countCatalogLinkStatuses(db, workspaceId, channelId),
      listCatalogBrands(db, workspaceId),
    ]);
    pageTimes.push(performance.now() - started);
    if (page.rows.length !== 50) throw new Error("the first page is not full");
  }
  pageTimes.sort((a, b) => a - b);
  console.log(`catalog page p50: ${percentile(pageTimes, 0.5).toFixed(0)} ms`);

  const middle = String(Math.floor(options.variants / 2)).padStart(7, "0");
  const searches: Array<{ label: string; query: Parameters<typeof listCatalog>[2] }> = [
    { label: "exact SKU", query: { search: `SKU-${middle}` } },
    { label: "part of a SKU", query: { search: middle.slice(2) } },
    { label: "a title word", query: { search: "lantern" } },
    { label: "two title words", query: { search: "Oak lantern" } },
    { label: "a brand", query: { search: "Brand 17" } },
    { label: "a UPC prefix", query: { search: `1000000${middle.slice(0, 3)}` } },
    { label: "an MPN", query: { search: `MPN${middle}` } },
    { label: "the linked SellerCloud SKU", query: { search: `SC-SKU-${middle.slice(0, 6)}` } },
    { label: "nothing matches", query: { search: "zzqx" } },
    { label: "a word, linked only", query: { search: "kettle", status: "linked" } },
    { label: "a word, page 5", query: { search: "candle", page: 5 } },
  ];
  const all: number[] = [];
  let slowest = { label: "", ms: 0 };
  for (const { label, query } of searches) {
    for (let i = 0; i < REPEAT; i++) {
      started = performance.now();
      await listCatalog(db, workspaceId, { channelId, pageSize: 50, ...query });
      const ms = performance.now() - started;
      all.push(ms);
      if (ms > slowest.ms) slowest = { label, ms };
    }
  }
  all.sort((a, b) => a - b);
  console.log(
    `search p90: ${percentile(all, 0.9).toFixed(0)} ms; slowest: ${slowest.label} ${slowest.ms.toFixed(0)} ms (${searches.length} searches x ${REPEAT})`,
  );
  console.log(`search p50: ${percentile(all, 0.5).toFixed(0)} ms`);
}
