import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { listingLinks, listings, variants } from "@/db/schema/catalog";
import { runEvents } from "@/db/schema/runs";
import { variantVendors } from "@/db/schema/vendors";
import { describeEachDb } from "@/db/testing/describe-db";
import { csvText } from "@/lib/csv/write";
import { enqueueRun } from "@/lib/operations/enqueue";
import { exportLinkRunIssuesCsv } from "@/lib/operations/link-listings/export";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import { createVendor } from "@/lib/vendors/vendors";
import { exportCatalogCsv } from "./export";
import { suggestMapping } from "./fields";
import { importCatalogCsv } from "./import";
import { variantVendorRows } from "@/lib/vendors/testing/variant-vendor-rows";

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
    expect(line).toMatch(/,-5\.00,.*,-5,,,$/); // no vendor: empty vendor cells
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

    // Vendor rows: MUG-2 has a vendor, SHIRT-L a vendor row whose vendor was removed (set null),
    // the others none (empty cells).
    const { vendor } = await createVendor(ctx.db, workspaceId, {
      name: "=Acme, Supply",
      code: "ACME-1",
      deliveryMethod: "pull",
    });
    await ctx.db.insert(variantVendors).values([
      { workspaceId, variantId: byKey.get("MUG-2")!.id, vendorId: vendor.id, vendorSku: "A,1", vendorCostCents: 1234 },
      { workspaceId, variantId: byKey.get("SHIRT-L")!.id, vendorId: null, vendorSku: "=L", vendorCostCents: 0 },
    ]);

    const columns = ["listing", "sku", "title", "brand", "tags", "upc", "ean", "gtin", "asin", "mpn"];
    columns.push("cost", "price", "msrp", "map", "quantity", "vendor", "vendor_sku", "vendor_cost");
    const title = 'Mug "Classic", 12 oz\nline two';
    // In SKU-key order ("=" sorts before letters), as the library would write them.
    const expected = [
      ["SHIRT", "=SHIRT-S", "Shirt", "", "", "", "", "", "", 'm,p"n', "", "", "", "1000.00", "0", "", "", ""],
      [
        "MUG",
        "mug-1",
        title,
        "Acme",
        "kitchen, gift, boxed",
        "012345678905",
        ...["", "", "", "", "", "12.99", "", "", "4", "", "", ""],
      ],
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
        "ACME-1",
        "A,1",
        "12.34",
      ],
      ["SHIRT", "SHIRT-L", "Shirt", "", "", "", "", "", "", "", "", "", "", "", "-3", "", "=L", "0.00"],
      ["SHIRT", "SHIRT-M", "Shirt", "", "", "", "", "00012345678905", "B000TEST", "", "", "", "", "", "", "", "", ""],
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

  it("re-imports an export with its vendors into another workspace whose vendor has the same code", async () => {
    async function workspaceWithVendor(name: string) {
      const [ws] = await ctx.db.insert(workspaces).values({ name }).returning();
      // The vendor's name differs between the two workspaces: the export writes the code (stored upper-case).
      const { vendor } = await createVendor(ctx.db, ws!.id, {
        name: `${name} supply`,
        code: "Acme",
        deliveryMethod: "pull",
      });
      return { workspaceId: ws!.id, vendorId: vendor.id };
    }
    const stored = (workspaceId: string) => variantVendorRows(ctx.db, workspaceId);
    const source = await workspaceWithVendor("Source");
    const header = "sku,title,price,vendor,vendor_sku,vendor_cost";
    const imported = await importCatalogCsv(
      ctx.db,
      source.workspaceId,
      Readable.from([
        `${header}\nMUG,Mug,12.99,acme,A-MUG,4.5\nTEE,Tee,9.00,Source supply,"T,1",$1234.56\nCAP,Cap,5.00,,,\n`,
      ]),
      { mapping: suggestMapping(header.split(",")) },
    );
    expect(imported).toMatchObject({ created: 3, errorCount: 0, warningCount: 0 });
    const want = (vendorId: string) => [
      { sku: "CAP", vendorId: null, vendorSku: null, cost: null },
      { sku: "MUG", vendorId, vendorSku: "A-MUG", cost: 450 },
      { sku: "TEE", vendorId, vendorSku: "T,1", cost: 123456 },
    ];
    expect(await stored(source.workspaceId)).toEqual(want(source.vendorId));

    const exported = await text(exportCatalogCsv(ctx.db, source.workspaceId, { pageSize: 2 }));
    const lines = exported.trim().split("\n");
    expect(lines[0]!.endsWith(",quantity,vendor,vendor_sku,vendor_cost")).toBe(true);
    expect(lines.slice(1)).toEqual([
      "CAP,CAP,Cap,,,,,,,,,5.00,,,,,,",
      "MUG,MUG,Mug,,,,,,,,,12.99,,,,ACME,A-MUG,4.50",
      'TEE,TEE,Tee,,,,,,,,,9.00,,,,ACME,"T,1",1234.56',
    ]);

    const target = await workspaceWithVendor("Target");
    const again = await importCatalogCsv(ctx.db, target.workspaceId, exported, {
      mapping: suggestMapping(lines[0]!.split(",")),
    });
    expect(again).toMatchObject({ created: 3, errorCount: 0, warningCount: 0 });
    expect(await stored(target.workspaceId)).toEqual(want(target.vendorId));
    // And the target's export is the source's, byte for byte.
    expect(await text(exportCatalogCsv(ctx.db, target.workspaceId))).toBe(exported);
  });
});
