import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { listings, variants } from "@/db/schema/catalog";
import { describeEachDb } from "@/db/testing/describe-db";
import { exportCatalogCsv } from "./export";
import { suggestMapping } from "./fields";
import { chunkForParameters, importCatalogCsv, previewCatalogCsv } from "./import";

const HEADER = "Parent SKU,SKU,Title,Brand,Tags,UPC,EAN,MPN,Cost,Price,MSRP,MAP,Qty";
const GOOD = [
  'SHIRT,SHIRT-S,Shirt,Acme,"tee, summer",012345678905,,M-1,4.50,12.99,15.00,11.00,10',
  'SHIRT,SHIRT-M,Shirt,Acme,"tee, summer",036000291452,,M-2,4.50,12.99,15.00,11.00,5',
  ',MUG-1,Mug,Bolt,,,4006381333931,,2,"$1,234.50",,,0',
];
const file = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;

async function textOf(stream: Readable): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text;
}

describeEachDb("catalog CSV import", (ctx) => {
  let workspaceId = "";
  const mapping = suggestMapping(HEADER.split(","));

  it("suggests a mapping from header names", () => {
    expect(mapping).toEqual({
      listing: "Parent SKU",
      sku: "SKU",
      title: "Title",
      brand: "Brand",
      tags: "Tags",
      upc: "UPC",
      ean: "EAN",
      mpn: "MPN",
      cost: "Cost",
      price: "Price",
      msrp: "MSRP",
      map: "MAP",
      quantity: "Qty",
    });
  });

  it("previews the first rows with their errors", async () => {
    const preview = await previewCatalogCsv(file(...GOOD, "X,,T,,,,,,abc,,,,"), { rows: 10 });
    expect(preview.headers).toHaveLength(13);
    expect(preview.rows).toHaveLength(4);
    expect(preview.rows[0]!.parsed).toMatchObject({ sku: "SHIRT-S", cost: 450, price: 1299, tags: ["tee", "summer"] });
    expect(preview.rows[3]!.errors.map((e) => [e.row, e.column])).toEqual([
      [5, "SKU"],
      [5, "Cost"],
    ]);
  });

  it("imports valid rows and reports malformed ones by row and column", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Import" }).returning();
    workspaceId = ws!.id;
    const csv = file(
      ...GOOD,
      "X,BAD-1,Bad,,,,,,twelve,,,,",
      "X,BAD-2,Bad,,,,,,,,,,-3",
      "X,SHORT,only three",
      "X,shirt-s,Duplicate,,,,,,,,,,",
      'X,QUOTE,5" screen,,,,,,,,,,',
    );
    const result = await importCatalogCsv(ctx.db, workspaceId, Readable.from([csv]), { mapping, batchSize: 2 });
    expect(result).toMatchObject({ rows: 8, created: 4, updated: 0, unchanged: 0, rejected: 4, listingsCreated: 3 });
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [5, "Cost"],
      [6, "Qty"],
      [7, null],
      [8, "SKU"],
    ]);
    expect(result.errors[0]!.message).toBe('Cost must be an amount like 12.99 (got "twelve")');
    expect(result.errors[3]!.message).toMatch(/already appeared on row 2/);
    const mug = await ctx.db.select().from(variants).where(eq(variants.skuKey, "MUG-1"));
    expect(mug[0]).toMatchObject({ ean: "4006381333931", costCents: 200, priceCents: 123450, quantity: 0, upc: null });
    const shirt = await ctx.db.select().from(listings).where(eq(listings.key, "SHIRT"));
    expect(shirt[0]).toMatchObject({ title: "Shirt", brand: "Acme", tags: ["tee", "summer"] });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await ctx.db.select().from(variants).where(eq(variants.workspaceId, workspaceId));
    const result = await importCatalogCsv(ctx.db, workspaceId, file(...GOOD), { mapping });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 3, listingsCreated: 0, listingsUpdated: 0 });
    const after = await ctx.db.select().from(variants).where(eq(variants.workspaceId, workspaceId));
    expect(after).toEqual(before);
  });

  it("updates the variant of a changed row and leaves unmapped fields alone", async () => {
    const changed = GOOD[1]!.replace("12.99", "13.49");
    const result = await importCatalogCsv(ctx.db, workspaceId, file(GOOD[0]!, changed), { mapping });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const onlyPrice = await importCatalogCsv(ctx.db, workspaceId, "sku,price\nshirt-m,14\n", {
      mapping: { sku: "sku", price: "price" },
    });
    expect(onlyPrice).toMatchObject({ updated: 1 });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "SHIRT-M"));
    // The SKU's spelling follows the file; fields the file did not map keep their values.
    expect(row).toMatchObject({ sku: "shirt-m", priceCents: 1400, mpn: "M-2", costCents: 450 });
    const [listing] = await ctx.db.select().from(listings).where(eq(listings.id, row!.listingId));
    expect(listing!.key).toBe("SHIRT");
  });

  it("exports a CSV that re-imports without changes", async () => {
    const exported = await textOf(exportCatalogCsv(ctx.db, workspaceId));
    const lines = exported.trim().split("\n");
    expect(lines[0]).toBe("listing,sku,title,brand,tags,upc,ean,gtin,asin,mpn,cost,price,msrp,map,quantity");
    expect(lines).toHaveLength(5);
    expect(lines).toContain("MUG-1,MUG-1,Mug,Bolt,,,4006381333931,,,,2.00,1234.50,,,0");
    const again = await importCatalogCsv(ctx.db, workspaceId, exported, {
      mapping: suggestMapping(lines[0]!.split(",")),
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it("rejects a mapping that does not fit the file", async () => {
    await expect(
      importCatalogCsv(ctx.db, workspaceId, "a,b\n1,2\n", { mapping: { sku: "SKU" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { sku: 'The file has no column "SKU"' },
    });
  });
});

it("chunks rows under the parameter limit", () => {
  const chunks = chunkForParameters(new Array(10_000).fill(0), 16);
  expect(chunks.map((c) => c.length)).toEqual([4095, 4095, 1810]);
});
