import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkIssues, linkStagingPages, listingLinks, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { linkMirrorState } from "@/db/schema/link-mirror";
import { runEvents, runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { suggestMapping } from "@/lib/catalog/fields";
import { importCatalogCsv } from "@/lib/catalog/import";
import { type ChannelSettings, DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import { SellerCloudClient } from "@/lib/sellercloud/client";
import { enqueueRun } from "../enqueue";
import { getRun } from "../queries";
import { claimRun, workRun } from "../runner";
import { seedChannel } from "../testing/fixtures";
import { exportLinkRunIssuesCsv } from "./export";
import { createLinkListingsModule } from "./index";

/**
 * Link Listings through the real runner on a small, hand-made SellerCloud catalog served by a fake
 * client (pages of 50, company filter, inventory EANs). The sandbox-backed run is in
 * link-listings.sandbox.test.ts.
 */

interface FakeProduct {
  id: string;
  companyId: number;
  upc?: string;
  ean?: string;
  mpn?: string;
}

/** A client whose HTTP layer stands in for SellerCloud's /api/Catalog and /api/Inventory: PascalCase rows, pages of 50. */
function fakeClient(products: FakeProduct[]) {
  const calls = { count: 0 };
  const http = {
    async json(_method: string, path: string, options: { query: Record<string, unknown> }) {
      calls.count++;
      const companyId = (options.query["model.companyID"] as number[])[0];
      const pageNumber = options.query["model.pageNumber"] as number;
      const rows = products
        .filter((p) => p.companyId === companyId)
        .map((p) =>
          path === "/api/Catalog"
            ? {
                ID: p.id,
                CompanyID: p.companyId,
                UPC: p.upc ?? "",
                GTIN: null,
                ASIN: null,
                ManufacturerSKU: p.mpn ?? null,
              }
            : { ID: p.id, CompanyID: p.companyId, EAN: p.ean ?? "", WarehouseName: "Main" },
        );
      return { Items: rows.slice((pageNumber - 1) * 50, pageNumber * 50), TotalResults: rows.length };
    },
  };
  // The real client's methods (getIdentifiersPage) over this stand-in for its HTTP layer.
  const client = Object.create(SellerCloudClient.prototype) as SellerCloudClient;
  Object.defineProperty(client, "http", {
    value: {
      json: http.json,
      get callsMade() {
        return calls.count;
      },
    },
  });
  return client;
}

const UPC_A = "012345678905";
const UPC_B = "036000291452";
const EAN_C = "4006381333931";

// 120 filler products push the interesting ones onto pages 2 and 3.
const filler: FakeProduct[] = Array.from({ length: 120 }, (_, i) => ({ id: `FILL-${i}`, companyId: 1 }));
const baseProducts: FakeProduct[] = [
  ...filler,
  { id: "SC-SHIRT-S", companyId: 1 },
  { id: "SC-UPC", companyId: 1, upc: `0${UPC_A}` },
  { id: "SC-EAN", companyId: 1, ean: EAN_C },
  { id: "SC-DUP-1", companyId: 1, upc: UPC_B },
  { id: "SC-DUP-2", companyId: 1, upc: UPC_B },
  { id: "SC-MPN", companyId: 1, mpn: "MPN-9" },
  { id: "SC-OTHER-CO", companyId: 2, mpn: "OTHER-1" },
];

const CSV = [
  "SKU,Title,Brand,UPC,EAN,MPN",
  "sc-shirt-s,Shirt,Acme,,,", // SKU -> ID (case-insensitive)
  "MUG,Mug,Acme,012345678905,,", // UPC -> UPC (UPC-A vs EAN-13 form)
  "BOTTLE,Bottle,Acme,,4006381333931,", // EAN from inventory rows
  "AMBIG,Ambiguous,Acme,036000291452,,", // two products share the UPC
  "AMBIG-MPN,Ambiguous then MPN,Acme,036000291452,,MPN-9", // ambiguous UPC, then MPN
  "CONFLICT,Loses,Acme,,,mpn-9", // same product by MPN, later SKU: loses
  "BADCODE,Bad code,Acme,012345678906,,", // wrong check digit
  "NOTHING,No match,Acme,,,NOPE", // unmatched
  "OTHERCO,Other company,Bolt,,,OTHER-1", // only in company 2: unmatched
].join("\n");

describeEachDb("Link Listings operation", (ctx) => {
  let workspaceId = "";
  let channelId = "";
  let products = baseProducts;
  const module = createLinkListingsModule({ pagesPerStep: 2, concurrency: 2 });

  // Full runs: the fake client ignores model.lastUpdatedFrom, and these cases are about what a
  // run that reads SellerCloud whole does (incremental runs: ./incremental.sandbox.test.ts).
  async function runLink(options: { dryRun?: boolean; module?: typeof module } = {}) {
    const run = await enqueueRun(ctx.db, {
      workspaceId,
      channelId,
      operation: "link_listings",
      trigger: "manual",
      dryRun: options.dryRun,
      input: { full: true },
    });
    if ("alreadyRunning" in run) throw new Error("a run is already active");
    const deps = {
      db: ctx.db,
      createSellerCloudClient: async () => fakeClient(products),
      getModule: () => options.module ?? module,
      options: { heartbeatMs: 0, pageRetries: 0 },
    };
    const claimed = await claimRun(deps, { runId: run.id });
    const outcome = await workRun(deps, claimed!);
    const [row] = await ctx.db.select().from(runs).where(eq(runs.id, run.id));
    const events = await ctx.db.select().from(runEvents).where(eq(runEvents.runId, run.id)).orderBy(asc(runEvents.id));
    return { outcome, run: row!, events };
  }

  async function links() {
    const rows = await ctx.db
      .select({ sku: variants.sku, productId: listingLinks.sellercloudProductId, matchedBy: listingLinks.matchedBy })
      .from(listingLinks)
      .innerJoin(variants, eq(variants.id, listingLinks.variantId))
      .where(eq(listingLinks.channelId, channelId))
      .orderBy(asc(variants.skuKey));
    return Object.fromEntries(rows.map((r) => [r.sku, `${r.productId} by ${r.matchedBy.listingField}`]));
  }

  it("shows by variant what a dry run would link, without writing", async () => {
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    const settings: ChannelSettings = {
      shippingMappings: [],
      link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY },
    };
    await ctx.db.update(channels).set({ settings }).where(eq(channels.id, channelId));
    await importCatalogCsv(ctx.db, workspaceId, CSV, { mapping: suggestMapping(CSV.split("\n")[0]!.split(",")) });

    const { outcome, events } = await runLink({ dryRun: true });
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(await links()).toEqual({});
    const wouldLink = events.filter((e) => e.code === "linked");
    expect(wouldLink.map((e) => e.entityId).sort()).toEqual(["AMBIG-MPN", "BOTTLE", "MUG", "sc-shirt-s"]);
    expect(wouldLink.find((e) => e.entityId === "MUG")!.message).toBe(
      "Would link to SellerCloud product SC-UPC by UPC → UPC.",
    );
    expect(wouldLink.find((e) => e.entityId === "AMBIG-MPN")!.message).toMatch(
      /^Would link to SellerCloud product SC-MPN by MPN → ManufacturerSKU\. Before that: UPC 036000291452 matched 2 SellerCloud products/,
    );
    expect(await ctx.db.select().from(linkIssues).where(eq(linkIssues.channelId, channelId))).toEqual([]);
  });

  it("links variants by priority and reports every other outcome", async () => {
    const { outcome, run, events } = await runLink();
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    expect(await links()).toEqual({
      "AMBIG-MPN": "SC-MPN by mpn",
      BOTTLE: "SC-EAN by ean",
      MUG: "SC-UPC by upc",
      "sc-shirt-s": "SC-SHIRT-S by sku",
    });
    expect(run).toMatchObject({ fetchedCount: 126, createdCount: 4, unchangedCount: 0, skippedCount: 5 });
    const byCode = (code: string) =>
      events
        .filter((e) => e.code === code)
        .map((e) => e.entityId)
        .sort();
    // A real run records its links in listing_links (with its run id), not as one event per link.
    expect(byCode("linked")).toEqual([]);
    const ownLinks = await ctx.db.select().from(listingLinks).where(eq(listingLinks.runId, run.id));
    expect(ownLinks).toHaveLength(4);
    expect(byCode("ambiguous")).toEqual(["AMBIG"]);
    expect(byCode("conflict")).toEqual(["CONFLICT"]);
    expect(byCode("invalid_code")).toEqual(["BADCODE"]);
    expect(byCode("unmatched")).toEqual(["NOTHING", "OTHERCO"]);
    const ambiguous = events.find((e) => e.code === "ambiguous")!;
    expect(ambiguous.message).toMatch(/UPC 036000291452 matches 2 SellerCloud products \(SC-DUP-1, SC-DUP-2\)/);
    expect(events.find((e) => e.entityId === "CONFLICT")!.message).toMatch(/goes to variant AMBIG-MPN/);
    const summary = events.find((e) => e.code === "summary")!;
    expect(summary.details).toMatchObject({
      linked: 4,
      linkedByPair: { "SKU → ID": 1, "UPC → UPC": 1, "EAN → EAN": 1, "MPN → ManufacturerSKU": 1 },
      unmatched: 2,
      ambiguous: 1,
      conflicts: 1,
      invalidCodes: 1,
    });
    // Issues are kept per variant for the catalog page; staging is gone.
    const issues = await ctx.db.select().from(linkIssues).where(eq(linkIssues.channelId, channelId));
    expect(issues.map((i) => i.status).sort()).toEqual([
      "ambiguous",
      "conflict",
      "invalid_code",
      "unmatched",
      "unmatched",
    ]);
    // Each issue is its variant's issue event (written from the events: ./link-issues.ts).
    const skuOf = new Map(
      (await ctx.db.select({ id: variants.id, sku: variants.sku }).from(variants)).map((v) => [v.id, v.sku]),
    );
    const issueCodes = ["ambiguous", "conflict", "invalid_code", "unmatched"];
    expect(issues.map((i) => `${skuOf.get(i.variantId)} ${i.status} ${i.runId} ${i.message}`).sort()).toEqual(
      events
        .filter((e) => issueCodes.includes(e.code))
        .map((e) => `${e.entityId} ${e.code} ${run.id} ${e.message}`)
        .sort(),
    );
    // The full pass's staging steps stay as the channel's mirror (./mirror.ts); no other run's do.
    const kept = await ctx.db.selectDistinct({ runId: linkStagingPages.runId }).from(linkStagingPages);
    expect(kept).toEqual([{ runId: run.id }]);
    const [mirror] = await ctx.db.select().from(linkMirrorState).where(eq(linkMirrorState.channelId, channelId));
    expect(mirror?.baseRunId).toBe(run.id);

    const csv = await textOf(exportLinkRunIssuesCsv(ctx.db, workspaceId, run.id));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("sku,status,message,upc,ean,gtin,asin,mpn,candidates");
    expect(
      lines
        .slice(1)
        .map((l) => l.split(",")[0])
        .sort(),
    ).toEqual(["AMBIG", "NOTHING", "OTHERCO"]);
  });

  it("reads the staging table when the match step runs on another worker", async () => {
    // One worker pages the catalog, a fresh one (no memory of the run) matches: same outcome.
    const pager = createLinkListingsModule({ pagesPerStep: 2, concurrency: 2 });
    const matcher = createLinkListingsModule();
    const handoff: typeof module = {
      operation: "link_listings",
      runPage: (c, cursor) => (cursor?.phase === "match" ? matcher : pager).runPage(c, cursor),
    };
    const summary = async (m?: typeof module) => {
      const { events } = await runLink({ dryRun: true, module: m });
      return events
        .filter((e) => e.entity === "variant" || e.code === "summary")
        .map((e) => `${e.entityId}:${e.code}:${e.message}`)
        .sort();
    };
    expect(await summary(handoff)).toEqual(await summary());
  });

  it("changes nothing on a second run", async () => {
    const before = await links();
    const { run, events } = await runLink();
    expect(await links()).toEqual(before);
    expect(run).toMatchObject({ createdCount: 0, unchangedCount: 4, skippedCount: 5 });
    expect(events.filter((e) => e.code === "linked" || e.code === "unlinked")).toEqual([]);
  });

  it("shows a dry run's changes without writing them", async () => {
    products = baseProducts.filter((p) => p.id !== "SC-UPC");
    const before = await links();
    const { run, events } = await runLink({ dryRun: true });
    expect(await links()).toEqual(before);
    expect(run.dryRun).toBe(true);
    const unlinked = events.find((e) => e.code === "unlinked")!;
    expect(unlinked).toMatchObject({ entityId: "MUG", level: "warn" });
    expect(unlinked.message).toMatch(/^Would unlink from SellerCloud product SC-UPC/);
  });

  it("unlinks and reports a product removed on the SellerCloud side", async () => {
    const { run, events } = await runLink();
    const current = await links();
    expect(current.MUG).toBeUndefined();
    expect(Object.keys(current)).toHaveLength(3);
    const unlinked = events.filter((e) => e.code === "unlinked");
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0]!.message).toMatch(
      /Unlinked from SellerCloud product SC-UPC: it is no longer in the SellerCloud catalog/,
    );
    expect(run).toMatchObject({ createdCount: 0, unchangedCount: 3 });
    const [issue] = await ctx.db
      .select()
      .from(linkIssues)
      .innerJoin(variants, eq(variants.id, linkIssues.variantId))
      .where(and(eq(linkIssues.channelId, channelId), eq(variants.sku, "MUG")));
    expect(issue!.link_issues.status).toBe("unmatched");
  });

  it("manages only the variants in the channel's listing scope", async () => {
    products = baseProducts;
    await ctx.db
      .update(channels)
      .set({
        settings: {
          shippingMappings: [],
          link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY },
          listingManagement: { scope: "brand", values: ["bolt"], autoLinkNew: true },
        },
      })
      .where(eq(channels.id, channelId));
    const { events } = await runLink();
    // Every Acme link is out of scope now and goes; the one Bolt variant stays unmatched.
    expect(await links()).toEqual({});
    expect(events.filter((e) => e.code === "unlinked")).toHaveLength(3);
    expect(events.filter((e) => e.code === "unmatched").map((e) => e.entityId)).toEqual(["OTHERCO"]);
  });

  it("removes the link of a deleted variant on the next run (links carry no foreign keys)", async () => {
    await ctx.db
      .update(channels)
      .set({
        settings: {
          shippingMappings: [],
          link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY },
        },
      })
      .where(eq(channels.id, channelId));
    await runLink();
    expect((await links())["sc-shirt-s"]).toBe("SC-SHIRT-S by sku");
    const [shirt] = await ctx.db.select().from(variants).where(eq(variants.sku, "sc-shirt-s"));
    await ctx.db.delete(variants).where(eq(variants.id, shirt!.id));
    const { events } = await runLink();
    const rows = await ctx.db.select().from(listingLinks).where(eq(listingLinks.variantId, shirt!.id));
    expect(rows).toEqual([]);
    const unlinked = events.filter((e) => e.code === "unlinked");
    expect(unlinked).toHaveLength(1);
    expect(unlinked[0]!.message).toMatch(/SC-SHIRT-S: it belongs to a variant this channel no longer manages/);
  });

  it("reports progress with done and total in one unit, SellerCloud pages, as its label says", async () => {
    // Before, the total was the phase's last page while the bar counted products against it, so
    // the bar read 100 % after the first page.
    const run = await enqueueRun(ctx.db, {
      workspaceId,
      channelId,
      operation: "link_listings",
      trigger: "manual",
      dryRun: true,
      input: { full: true },
    });
    if ("alreadyRunning" in run) throw new Error("a run is already active");
    const deps = {
      db: ctx.db,
      createSellerCloudClient: async () => fakeClient(products),
      getModule: () => module,
      options: { heartbeatMs: 0, pageRetries: 0 },
    };
    // A deadline already past: the worker stops after each first page. The run's first page only
    // records its pass; the next is catalog page 1 of 3.
    const first = await workRun(deps, (await claimRun(deps, { runId: run.id }))!, { deadline: new Date(0) });
    expect(first).toEqual({ kind: "released", reason: "budget" });
    const started = (await getRun(ctx.db, { workspaceId, runId: run.id }))!;
    expect(started.run.progressLabel).toBe(
      "Full run: reading every SellerCloud product of company 1 (a full re-check was asked for).",
    );
    expect(started.run.fetchedCount).toBe(0);
    const second = await workRun(deps, (await claimRun(deps, { runId: run.id }))!, { deadline: new Date(0) });
    expect(second).toEqual({ kind: "released", reason: "budget" });
    const midway = (await getRun(ctx.db, { workspaceId, runId: run.id }))!;
    expect(midway.run.fetchedCount).toBe(50);
    expect(midway.run.progressLabel).toBe("Reading SellerCloud catalog: page 1 of 3");
    expect(midway.progress).toEqual({ unit: "SellerCloud pages", done: 1, total: 3, percent: 33 });

    await workRun(deps, (await claimRun(deps, { runId: run.id }))!);
    const finished = (await getRun(ctx.db, { workspaceId, runId: run.id }))!;
    expect(finished.run.status).toBe("succeeded");
    // The last fetch step: inventory page 3 of 3.
    expect(finished.progress).toEqual({ unit: "SellerCloud pages", done: 3, total: 3, percent: 100 });
  });
});

async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text;
}
