import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkIssues, listingLinks, variants } from "@/db/schema/catalog";
import { describeEachDb } from "@/db/testing/describe-db";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { suggestMapping } from "./fields";
import { importCatalogCsv } from "./import";
import { COUNT_CAP, countCatalogLinkStatuses, listCatalog, listCatalogBrands, SEARCH_PROBE } from "./list";

const CSV = [
  "sku,title,brand,upc",
  "A-1,Alpha lantern,Acme,012345678905",
  "A-2,Alpha bottle,Acme,",
  "B-1,Bravo chair,Bolt,",
  "B-2,Bravo 100%_cotton,Bolt,",
  "C-1,Charlie,,",
].join("\n");

describeEachDb("listCatalog", (ctx) => {
  let workspaceId = "";
  let channelId = "";

  it("pages, searches and filters by brand and link status", async () => {
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await importCatalogCsv(ctx.db, workspaceId, CSV, { mapping: suggestMapping(["sku", "title", "brand", "upc"]) });
    const id = async (sku: string) =>
      (await ctx.db.select({ id: variants.id }).from(variants).where(eq(variants.skuKey, sku)))[0]!.id;
    const runId = "11111111-1111-4111-8111-111111111111";
    await ctx.db.insert(listingLinks).values({
      workspaceId,
      channelId,
      runId,
      variantId: await id("A-1"),
      sellercloudProductId: "SC-000001",
      matchedBy: { listingField: "upc", sellercloudField: "UPC" },
    });
    await ctx.db.insert(linkIssues).values({
      workspaceId,
      channelId,
      variantId: await id("B-1"),
      status: "conflict",
      message: "SellerCloud product SC-9 goes to variant A-2.",
    });

    const page1 = await listCatalog(ctx.db, workspaceId, { channelId, pageSize: 2 });
    expect(page1).toMatchObject({ total: 5, pageCount: 3, page: 1 });
    expect(page1.rows.map((r) => r.sku)).toEqual(["A-1", "A-2"]);
    expect(page1.rows[0]!.link).toMatchObject({
      status: "linked",
      sellercloudProductId: "SC-000001",
      matchedBy: { listingField: "upc", sellercloudField: "UPC" },
    });
    expect(page1.rows[1]!.link.status).toBe("unlinked");
    const page3 = await listCatalog(ctx.db, workspaceId, { channelId, pageSize: 2, page: 3 });
    expect(page3.rows.map((r) => r.sku)).toEqual(["C-1"]);

    const sku = async (query: Parameters<typeof listCatalog>[2]) =>
      (await listCatalog(ctx.db, workspaceId, { channelId, ...query })).rows.map((r) => r.sku);
    expect(await sku({ status: "linked" })).toEqual(["A-1"]);
    expect(await sku({ linkedInRun: runId })).toEqual(["A-1"]);
    expect(await sku({ status: "unlinked" })).toEqual(["A-2", "B-1", "B-2", "C-1"]);
    expect(await sku({ status: "conflict" })).toEqual(["B-1"]);
    expect(await sku({ brand: "Bolt" })).toEqual(["B-1", "B-2"]);
    expect(await sku({ search: "alpha" })).toEqual(["A-1", "A-2"]);
    expect(await sku({ search: "SC-000001" })).toEqual(["A-1"]);
    expect(await sku({ search: "012345" })).toEqual(["A-1"]);
    // LIKE wildcards in the search are literal.
    expect(await sku({ search: "100%_" })).toEqual(["B-2"]);
    expect(await sku({ search: "%" })).toEqual(["B-2"]);
    const conflict = (await listCatalog(ctx.db, workspaceId, { channelId, status: "conflict" })).rows[0]!;
    expect(conflict.link).toMatchObject({
      status: "conflict",
      message: "SellerCloud product SC-9 goes to variant A-2.",
    });

    expect(await listCatalogBrands(ctx.db, workspaceId)).toEqual(["Acme", "Bolt"]);
    expect(await countCatalogLinkStatuses(ctx.db, workspaceId, channelId)).toEqual({
      total: 5,
      linked: 1,
      unlinked: 4,
      conflict: 1,
      ambiguous: 0,
      unmatched: 0,
      invalid_code: 0,
    });
  });

  it("shows every variant unlinked without a channel and isolates workspaces", async () => {
    const page = await listCatalog(ctx.db, workspaceId, {});
    expect(page.rows.every((r) => r.link.status === "unlinked")).toBe(true);
    const other = await seedChannel(ctx.db);
    expect((await listCatalog(ctx.db, other.workspaceId, { channelId })).total).toBe(0);
  });

  it("pages a large catalog with a capped count, and a broad search in SKU order without counting every match", async () => {
    const { workspaceId: big } = await seedChannel(ctx.db);
    const n = 2 * Math.max(COUNT_CAP, SEARCH_PROBE) + 300;
    await ctx.db.execute(sql`
      insert into listings (workspace_id, key, title, brand)
      select ${big}::uuid, 'L-' || lpad(i::text, 5, '0'),
             case when i % 2 = 0 then 'Common lantern ' || i else 'Rare mug ' || i end, 'Acme'
      from generate_series(1, ${n}) as i`);
    await ctx.db.execute(sql`
      insert into variants (workspace_id, listing_id, sku, sku_key)
      select workspace_id, id, 'S-' || substr(key, 3), 'S-' || substr(key, 3) from listings where workspace_id = ${big}::uuid`);
    const all = await listCatalog(ctx.db, big, { pageSize: 50 });
    expect(all).toMatchObject({ total: COUNT_CAP, totalCapped: true, hasMore: true });
    expect(all.rows[0]!.sku).toBe("S-00001");

    // "lantern" is on every other listing: more than the probe, so matched while walking SKUs.
    const broad = await listCatalog(ctx.db, big, { search: "LANTERN", pageSize: 50, page: 3 });
    expect(broad).toMatchObject({ total: SEARCH_PROBE, totalCapped: true, hasMore: true, page: 3 });
    const expected = Array.from({ length: 50 }, (_, i) => `S-${String(2 * (100 + i + 1)).padStart(5, "0")}`);
    expect(broad.rows.map((r) => r.sku)).toEqual(expected);
    const last = await listCatalog(ctx.db, big, { search: "lantern", pageSize: 50, page: Math.ceil(n / 2 / 50) });
    expect(last.hasMore).toBe(false);
    expect(last.rows.at(-1)!.sku).toBe(`S-${String(n % 2 === 0 ? n : n - 1).padStart(5, "0")}`);

    // A narrow search (through the title, the SKU or an identifier) is counted exactly.
    expect(await listCatalog(ctx.db, big, { search: "mug 101" })).toMatchObject({
      total: 6, // "Rare mug" is on odd numbers: 101, 1011, 1013, 1015, 1017, 1019
      totalCapped: false,
    });
    // Control characters in a search are dropped, never a database error.
    expect((await listCatalog(ctx.db, big, { search: "S-00001\u0000" })).rows[0]?.sku).toBe("S-00001");
  });
});
