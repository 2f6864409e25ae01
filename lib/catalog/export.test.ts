import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import { runEvents } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { enqueueRun } from "@/lib/operations/enqueue";
import { exportLinkRunIssuesCsv } from "@/lib/operations/link-listings/export";
import { csvText } from "@/lib/csv/write";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { exportCatalogCsv } from "./export";

/** The CSV downloads never hand a spreadsheet a formula from the data (formula injection). */
describeEachDb("CSV exports neutralise formula cells", (ctx) => {
  it("the catalog export prefixes would-be formulas with an apostrophe and keeps negative numbers", async () => {
    const { workspaceId } = await seedChannel(ctx.db);
    const [listing] = await ctx.db
      .insert(listings)
      .values({
        workspaceId,
        key: "=KEY",
        title: '=HYPERLINK("http://evil.example","Click")',
        brand: "@brand",
        tags: ["+tag"],
      })
      .returning();
    await ctx.db.insert(variants).values({
      workspaceId,
      listingId: listing!.id,
      sku: "-SKU-1",
      skuKey: "-SKU-1",
      mpn: "\t=1+1",
      priceCents: -500,
      quantity: -5,
    });
    const csv = await text(exportCatalogCsv(ctx.db, workspaceId));
    const line = csv.trim().split("\n")[1]!;
    expect(line).toContain(`'=KEY,'-SKU-1,"'=HYPERLINK(""http://evil.example"",""Click"")",'@brand,'+tag`);
    expect(line).toContain("'\t=1+1");
    expect(line).toMatch(/,-5\.00,.*,-5$/);
  });

  it("the unmatched-variants export does too", async () => {
    const scope = await seedChannel(ctx.db);
    const run = await enqueueRun(ctx.db, { ...scope, operation: "link_listings", trigger: "manual" });
    if ("alreadyRunning" in run) throw new Error("unexpected active run");
    await ctx.db.insert(runEvents).values({
      workspaceId: scope.workspaceId,
      runId: run.id,
      level: "warn",
      entity: "variant",
      entityId: "=cmd|' /C calc'!A0",
      code: "unmatched",
      message: "@no match",
      details: { identifiers: { upc: "-1+1" } },
    });
    const csv = await text(exportLinkRunIssuesCsv(ctx.db, scope.workspaceId, run.id));
    expect(csv.trim().split("\n")[1]).toBe(`'=cmd|' /C calc'!A0,unmatched,'@no match,'-1+1,,,,,`);
  });
});

describeEachDb("Catalog export", (ctx) => {
  it("writes, page after page, the bytes the CSV library writes for the same rows, with the channel's links only", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const other = await seedChannel(ctx.db);
    const [mug, shirt] = await ctx.db
      .insert(listings)
      .values([
        {
          workspaceId,
          key: "MUG",
          title: 'Mug "Classic", 12 oz\nline two',
          brand: "Acme",
          tags: ["kitchen", "gift, boxed"],
        },
        { workspaceId, key: "SHIRT", title: "Shirt", brand: null, tags: [] },
      ])
      .returning();
    const [otherListing] = await ctx.db
      .insert(listings)
      .values({ workspaceId: other.workspaceId, key: "MUG", title: "Not ours" })
      .returning();
    const rows = await ctx.db
      .insert(variants)
      .values([
        {
          workspaceId,
          listingId: mug!.id,
          sku: "mug-1",
          skuKey: "MUG-1",
          upc: "012345678905",
          priceCents: 1299,
          quantity: 4,
        },
        {
          workspaceId,
          listingId: mug!.id,
          sku: "MUG-2",
          skuKey: "MUG-2",
          ean: "4006381333931",
          costCents: 5,
          msrpCents: -250,
        },
        {
          workspaceId,
          listingId: shirt!.id,
          sku: "=SHIRT-S",
          skuKey: "=SHIRT-S",
          mpn: 'm,p"n',
          mapCents: 100000,
          quantity: 0,
        },
        {
          workspaceId,
          listingId: shirt!.id,
          sku: "SHIRT-M",
          skuKey: "SHIRT-M",
          gtin: "00012345678905",
          asin: "B000TEST",
        },
        { workspaceId, listingId: shirt!.id, sku: "SHIRT-L", skuKey: "SHIRT-L", quantity: -3 },
      ])
      .returning();
    await ctx.db
      .insert(variants)
      .values({ workspaceId: other.workspaceId, listingId: otherListing!.id, sku: "MUG-1", skuKey: "MUG-1" });
    const byKey = new Map(rows.map((v) => [v.skuKey, v]));
    await ctx.db.insert(listingLinks).values([
      {
        workspaceId,
        channelId,
        variantId: byKey.get("MUG-1")!.id,
        sellercloudProductId: "SC-MUG-1",
        matchedBy: { listingField: "upc", sellercloudField: "UPC" },
      },
      {
        workspaceId,
        channelId,
        variantId: byKey.get("SHIRT-L")!.id,
        sellercloudProductId: "=SC,L",
        matchedBy: { listingField: "sku", sellercloudField: "ID" },
      },
      // Another channel's link is not this export's.
      {
        workspaceId,
        channelId: other.channelId,
        variantId: byKey.get("MUG-2")!.id,
        sellercloudProductId: "SC-OTHER",
        matchedBy: { listingField: "sku", sellercloudField: "ID" },
      },
    ]);

    const columns = ["listing", "sku", "title", "brand", "tags", "upc", "ean", "gtin", "asin", "mpn"];
    columns.push("cost", "price", "msrp", "map", "quantity");
    const title = 'Mug "Classic", 12 oz\nline two';
    // In SKU-key order ("=" sorts before letters), as the library would write them.
    const expected = [
      ["SHIRT", "=SHIRT-S", "Shirt", "", "", "", "", "", "", 'm,p"n', "", "", "", "1000.00", "0"],
      ["MUG", "mug-1", title, "Acme", "kitchen, gift, boxed", "012345678905", "", "", "", "", "", "12.99", "", "", "4"],
      [
        "MUG",
        "MUG-2",
        title,
        "Acme",
        "kitchen, gift, boxed",
        "",
        "4006381333931",
        "",
        "",
        "",
        "0.05",
        "",
        "-2.50",
        "",
        "",
      ],
      ["SHIRT", "SHIRT-L", "Shirt", "", "", "", "", "", "", "", "", "", "", "", "-3"],
      ["SHIRT", "SHIRT-M", "Shirt", "", "", "", "", "00012345678905", "B000TEST", "", "", "", "", "", ""],
    ];
    const links: Record<string, [string, string]> = {
      "mug-1": ["SC-MUG-1", "upc:UPC"],
      "SHIRT-L": ["=SC,L", "sku:ID"],
    };
    const withLinks = expected.map((r) => [...r, ...(links[r[1]!] ?? ["", ""])]);

    for (const pageSize of [2, 5, 5000]) {
      const plain = await text(exportCatalogCsv(ctx.db, workspaceId, { pageSize }));
      expect(plain).toBe(csvText(expected, columns));
      const linked = await text(exportCatalogCsv(ctx.db, workspaceId, { channelId, pageSize }));
      expect(linked).toBe(csvText(withLinks, [...columns, "sellercloud_product_id", "linked_by"]));
    }
    // An empty catalog is the header alone.
    expect(await text(exportCatalogCsv(ctx.db, (await seedChannel(ctx.db)).workspaceId))).toBe(
      `${columns.join(",")}\n`,
    );
  });
});
