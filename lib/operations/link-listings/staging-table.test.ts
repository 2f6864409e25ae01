/**
 * The staging table (./staging.ts writeStagingStep, loadStagedProducts) on both databases: a step
 * goes in by COPY, so its JSON must come back exactly (backslashes, quotes, tabs, newlines,
 * characters outside ASCII), and a step written again (a retried page) replaces its rows.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkStagingPages } from "@/db/schema/catalog";
import { describeEachDb } from "@/db/testing/describe-db";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { seedChannel } from "../testing/fixtures";
import { loadStagedProducts, type StagedEan, type StagedProduct, writeStagingStep } from "./staging";

describeEachDb("Link Listings staging table", (ctx) => {
  it("keeps a step's rows exactly and replaces a step written again", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const run = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    if (isAlreadyRunning(run)) throw new Error("a run is already active");
    const step = (phase: "catalog" | "inventory", from: number, to: number) => ({
      workspaceId,
      runId: run.id,
      phase,
      from,
      to,
    });
    const odd = 'A\\B "quoted"\ttab\nline\\N Ünïcødé €😀';
    const catalog: StagedProduct[] = [
      ["SC-1", "036000291452", null, odd, "MPN\\1", null, "2026-11-01T10:00:00"],
      ["SC-2", null, null, null, null, "4006381333931", null],
    ];
    // First written with other rows (a page that failed after its commit was retried): replaced.
    await writeStagingStep(
      ctx.db,
      step("catalog", 1, 2),
      JSON.stringify([["SC-OLD", null, null, null, null, null, null]]),
    );
    await writeStagingStep(ctx.db, step("catalog", 1, 2), JSON.stringify(catalog));
    const inventory: StagedEan[] = [["SC-1", "5901234123457"]];
    await writeStagingStep(ctx.db, step("inventory", 1, 1), JSON.stringify(inventory));

    const rows = await ctx.db.select().from(linkStagingPages).where(eq(linkStagingPages.runId, run.id));
    expect(rows.map((r) => [r.phase, r.fromPage, r.toPage]).sort()).toEqual([
      ["catalog", 1, 2],
      ["inventory", 1, 1],
    ]);
    expect(rows.find((r) => r.phase === "catalog")!.rows).toEqual(catalog);
    expect(await loadStagedProducts(ctx.db, workspaceId, run.id, 2)).toEqual([
      {
        id: "SC-1",
        upc: "036000291452",
        gtin: null,
        asin: odd,
        mpn: "MPN\\1",
        ean: "5901234123457",
        lastModified: "2026-11-01T10:00:00",
      },
      { id: "SC-2", upc: null, gtin: null, asin: null, mpn: null, ean: "4006381333931", lastModified: null },
    ]);
  });
});
