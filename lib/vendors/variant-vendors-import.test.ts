import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { workspaces } from "@/db/schema/accounts";
import { variantVendors } from "@/db/schema/vendors";
import { describeEachDb } from "@/db/testing/describe-db";
import { suggestMapping } from "@/lib/catalog/fields";
import { importCatalogCsv } from "@/lib/catalog/import";
import { createVendor } from "./vendors";
import { variantVendorRows } from "@/lib/vendors/testing/variant-vendor-rows";

describeEachDb("catalog import: vendor columns", (ctx) => {
  const stored = (workspaceId: string) => variantVendorRows(ctx.db, workspaceId);

  it("suggests vendor, vendor_sku and vendor_cost, stores them, warns on an unknown vendor and keeps its old one", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Vendors import" }).returning();
    const workspaceId = ws!.id;
    const { vendor: acme } = await createVendor(ctx.db, workspaceId, {
      name: "Acme Supply",
      code: "acme",
      deliveryMethod: "pull",
    });
    const { vendor: zeta } = await createVendor(ctx.db, workspaceId, {
      name: "Zeta 3PL",
      code: "Z3",
      deliveryMethod: "pull",
    });
    const header = "sku,brand,vendor,vendor_sku,vendor_cost";
    const mapping = suggestMapping(header.split(","));
    expect(mapping).toMatchObject({
      sku: "sku",
      brand: "brand",
      vendor: "vendor",
      vendor_sku: "vendor_sku",
      vendor_cost: "vendor_cost",
    });

    const first = await importCatalogCsv(
      ctx.db,
      workspaceId,
      Readable.from([`${header}\nMUG,Acme,ACME,A-1,4.50\nTEE,Zeta,zeta 3pl,Z-9,\nCAP,Acme,,,\n`]),
      { mapping },
    );
    expect(first.errorCount).toBe(0);
    expect(await stored(workspaceId)).toEqual([
      { sku: "CAP", vendorId: null, vendorSku: null, cost: null },
      { sku: "MUG", vendorId: acme.id, vendorSku: "A-1", cost: 450 },
      { sku: "TEE", vendorId: zeta.id, vendorSku: "Z-9", cost: null },
    ]);

    // An unknown vendor keeps the stored one (with a warning); a bad cost rejects the row.
    const second = await importCatalogCsv(
      ctx.db,
      workspaceId,
      Readable.from([`${header}\nMUG,Acme,NOPE,A-2,4.75\nTEE,Zeta,Z3,Z-9,abc\n`]),
      { mapping },
    );
    expect(second.warnings.map((w) => [w.row, w.field, w.message])).toEqual([
      [2, "vendor", expect.stringMatching(/^Vendor "NOPE" is not one of your vendors/)],
    ]);
    expect(second.errors.map((e) => [e.row, e.field])).toEqual([[3, "vendor_cost"]]);
    const after = await stored(workspaceId);
    expect(after.find((r) => r.sku === "MUG")).toEqual({ sku: "MUG", vendorId: acme.id, vendorSku: "A-2", cost: 475 });

    // A file without vendor columns leaves them alone.
    await importCatalogCsv(ctx.db, workspaceId, Readable.from(["sku,brand\nMUG,Acme\n"]), {
      mapping: suggestMapping(["sku", "brand"]),
    });
    expect((await stored(workspaceId)).find((r) => r.sku === "MUG")).toEqual({
      sku: "MUG",
      vendorId: acme.id,
      vendorSku: "A-2",
      cost: 475,
    });
  });

  it("writes no vendor row for a variant whose three vendor cells are empty, and removes one it had", async () => {
    const [ws] = await ctx.db.insert(workspaces).values({ name: "Vendors re-import" }).returning();
    const workspaceId = ws!.id;
    await createVendor(ctx.db, workspaceId, { name: "Acme Supply", code: "acme", deliveryMethod: "pull" });
    const header = "sku,vendor,vendor_sku,vendor_cost";
    const mapping = suggestMapping(header.split(","));
    await importCatalogCsv(ctx.db, workspaceId, Readable.from([`${header}\nMUG,acme,A-1,4.50\nCAP,,,\n`]), { mapping });
    const rowsOf = async () =>
      (await ctx.db.select().from(variantVendors).where(eq(variantVendors.workspaceId, workspaceId))).length;
    expect(await rowsOf()).toBe(1);
    // MUG's vendor cells emptied: its vendor goes, and no row of nulls is left behind.
    await importCatalogCsv(ctx.db, workspaceId, Readable.from([`${header}\nMUG,,,\nCAP,,,\n`]), { mapping });
    expect(await rowsOf()).toBe(0);
    expect((await stored(workspaceId)).map((r) => r.vendorId)).toEqual([null, null]);
  });
});
