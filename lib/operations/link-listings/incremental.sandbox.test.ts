import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { linkStagingPages, listingLinks, listings, variants } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { linkMirrorState } from "@/db/schema/link-mirror";
import { describeEachDb } from "@/db/testing/describe-db";
import { importDemoCatalog } from "@/lib/catalog/demo";
import { DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import { type RunningSandbox, startSandbox } from "@/lib/sellercloud/sandbox/server";
import { seedChannel } from "../testing/fixtures";
import { runOverSandbox } from "../testing/sandbox-run";
import { createLinkListingsModule, type LinkRunSummary } from "./index";
import { fullRecheckStatus } from "./recheck-status";

/**
 * Incremental Link Listings over HTTP (the real client, runner and sandbox): a full run fills the
 * mirror, a later run reads only what SellerCloud changed (model.lastUpdatedFrom) and links exactly
 * what a full run would; a product deleted in SellerCloud is unlinked by the full re-check.
 */

let sandbox: RunningSandbox;

/** A valid UPC-A no demo product carries. */
const NEW_UPC = "036000291452";

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.origin}/__sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

describeEachDb("Incremental Link Listings against the sandbox", (ctx) => {
  // A sandbox per database: the test changes and deletes products.
  beforeAll(async () => {
    sandbox = await startSandbox({ products: 2000 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  let workspaceId = "";
  let channelId = "";
  const module = createLinkListingsModule({ pagesPerStep: 5 });

  async function runLink(input: Record<string, unknown> = {}) {
    const { outcome, run, events } = await runOverSandbox(ctx.db, sandbox, module, {
      workspaceId,
      channelId,
      operation: "link_listings",
      input,
    });
    expect(outcome).toEqual({ kind: "finished", status: "succeeded" });
    const summary = events.find((e) => e.code === "summary")!.details as unknown as LinkRunSummary;
    const catalogCalls = sandbox.requests.list({ path: "/api/Catalog" }).length;
    return { runId: run.id, events, summary, catalogCalls };
  }

  /** The runs whose staging steps are kept, and the run the mirror says is its base. */
  async function staged(): Promise<{ runs: string[]; base: string | null | undefined }> {
    const rows = await ctx.db.selectDistinct({ runId: linkStagingPages.runId }).from(linkStagingPages);
    const [state] = await ctx.db.select().from(linkMirrorState).where(eq(linkMirrorState.channelId, channelId));
    return { runs: rows.map((r) => r.runId), base: state?.baseRunId };
  }

  async function links(): Promise<Record<string, string>> {
    const rows = await ctx.db
      .select({ sku: variants.sku, productId: listingLinks.sellercloudProductId, matchedBy: listingLinks.matchedBy })
      .from(listingLinks)
      .innerJoin(variants, eq(variants.id, listingLinks.variantId))
      .where(eq(listingLinks.channelId, channelId));
    return Object.fromEntries(rows.map((r) => [r.sku, `${r.productId} by ${r.matchedBy.listingField}`]));
  }

  it("reads only changed products, links as a full run would, and the full re-check unlinks deleted products", async () => {
    ({ workspaceId, channelId } = await seedChannel(ctx.db));
    await ctx.db
      .update(channels)
      .set({
        settings: { shippingMappings: [], link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY } },
      })
      .where(eq(channels.id, channelId));
    await importDemoCatalog(ctx.db, workspaceId, { products: 2000 });
    sandbox.requests.clear();

    const first = await runLink();
    expect(first.summary.kind).toBe("full");
    expect(first.summary.fullReason).toBe("first");
    const fullCalls = first.summary.calls!;
    expect(fullCalls).toBeGreaterThan(40);
    // The channel page says how many products the copy holds: every one the full pass read.
    const status = await fullRecheckStatus(ctx.db, { workspaceId, channelId }, undefined);
    expect(status.products).toBe(first.summary.productsRead);
    expect(status.products).toBeGreaterThan(1000);
    // The channel page says when the copy no longer fits the Link Settings (the next run is full).
    expect(status.nextFullBecause).toBeNull();
    const fits = await fullRecheckStatus(
      ctx.db,
      { workspaceId, channelId },
      { companyId: 1, priority: DEFAULT_LINK_PRIORITY },
    );
    expect(fits.nextFullBecause).toBeNull();
    const moved = await fullRecheckStatus(
      ctx.db,
      { workspaceId, channelId },
      { companyId: 2, priority: DEFAULT_LINK_PRIORITY },
    );
    expect(moved.nextFullBecause).toBe("company_changed");
    const afterFull = await links();
    // The full pass's staging steps are the mirror now: kept, not copied.
    expect(await staged()).toEqual({ runs: [first.runId], base: first.runId });

    // One product changes in SellerCloud (it takes a new UPC) and one variant is added with that UPC.
    const [linkedByUpc] = Object.entries(afterFull).filter(([, l]) => l.endsWith(" by upc"));
    const productId = linkedByUpc![1].split(" ")[0]!;
    await admin("PATCH", `/products/${encodeURIComponent(productId)}`, { UPC: NEW_UPC });
    const [listing] = await ctx.db
      .insert(listings)
      .values({ workspaceId, key: "incr-new", title: "Added after the full run" })
      .returning();
    await ctx.db
      .insert(variants)
      .values({ workspaceId, listingId: listing!.id, sku: "CD-INCR-NEW", skuKey: "CD-INCR-NEW", upc: NEW_UPC });

    sandbox.requests.clear();
    const second = await runLink();
    expect(second.summary.kind).toBe("incremental");
    // Only products modified since the last pass (minus the overlap) were read: the changed one,
    // and at most a few the generator dated within that hour.
    expect(second.summary.productsRead).toBeGreaterThanOrEqual(1);
    expect(second.summary.productsRead).toBeLessThan(10);
    expect(second.summary.calls).toBe(2);
    const sent = sandbox.requests.list({ path: "/api/Catalog" });
    expect(sent.length).toBe(1);
    expect(sent[0]!.query["model.lastUpdatedFrom"]).toEqual([expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/)]);
    expect(second.summary.fullCalls).toBe(fullCalls);
    expect(second.events.find((e) => e.code === "pass")!.message).toMatch(/^Incremental run: read \d+ SellerCloud/);
    // Each run says which pass it makes in its first page, committed before any SellerCloud call.
    expect(first.events[0]).toMatchObject({ code: "pass_started", details: { kind: "full", reason: "first" } });
    expect(first.events.filter((e) => e.code === "pass_started")).toHaveLength(1);
    expect(first.events[0]!.message).toBe(
      "Full run: reading every SellerCloud product of company 1 (the first pass fills the channel's copy of SellerCloud).",
    );
    expect(second.events[0]).toMatchObject({ code: "pass_started", details: { kind: "incremental" } });
    expect(second.events[0]!.message).toMatch(
      /^Incremental run: reading only the SellerCloud products of company 1 changed since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(SellerCloud's clock\); .* \([\d,]+ product\(s\)\)\.$/,
    );
    expect(second.events.filter((e) => e.code === "pass_started")).toHaveLength(1);
    const afterIncremental = await links();
    // The incremental run's own staging is gone; the mirror's survived its clean-up of old staging.
    expect(await staged()).toEqual({ runs: [first.runId], base: first.runId });
    expect(afterIncremental["CD-INCR-NEW"]).toBe(`${productId} by upc`);
    expect(afterIncremental[linkedByUpc![0]]).not.toBe(linkedByUpc![1]);

    // A full re-check over the same SellerCloud data links exactly the same.
    const full = await runLink({ full: true });
    expect(full.summary.kind).toBe("full");
    expect(full.summary.fullReason).toBe("requested");
    expect(await links()).toEqual(afterIncremental);
    expect(full.summary.unlinked).toBe(0);
    expect(full.summary.linked).toBe(0);
    // The re-check's staging replaces the first pass's as the mirror.
    expect(await staged()).toEqual({ runs: [full.runId], base: full.runId });

    // A deleted product does not show up as changed: the incremental run keeps its link, the
    // full re-check finds it gone, unlinks it and says so.
    const [deletedSku, deletedLink] = Object.entries(afterIncremental).find(([, l]) => l.endsWith(" by sku"))!;
    const deletedId = deletedLink.split(" ")[0]!;
    await admin("DELETE", `/products/${encodeURIComponent(deletedId)}`);
    await runLink();
    expect((await links())[deletedSku]).toBe(deletedLink);
    const recheck = await runLink({ full: true });
    expect((await links())[deletedSku]).toBeUndefined();
    const unlinked = recheck.events.find((e) => e.code === "unlinked" && e.entityId === deletedSku)!;
    expect(unlinked.details).toMatchObject({ productId: deletedId, reason: "product_missing" });
  });

  it("says which pass a run made even when its first SellerCloud call fails", async () => {
    const seeded = await seedChannel(ctx.db);
    await ctx.db
      .update(channels)
      .set({
        settings: { shippingMappings: [], link: { mode: "default", companyId: 1, priority: DEFAULT_LINK_PRIORITY } },
      })
      .where(eq(channels.id, seeded.channelId));
    sandbox.faults.add({ kind: "error", path: "/api/Catalog", status: 400, times: -1 });
    try {
      const { outcome, events } = await runOverSandbox(ctx.db, sandbox, module, {
        ...seeded,
        operation: "link_listings",
      });
      expect(outcome).toEqual({ kind: "finished", status: "failed" });
      expect(events[0]).toMatchObject({ code: "pass_started", details: { kind: "full", reason: "first" } });
      expect(events.some((e) => e.level === "error")).toBe(true);
    } finally {
      sandbox.faults.clear();
    }
  });
});
