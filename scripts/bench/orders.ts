import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { channels } from "@/db/schema/channels";
import { runs } from "@/db/schema/runs";
import type { ChannelSettings } from "@/db/schema/values";
import { buildDefaultTemplateBody } from "@/lib/mapping/default-template";
import { createMappingSet } from "@/lib/mapping/set-queries";
import { createTemplate } from "@/lib/mapping/template-queries";
import { getOrdersModule } from "@/lib/operations/get-orders";
import { workRun } from "@/lib/operations/runner";
import { OrderSortBy } from "@/lib/sellercloud/enums";
import {
  enqueueAndClaim,
  flag,
  mb,
  runBench,
  sandboxClient,
  seconds,
  timedCopy,
  withBenchWorld,
  withPeakRss,
} from "./harness";

const ORDERS = flag("orders", 20_000);
const ITEMS = flag("items", 3);
const COMPANY = 1;
const IN_PROCESS = 2;

async function main() {
  const settings: ChannelSettings = {
    shippingMappings: [],
    orders: {
      companyId: COMPANY,
      orderStatus: IN_PROCESS,
      dropshipStatus: null,
      ageDays: 7,
      retention: "keep",
      partialShipments: "wait",
      // The sandbox's clock: with the zone named, incremental runs read back 15 minutes, not 14 h.
      timeZone: "UTC",
    },
  };
  // Company 1 holds about 85% of the sandbox's orders; size the book so ~N match.
  const sandboxOptions = {
    orders: Math.round(ORDERS / 0.85),
    itemsPerOrder: ITEMS,
    inProcessShare: 1,
    orderSpanDays: 5,
    products: 5_000,
    seed: 7,
  };
  await withBenchWorld({ sandbox: sandboxOptions, settings }, async (world) => {
    const { handle, db, label, sandbox, workspaceId, channelId } = world;

    // A template with every mode: Don't Map, Set to Empty, Field, Value, Mapping Set, Rules.
    const set = await createMappingSet(db, workspaceId, {
      name: "Services",
      entries: [
        { from: "Ground", to: "GROUND" },
        { from: "2nd Day Air", to: "2DAY" },
        { from: "Priority Mail", to: "PRIORITY" },
      ],
    });
    const body = buildDefaultTemplateBody();
    body.fields["billing.companyName"] = { mode: "none" };
    body.fields["billing.phone"] = { mode: "empty" };
    body.fields["shipping.countryName"] = { mode: "value", value: "United States" };
    body.fields["order.shippingService"] = {
      mode: "mapping_set",
      setId: set.id,
      path: "ShippingService",
      fallback: { kind: "pass_through" },
    };
    body.fields["order.orderSourceOrderId"] = {
      mode: "rules",
      rules: [
        {
          match: "all",
          conditions: [{ path: "OrderSource", op: "equals", value: "4" }],
          output: { kind: "field", path: "OrderSourceOrderID" },
        },
        {
          match: "any",
          conditions: [
            { path: "GrandTotal", op: "gt", value: "500" },
            { path: "ShippingAddress.CountryCode", op: "in_list", value: ["CA", "MX"] },
          ],
          output: { kind: "value", value: "REVIEW" },
        },
      ],
      default: { kind: "field", path: "OrderSourceOrderID" },
    };
    body.fields["item.displayName"] = {
      mode: "rules",
      rules: [
        {
          match: "all",
          conditions: [{ path: "Items.DisplayName", op: "is_empty" }],
          output: { kind: "field", path: "Items.ProductID" },
        },
      ],
      default: { kind: "field", path: "Items.DisplayName" },
    };
    await createTemplate(db, workspaceId, { channelId, kind: "get_orders", name: "Every mode", body, activate: true });

    const newClient = () => sandboxClient(sandbox);
    const now = Date.now();
    const query = {
      companyId: COMPANY,
      orderStatus: IN_PROCESS,
      createdFrom: new Date(now - 8 * 86_400_000),
      createdTo: new Date(now + 86_400_000),
      sortBy: OrderSortBy.OrderID,
      ascending: true,
      pageSize: 50,
    };

    // Warm-up (JIT, sandbox caches, token), not timed.
    const warm = newClient();
    for (let p = 1; p <= 10; p++) await warm.getOrdersPage(query, p);

    // (a) Raw paging: the same list calls, each page fetched and parsed, nothing else.
    const rawClient = newClient();
    let rawOrders = 0;
    let pages = 0;
    const rawStart = performance.now();
    for (let p = 1; ; p++) {
      const data = (await rawClient.http.json("GET", "/api/Orders", {
        query: {
          "model.companyID": [COMPANY],
          "model.orderStatus": [IN_PROCESS],
          "model.createdOnFrom": fmt(query.createdFrom),
          "model.createdOnTo": fmt(query.createdTo),
          "model.orderBy": 0,
          "model.isAscending": true,
          "model.pageNumber": p,
          "model.pageSize": 50,
        },
      })) as { Items: unknown[]; TotalResults: number };
      pages++;
      rawOrders += data.Items.length;
      if (data.Items.length === 0 || p * 50 >= data.TotalResults) break;
    }
    const rawMs = performance.now() - rawStart;
    console.log(`orders: ${rawOrders} matching (${ITEMS} items each), database: ${label}`);
    console.log(`raw paging: ${pages} pages, ${rawOrders} orders in ${seconds(rawMs)} s`);

    // (b) The import: the real operation through the real runner (enqueue, claim, fenced pages).
    const importClient = newClient();
    // Time split: the module's page work (fetch, validate, map, read existing) and its commit.
    const split = { page: 0, commit: 0 };
    const timedModule = {
      operation: getOrdersModule.operation,
      async runPage(
        ctx: Parameters<typeof getOrdersModule.runPage>[0],
        cursor: Parameters<typeof getOrdersModule.runPage>[1],
      ) {
        const t0 = performance.now();
        const outcome = await getOrdersModule.runPage(ctx, cursor);
        split.page += performance.now() - t0;
        const commit = outcome.commit;
        if (commit)
          outcome.commit = async (tx) => {
            const t1 = performance.now();
            await commit(tx);
            split.commit += performance.now() - t1;
          };
        return outcome;
      },
    };
    const deps = {
      db,
      createSellerCloudClient: async () => importClient,
      getModule: () => timedModule as never,
      options: { heartbeatMs: 0 },
    };
    const claimed = await enqueueAndClaim(deps, { workspaceId, channelId, operation: "get_orders" });
    const importStart = performance.now();
    const { result: outcome, peak } = await withPeakRss(() => workRun(deps, claimed));
    const importMs = performance.now() - importStart;
    const [run] = await db.select().from(runs).where(eq(runs.id, claimed.run.id));
    if (outcome.kind !== "finished" || run?.status !== "succeeded")
      throw new Error(`import ended ${JSON.stringify(outcome)}`);
    const [counts] = rowsOf<{ orders: number; items: number }>(
      await db.execute(
        sql.raw(
          `select (select count(*) from orders)::int as orders, (select count(*) from order_items)::int as items`,
        ),
      ),
    );
    console.log(
      `import: ${counts!.orders} orders, ${counts!.items} items in ${seconds(importMs)} s (${Math.round(
        (counts!.orders / importMs) * 1000,
      )} orders/s, ${run.callsUsed} SellerCloud calls, peak RSS ${mb(peak)} MB)`,
    );

    console.log(
      `  of which: page work ${seconds(split.page)} s (fetch + validate + map + read existing), order/item writes ${seconds(split.commit)} s, runner ${seconds(importMs - split.page - split.commit)} s`,
    );

    // (c) COPY of the same rows into the same tables (see copySameRows).
    const copyMs = await copySameRows(handle, workspaceId);
    console.log(`copy: the same ${counts!.orders} orders + ${counts!.items} items in ${seconds(copyMs)} s`);

    const ratio = importMs / (rawMs + copyMs);
    console.log(
      `baseline (raw paging + COPY): ${seconds(rawMs + copyMs)} s; memory: rss ${mb(process.memoryUsage().rss)} MB now`,
    );
    console.log(`ratio: ${ratio.toFixed(2)}`);

    // (d) Steady state: 1 % of the matching orders change in SellerCloud, then a second run over
    // the same window reads only what was updated since the first run (model.lastUpdatedFrom).
    const ids = rowsOf<{ id: number | string }>(
      await db.execute(sql`select sellercloud_order_id as id from orders where channel_id = ${channelId}`),
    ).map((r) => Number(r.id));
    const changed = Math.max(1, Math.round(ids.length / 100));
    for (let i = 0; i < changed; i++) {
      const id = ids[Math.floor((i * ids.length) / changed)]!;
      sandbox.state.updateOrder(id, { ShippingService: "2nd Day Air" });
    }
    const again = {
      ...deps,
      createSellerCloudClient: async () => newClient(),
      getModule: () => getOrdersModule as never,
    };
    const second = await enqueueAndClaim(again, { workspaceId, channelId, operation: "get_orders" });
    const secondOutcome = await workRun(again, second);
    const [secondRun] = await db.select().from(runs).where(eq(runs.id, second.run.id));
    if (secondOutcome.kind !== "finished" || secondRun?.status !== "succeeded")
      throw new Error(`incremental run ended ${JSON.stringify(secondOutcome)}`);
    if (secondRun.updatedCount !== changed)
      throw new Error(`incremental run updated ${secondRun.updatedCount} orders, ${changed} changed`);
    console.log(
      `incremental: ${changed} orders changed (1 %), the second run updated ${secondRun.updatedCount} and read ${secondRun.fetchedCount} orders`,
    );
    console.log(`incremental calls: ${secondRun.callsUsed}/${run.callsUsed}`);
  });
}

function fmt(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(date.getUTCMonth() + 1)}/${p(date.getUTCDate())}/${date.getUTCFullYear()} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}`;
}

const CHUNK = 5_000;

/**
 * COPYs the imported rows again into the real orders / order_items tables, under a second
 * channel of the same workspace: the same columns, indexes, unique keys and foreign keys the
 * import had to satisfy, so the baseline is the cheapest way to land exactly these rows. Rows
 * are exported chunk by chunk (not timed; ids re-derived so they do not collide) and COPYed in
 * (timed). Chunks keep memory flat at 100k orders; the export goes through a temp file on pg and
 * a Blob on PGlite (`COPY … FROM '/dev/blob'`).
 */
async function copySameRows(handle: DbHandle, workspaceId: string): Promise<number> {
  const db = handle.db;
  const [copyChannel] = await db.insert(channels).values({ workspaceId, name: "Bench COPY target" }).returning();
  const columnsOf = async (table: string) =>
    rowsOf<{ column_name: string }>(
      await db.execute(
        sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`,
      ),
    ).map((r) => r.column_name);
  const newId = (column: string) => `md5(${column}::text || 'copy')::uuid`;
  const orderSelect = (await columnsOf("orders"))
    .map((c) => (c === "id" ? newId("o.id") : c === "channel_id" ? `'${copyChannel!.id}'::uuid` : `o.${c}`))
    .join(", ");
  const itemSelect = (await columnsOf("order_items"))
    .map((c) => (c === "id" ? newId("oi.id") : c === "order_id" ? newId("oi.order_id") : `oi.${c}`))
    .join(", ");
  const [range] = rowsOf<{ lo: number; hi: number }>(
    await db.execute(
      sql.raw(`select min(sellercloud_order_id)::bigint as lo, max(sellercloud_order_id)::bigint as hi from orders`),
    ),
  );
  const lo = Number(range!.lo);
  const hi = Number(range!.hi);
  let timed = 0;
  for (let start = lo; start <= hi; start += CHUNK) {
    const end = start + CHUNK;
    const inChunk = `o.sellercloud_order_id >= ${start} and o.sellercloud_order_id < ${end}`;
    const sources = [
      ["orders", `select ${orderSelect} from orders o where ${inChunk}`],
      ["order_items", `select ${itemSelect} from order_items oi join orders o on o.id = oi.order_id where ${inChunk}`],
    ] as const;
    for (const [table, select] of sources) timed += await timedCopy(handle, select, table);
  }
  return timed;
}

runBench(main);
