
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { eq, sql } from "drizzle-orm";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type DbHandle, runMigrations } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { workspaces } from "@/db/schema/accounts";
import { variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import { importDemoCatalog } from "@/lib/catalog/demo";
import { DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import type { SellerCloudProductIds } from "@/lib/linking/index";
import { matchVariants } from "@/lib/linking/match";
import { enqueueRun, isAlreadyRunning } from "@/lib/operations/enqueue";
import { createLinkListingsModule, type LinkRunSummary } from "@/lib/operations/link-listings";
import { claimRun, workRun } from "@/lib/operations/runner";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { TokenCache, unlimited } from "@/lib/sellercloud/http";
import { productCompany, productFacts } from "@/lib/sellercloud/sandbox/data";
import { startSandbox } from "@/lib/sellercloud/sandbox/server";
import { openScratchDatabase } from "./scratch-database";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const VARIANTS = flag("variants", 200_000);
/** SellerCloud pages in flight, for the run and for the raw-paging baseline alike. */
const CONCURRENCY = flag("concurrency", 4);
const COMPANY = 1;
const SEED = 42;
// About 80% of the sandbox's products belong to company 1: size it so ~VARIANTS products are paged.
const PRODUCTS = Math.round(VARIANTS / 0.8);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
setInterval(sampleRss, 50).unref();

/** Pages 1..last with `concurrency` requests in flight; returns rows seen. */
async function pageAll(
  concurrency: number,
  get: (page: number) => Promise<{ Items: unknown[]; TotalResults: number }>,
) {
  const first = await get(1);
  const last = Math.max(1, Math.ceil(first.TotalResults / 50));
  let rows = first.Items.length;
  let next = 2;
  const worker = async () => {
    while (next <= last) {
      const page = next++;
      const n = (await get(page)).Items.length;
      rows += n;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { rows, pages: last };
}

async function main() {
  const { handle, label, cleanup } = await openScratchDatabase();
  const sandbox = await startSandbox({ products: PRODUCTS, orders: 10, seed: SEED, requestLogLimit: 1_000 });
  try {
    await runMigrations(handle);
    const db = handle.db;
    const [workspace] = await db.insert(workspaces).values({ name: "Bench" }).returning();
    const workspaceId = workspace!.id;
    const [channel] = await db
      .insert(channels)
      .values({
        workspaceId,
        name: "Bench channel",
        status: "active",
        settings: {
          shippingMappings: [],
          link: { mode: "default", companyId: COMPANY, priority: DEFAULT_LINK_PRIORITY },
        },
      })
      .returning();
    const channelId = channel!.id;

    // Setup, not timed: the demo catalog (SKU, UPC, EAN, MPN, new, invalid, ambiguous, conflict rows).
    const setupStart = performance.now();
    const imported = await importDemoCatalog(db, workspaceId, {
      seed: SEED,
      products: PRODUCTS,
      limit: VARIANTS,
      batchSize: 5_000,
    });
    console.log(
      `setup: ${imported.created} variants imported in ${seconds(performance.now() - setupStart)} s; database: ${label}`,
    );

    const newClient = () =>
      new SellerCloudClient({
        baseUrl: sandbox.url,
        username: sandbox.credentials.username,
        password: sandbox.credentials.password,
        limiter: unlimited,
        tokenCache: new TokenCache(),
      });

    // Warm-up (JIT, sandbox query caches, token), not timed.
    const warm = newClient();
    for (let p = 1; p <= 5; p++) {
      await warm.getCatalogPage({ companyId: COMPANY, pageNumber: p });
      await warm.getInventoryPage({ companyId: COMPANY, pageNumber: p });
    }

    // (a) Matching alone: the same products (facts from the sandbox's generator) and variants, in memory.
    const products: SellerCloudProductIds[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      if (productCompany(i, SEED) !== COMPANY) continue;
      const f = productFacts(i, SEED, 0);
      products.push({ id: f.sku, upc: f.upc, ean: f.ean, gtin: f.gtin, asin: f.asin, mpn: f.mpn });
    }
    const variantIds = await db
      .select({
        id: variants.id,
        sku: variants.sku,
        upc: variants.upc,
        ean: variants.ean,
        gtin: variants.gtin,
        asin: variants.asin,
        mpn: variants.mpn,
      })
      .from(variants)
      .where(eq(variants.workspaceId, workspaceId));
    const matchStart = performance.now();
    const matched = matchVariants({ variants: variantIds, products, priority: DEFAULT_LINK_PRIORITY });
    const matchMs = performance.now() - matchStart;
    console.log(
      `(a) matching alone: ${variantIds.length} variants x ${products.length} products in ${seconds(matchMs)} s (${matched.counts.linked} linked)`,
    );
    products.length = 0;
    variantIds.length = 0;

    // (c1) Raw paging: the same catalog and inventory calls, each page fetched and JSON-parsed, nothing else.
    const rawClient = newClient();
    await rawClient.login();
    const raw = (endpoint: string) => (page: number) =>
      rawClient.http.json("GET", endpoint, {
        query: { "model.companyID": [COMPANY], "model.pageNumber": page, "model.pageSize": 50 },
      }) as Promise<{ Items: unknown[]; TotalResults: number }>;
    const rawPaging = async () => {
      const started = performance.now();
      const catalog = await pageAll(CONCURRENCY, raw("/api/Catalog"));
      const inventory = await pageAll(CONCURRENCY, raw("/api/Inventory"));
      return { ms: performance.now() - started, catalog, inventory };
    };
    const rawBefore = await rawPaging();
    console.log(
      `(c) raw paging: ${rawBefore.catalog.rows} catalog + ${rawBefore.inventory.rows} inventory rows, ${rawBefore.catalog.pages + rawBefore.inventory.pages} pages, ${CONCURRENCY} in flight, in ${seconds(rawBefore.ms)} s`,
    );

    // (b) The whole run: the real operation through the real runner (enqueue, claim, fenced pages).
    const inner = createLinkListingsModule({ concurrency: CONCURRENCY });
    const phaseMs: Record<string, { fetch: number; commit: number; pages: number }> = {};
    // Times each runner page's work and its commit, by phase, to show where the run's time goes.
    const module: typeof inner = {
      operation: inner.operation,
      async runPage(ctx, cursor) {
        const phase = cursor?.phase ?? "catalog";
        phaseMs[phase] ??= { fetch: 0, commit: 0, pages: 0 };
        const t = phaseMs[phase];
        const t0 = performance.now();
        const outcome = await inner.runPage(ctx, cursor);
        t.fetch += performance.now() - t0;
        t.pages++;
        const commit = outcome.commit;
        return {
          ...outcome,
          commit: commit
            ? async (tx) => {
                const t1 = performance.now();
                await commit(tx);
                t.commit += performance.now() - t1;
              }
            : undefined,
        };
      },
    };
    const queued = await enqueueRun(db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    if (isAlreadyRunning(queued)) throw new Error("a run is already active");
    const runClient = newClient();
    const deps = {
      db,
      createSellerCloudClient: async () => runClient,
      getModule: () => module,
      options: { heartbeatMs: 0 },
    };
    const claimed = await claimRun(deps, { runId: queued.id });
    // A full collection before the run, so setup's garbage is not counted as the run's memory
    // (npm run does not pass --expose-gc; this is the same collector, reached from a new context).
    v8.setFlagsFromString("--expose-gc");
    (global.gc ?? (vm.runInNewContext("gc") as () => void))();
    peakRss = process.memoryUsage().rss;
    // PGlite alone holds ~750 MB once open (its WASM heap), so this is most of the peak there.
    console.log(`    RSS before the run: ${mb(peakRss)} MB`);
    const runStart = performance.now();
    const outcome = await workRun(deps, claimed!);
    const runMs = performance.now() - runStart;
    sampleRss();
    const runPeak = peakRss;
    const [run] = await db.select().from(runs).where(eq(runs.id, queued.id));
    if (outcome.kind !== "finished" || run?.status !== "succeeded") {
      throw new Error(`run ended ${JSON.stringify(outcome)}: ${run?.error}`);
    }
    const [summaryRow] = rowsOf<{ details: LinkRunSummary }>(
      await db.execute(sql`select details from run_events where run_id = ${queued.id} and code = 'summary'`),
    );
    const s = summaryRow!.details;
    console.log(
      `(b) whole run: ${s.linked} linked (${Object.entries(s.linkedByPair)
        .map(([p, n]) => `${p} ${n}`)
        .join(
          ", ",
        )}), ${s.unmatched} unmatched, ${s.ambiguous} ambiguous, ${s.conflicts} conflicts, ${s.invalidCodes} invalid codes; ` +
        `${run.fetchedCount} products, ${run.callsUsed} SellerCloud calls, ${run.pagesDone} runner pages in ${seconds(runMs)} s; peak RSS ${mb(runPeak)} MB`,
    );

    for (const [phase, t] of Object.entries(phaseMs)) {
      console.log(`    ${phase}: ${t.pages} runner pages, work ${seconds(t.fetch)} s, commit ${seconds(t.commit)} s`);
    }

    // (c2) COPY: the same link rows into an identical table (same columns, keys and indexes).
    const copyMs = await copySameLinks(handle);
    console.log(`(c) copy: the same ${s.linked} link rows in ${seconds(copyMs)} s`);

    // Raw paging again after the run: the machine may be shared, so the baseline is the faster of
    // the two (the stricter one for the ratio).
    const rawAfter = await rawPaging();
    const rawMs = Math.min(rawBefore.ms, rawAfter.ms);
    console.log(`(c) raw paging again: ${seconds(rawAfter.ms)} s; baseline uses ${seconds(rawMs)} s`);
    const ratio = runMs / (rawMs + copyMs);
    console.log(
      `baseline (raw paging + COPY): ${seconds(rawMs + copyMs)} s; whole run ${seconds(runMs)} s; peak RSS of the process ${mb(peakRss)} MB`,
    );
    console.log(`ratio: ${ratio.toFixed(2)}`);
  } finally {
    await sandbox.close();
    await cleanup();
  }
}

/** Exports the links (not timed) and COPYs them into a copy of listing_links (timed). */
async function copySameLinks(handle: DbHandle): Promise<number> {
  const db = handle.db;
  await db.execute(sql.raw(`create table bench_links (like listing_links including all)`));
  const select = `select * from listing_links`;
  if (handle.pool) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-copy-"));
    const file = path.join(tmp, "links.copy");
    const client = await handle.pool.connect();
    try {
      await pipeline(client.query(copyTo(`copy (${select}) to stdout`)), fs.createWriteStream(file));
      const t0 = performance.now();
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`copy bench_links from stdin`)));
      return performance.now() - t0;
    } finally {
      client.release();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const pglite = handle.pglite!;
  const exported = await pglite.query(`copy (${select}) to '/dev/blob'`);
  const t0 = performance.now();
  await pglite.query(`copy bench_links from '/dev/blob'`, [], { blob: exported.blob });
  return performance.now() - t0;
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
