import { text } from "node:stream/consumers";
import { expect, it } from "vitest";
import { listings, variants } from "@/db/schema/catalog";
import { runEvents } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { enqueueRun } from "@/lib/operations/enqueue";
import { exportLinkRunIssuesCsv } from "@/lib/operations/link-listings/export";
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
