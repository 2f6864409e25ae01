import { readFileSync } from "node:fs";
import path from "node:path";
import { text } from "node:stream/consumers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listingLinks, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { describeEachDb } from "@/db/testing/describe-db";
import { demoCatalogRows, importDemoCatalog, sampleCatalogCsv } from "@/lib/catalog/demo";
import { DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import { normalizeGtin } from "@/lib/linking/normalize";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { seedChannel } from "../testing/fixtures";
import { runOverSandbox } from "../testing/sandbox-run";
import { exportInvalidProductCodesCsv } from "./export";
import { createLinkListingsModule, type LinkRunSummary } from "./index";

/** Link Listings end to end: the real runner, the real client, the in-process sandbox, the demo catalog. */

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ products: 2000 });
});
afterAll(async () => {
  await sandbox?.close();
});

it("keeps public/sample-catalog.csv in step with the demo generator", () => {
  const file = readFileSync(path.join(process.cwd(), "public", "sample-catalog.csv"), "utf8");
  expect(file).toBe(sampleCatalogCsv());
});

describeEachDb("Link Listings against the sandbox", (ctx) => {
  let workspaceId = "";
  let channelId = "";
  const module = createLinkListingsModule();
  const demo = [...demoCatalogRows({ products: 2000 })];

  async function runLink() {
    // Full runs (a removed product is found only by reading SellerCloud whole): incremental runs are
    // in ./incremental.sandbox.test.ts.
    return runOverSandbox(ctx.db, sandbox, module, {
      workspaceId,
      channelId,
      operation: "link_listings",
      input: { full: true },
    });
  }

  async function links(): Promise<Map<string, { productId: string; by: string }>> {
    const rows = await ctx.db
      .select({ sku: variants.sku, productId: listingLinks.sellercloudProductId, matchedBy: listingLinks.matchedBy })
      .from(listingLinks)
      .innerJoin(variants, eq(variants.id, listingLinks.variantId))
      .where(eq(listingLinks.channelId, channelId));
    return new Map(rows.map((r) => [r.sku, { productId: r.productId, by: r.matchedBy.listingField }]));
  }

  it("links the demo catalog by every rule and explains the rest", async () => {
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await ctx.db
      .update(channels)
      .set({
        settings: { shippingMappings: [], link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY } },
      })
      .where(eq(channels.id, channelId));
    const imported = await importDemoCatalog(ctx.db, workspaceId, { products: 2000 });
    expect(imported.created).toBe(demo.length);
    // A product SellerCloud holds with a broken UPC (its variant still links by SKU).
    const broken = demo.find((r) => /^sc-/i.test(r.sku))!.sku.toUpperCase();
    sandbox.state.updateProduct(broken, { UPC: "012345678906" });

    const { outcome, run, events, calls } = await runLink();
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    const current = await links();
    const codeOf = new Map(events.filter((e) => e.entity === "variant").map((e) => [e.entityId, e.code]));

    // Rows that reuse SellerCloud's SKU link by SKU to that very product.
    const bySku = demo.filter((r) => /^sc-/i.test(r.sku));
    for (const r of bySku) expect(current.get(r.sku)).toEqual({ productId: r.sku.toUpperCase(), by: "sku" });
    // New products are unmatched, broken codes invalid, shared UPCs ambiguous, duplicate MPNs conflicts.
    for (const r of demo.filter((r) => r.sku.startsWith("CD-NEW-"))) expect(codeOf.get(r.sku)).toBe("unmatched");
    for (const r of demo.filter((r) => r.upc && normalizeGtin(r.upc).kind === "invalid")) {
      expect(codeOf.get(r.sku)).toBe("invalid_code");
    }
    const ambiguous = demo.filter((r) => r.sku.startsWith("CD-AMB-"));
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const r of ambiguous) expect(codeOf.get(r.sku)).toBe("ambiguous");
    const duplicates = demo.filter((r) => r.sku.startsWith("CD-DUP-"));
    expect(duplicates.length).toBeGreaterThan(0);
    for (const r of duplicates) {
      expect(codeOf.get(r.sku)).toBe("conflict");
      expect(current.get(r.sku.replace("CD-DUP-", "CD-"))?.by).toBe("mpn");
    }
    // Every pair of the default priority linked something.
    const pairs = new Set([...current.values()].map((l) => l.by));
    expect([...pairs].sort()).toEqual(["ean", "mpn", "sku", "upc"]);

    const summary = events.find((e) => e.code === "summary")!.details as unknown as LinkRunSummary;
    expect(summary.linked).toBe(current.size);
    expect(run.createdCount).toBe(current.size);
    expect(run.skippedCount).toBe(demo.length - current.size);
    expect(summary.unmatched + summary.ambiguous + summary.conflicts + summary.invalidCodes).toBe(
      demo.length - current.size,
    );
    // SellerCloud's own broken codes: one event per field, every product in the run's CSV.
    const invalid = events.filter((e) => e.code === "invalid_product_codes");
    expect(summary.invalidProductCodes).toBe(1);
    expect(invalid.map((e) => [e.details?.field, e.details?.count])).toEqual([["UPC", 1]]);
    const csv = await text(exportInvalidProductCodesCsv(ctx.db, workspaceId, run.id));
    expect(csv.trim().split(/\r?\n/)).toEqual([
      "sellercloud_sku,field,value,reason",
      `${broken},UPC,012345678906,has a wrong check digit (expected 5)`,
    ]);
    // 1,600-odd company-1 products: catalog and inventory pages of 50, plus a login unless a
    // token is cached from an earlier suite in this process. No call is wasted.
    const pages = Math.ceil(run.fetchedCount / 50);
    expect(calls - 2 * pages).toBeGreaterThanOrEqual(0);
    expect(calls - 2 * pages).toBeLessThanOrEqual(1);
  });

  it("changes nothing on a second run", async () => {
    const before = await links();
    const { run, events } = await runLink();
    expect(await links()).toEqual(before);
    expect(run).toMatchObject({ createdCount: 0, unchangedCount: before.size });
    expect(events.filter((e) => e.code === "linked" || e.code === "unlinked")).toEqual([]);
  });

  it("unlinks and reports a product removed on the SellerCloud side", async () => {
    expect(sandbox.state.removeProduct("SC-000001")).toBe(true);
    const before = await links();
    const { events } = await runLink();
    const after = await links();
    expect(after.size).toBe(before.size - 1);
    expect(after.has("SC-000001")).toBe(false);
    const unlinked = events.filter((e) => e.code === "unlinked");
    expect(unlinked.map((e) => e.entityId)).toEqual(["SC-000001"]);
    expect(unlinked[0]!.message).toBe(
      "Unlinked from SellerCloud product SC-000001: it is no longer in the SellerCloud catalog of this company.",
    );
    expect(events.find((e) => e.entityId === "SC-000001" && e.code === "unmatched")).toBeDefined();
    sandbox.reset({});
  });

  it("cleans NUL and control characters out of SellerCloud identifiers and links as if they were clean", async () => {
    await runLink();
    const before = await links();
    // The first rows of every catalog and inventory page carry a NUL / BEL after their SKU and codes.
    sandbox.faults.add({
      kind: "dirtyText",
      path: "/api/Catalog",
      times: -1,
      records: [0, 1, 2],
      fields: ["ID", "UPC", "ManufacturerSKU"],
      text: "\u0000",
    });
    sandbox.faults.add({
      kind: "dirtyText",
      path: "/api/Inventory",
      times: -1,
      records: [0],
      fields: ["EAN"],
      text: "\u0007",
    });
    const { outcome, events } = await runLink();
    sandbox.faults.clear();
    // Before: Postgres refused the NUL and the run failed.
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(await links()).toEqual(before);
    const cleaned = events.filter((e) => e.code === "text_cleaned");
    expect(cleaned.length).toBeGreaterThan(0);
    expect(cleaned[0]!.message).toMatch(
      /^SellerCloud sent control characters or broken characters in \d+ identifiers; they were removed before linking\. Products: SC-/,
    );
    expect(JSON.stringify(events)).not.toContain("\\u0000");
  });
});
