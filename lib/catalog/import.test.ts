import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { listings, variants } from "@/db/schema/catalog";
import { describeEachDb } from "@/db/testing/describe-db";
import { exportCatalogCsv } from "./export";
import { suggestMapping } from "./fields";
import { importCatalogCsv } from "./import";
import { previewCatalogCsv } from "./import-preview";

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

  it("reports progress as rows handled, each batch once it is written (issue 14 §4)", async () => {
    const rows = [1, 2, 3, 4, 5].map((n) => `,PROGRESS-${n},Progress ${n},,,,,,,,,,`);
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Import progress" }).returning();
    const seen: number[] = [];
    await importCatalogCsv(ctx.db, ws!.id, file(...rows), {
      mapping,
      batchSize: 2,
      onProgress: (rowsDone) => seen.push(rowsDone),
    });
    // After each committed batch of two, then the last row, then the end.
    expect(seen).toEqual([2, 4, 5, 5]);
    const stored = await ctx.db.select().from(variants).where(eq(variants.workspaceId, ws!.id));
    expect(stored).toHaveLength(5);
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
    expect(lines[0]).toBe(
      "listing,sku,title,brand,tags,upc,ean,gtin,asin,mpn,cost,price,msrp,map,quantity,vendor,vendor_sku,vendor_cost",
    );
    expect(lines).toHaveLength(5);
    expect(lines).toContain("MUG-1,MUG-1,Mug,Bolt,,,4006381333931,,,,2.00,1234.50,,,0,,,");
    const again = await importCatalogCsv(ctx.db, workspaceId, exported, {
      mapping: suggestMapping(lines[0]!.split(",")),
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it("reads a Windows-1252 file as Windows-1252 and says so", async () => {
    const bytes = Buffer.from("SKU,Title\nCAFE-1,Caf\xE9 Cr\xE8me Men\x92s\n", "latin1");
    const preview = await previewCatalogCsv(bytes);
    expect(preview.format).toEqual({ encoding: "windows-1252", delimiter: "," });
    expect(preview.rows[0]!.parsed?.title).toBe("Café Crème Men’s");
    const result = await importCatalogCsv(ctx.db, workspaceId, bytes, { mapping: { sku: "SKU", title: "Title" } });
    expect(result).toMatchObject({ created: 1, format: { encoding: "windows-1252" } });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "CAFE-1"));
    const [listing] = await ctx.db.select().from(listings).where(eq(listings.id, row!.listingId));
    expect(listing!.title).toBe("Café Crème Men’s");
  });

  it("keeps both columns of a repeated header and lets the mapping pick one by position", async () => {
    const csv = "SKU,Title,UPC,UPC\nMUG-9,Mug,,012345678905\n";
    const preview = await previewCatalogCsv(csv);
    expect(preview.headers).toEqual(["SKU", "Title", "UPC (column 3)", "UPC (column 4)"]);
    expect(preview.duplicateHeaders).toEqual([
      {
        header: "UPC",
        columns: [3, 4],
        message:
          "The header names “UPC” twice (columns 3 and 4); each is listed on its own, as “UPC (column 3)” or “UPC (column 4)”: choose the one to import.",
      },
    ]);
    // The filled one is suggested; either can be chosen.
    expect(preview.suggestedMapping.upc).toBe("UPC (column 4)");
    const result = await importCatalogCsv(ctx.db, workspaceId, csv, { mapping: { sku: "SKU", upc: "UPC (column 4)" } });
    expect(result).toMatchObject({ created: 1, rejected: 0 });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "MUG-9"));
    expect(row!.upc).toBe("012345678905");
  });

  it("reads a semicolon-separated file with decimal commas", async () => {
    const csv = "SKU;Title;Price;Cost\nSEMI-1;Mug, large;12,99;1.234,50\n";
    const preview = await previewCatalogCsv(Buffer.from(csv));
    expect(preview.format.delimiter).toBe(";");
    expect(preview.mappingProblems).toEqual({});
    const result = await importCatalogCsv(ctx.db, workspaceId, Buffer.from(csv), { mapping: preview.suggestedMapping });
    expect(result).toMatchObject({ created: 1, rejected: 0 });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "SEMI-1"));
    expect(row).toMatchObject({ priceCents: 1299, costCents: 123450 });
  });

  it("refuses a PNG renamed .csv before any mapping", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    await expect(previewCatalogCsv(png)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^This file is a PNG image, not a CSV file/),
    });
    await expect(importCatalogCsv(ctx.db, workspaceId, png, { mapping: { sku: "SKU" } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("says a row shifted by an unquoted $1,234.50 has more columns than the header", async () => {
    const csv = "SKU,Price,Qty,Notes\nSHIFT-1,$1,234.50,3,\nSHIFT-2,$12.00,3,\n";
    const result = await importCatalogCsv(ctx.db, workspaceId, csv, {
      mapping: suggestMapping(["SKU", "Price", "Qty"]),
    });
    expect(result).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(result.errors).toEqual([
      {
        row: 2,
        column: null,
        message:
          "has 5 columns but the header has 4: a value with an unquoted comma (,) (like $1,234.50) splits into two cells and shifts the ones after it. Put such values in quotes",
      },
    ]);
  });

  it("stops at a quote that never closes, reports its row and counts no swallowed row", async () => {
    const csv = [
      "SKU,Title,Price",
      "Q-1,Mug,1.00",
      "Q-2,Mug,2.00",
      "Q-3,Mug,3.00",
      'Q-4,"Unclosed quote mug,4.00',
      "Q-5,Mug,5.00",
      "Q-6,Mug,6.00",
      "Q-7,Mug,7.00",
      "",
    ].join("\n");
    const result = await importCatalogCsv(ctx.db, workspaceId, Buffer.from(csv), {
      mapping: { sku: "SKU", title: "Title", price: "Price" },
    });
    expect(result).toMatchObject({ rows: 3, created: 3, rejected: 0, errorCount: 0 });
    expect(result.stopped).toMatchObject({ row: 5, line: 5 });
    expect(result.stopped!.message).toMatch(
      /^Row 5 \(line 5\): a quote opens in this row and is never closed, so the rest of the file could not be read/,
    );
  });

  it("rounds amounts with more than two decimals half up and says so on the row", async () => {
    const csv = "SKU,Price,Cost,MSRP\nROUND-1,1.005,2.675,10.075\n";
    const preview = await previewCatalogCsv(csv);
    expect(preview.rows[0]!.warnings.map((w) => w.message)).toEqual([
      'Cost "2.675" has more than two decimals; it was rounded to 2.68',
      'Price "1.005" has more than two decimals; it was rounded to 1.01',
      'MSRP "10.075" has more than two decimals; it was rounded to 10.08',
    ]);
    const result = await importCatalogCsv(ctx.db, workspaceId, csv, { mapping: preview.suggestedMapping });
    expect(result).toMatchObject({ created: 1, rejected: 0, warningCount: 3 });
    expect(result.warnings[0]).toMatchObject({ row: 2, column: "Cost", field: "cost" });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "ROUND-1"));
    expect(row).toMatchObject({ priceCents: 101, costCents: 268, msrpCents: 1008 });
  });

  it("removes control characters from cells and counts them", async () => {
    const csv = "SKU,Title,Brand\nCTRL-1,Mug\u0000,Acme\u0007\nCTRL-2,Cup\u0001,Bolt\n";
    const result = await importCatalogCsv(ctx.db, workspaceId, Buffer.from(csv), {
      mapping: { sku: "SKU", title: "Title", brand: "Brand" },
    });
    expect(result).toMatchObject({ created: 2, rejected: 0, cleanedCells: 3 });
    const [row] = await ctx.db.select().from(variants).where(eq(variants.skuKey, "CTRL-1"));
    const [listing] = await ctx.db.select().from(listings).where(eq(listings.id, row!.listingId));
    expect(listing).toMatchObject({ title: "Mug", brand: "Acme" });
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
