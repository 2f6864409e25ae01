import type { Readable } from "node:stream";
import { expect, it } from "vitest";
import { runEvents } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { suggestMapping } from "./fields";
import { importCatalogCsv } from "./import";
import { enqueueRun } from "@/lib/operations/enqueue";
import { seedChannel } from "@/lib/operations/testing/fixtures";
import {
  findLinkRun,
  getLinkRunSummary,
  listCatalogChannels,
  openCatalogExport,
  openLinkRunIssuesCsv,
} from "./queries";

async function text(stream: Readable): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += chunk;
  return out;
}

const CSV = ["sku,title,brand,upc", "A-1,Alpha,Acme,012345678905", "B-1,Bravo,Bolt,"].join("\n");

describeEachDb("catalog queries: workspace scoping", (ctx) => {
  let a = { workspaceId: "", channelId: "" };
  let b = { workspaceId: "", channelId: "" };
  let linkRunId = "";
  let ordersRunId = "";

  async function seedRuns() {
    a = await seedChannel(ctx.db);
    b = await seedChannel(ctx.db);
    await importCatalogCsv(ctx.db, a.workspaceId, CSV, { mapping: suggestMapping(["sku", "title", "brand", "upc"]) });
    const run = await enqueueRun(ctx.db, { ...a, operation: "link_listings", trigger: "manual" });
    const orders = await enqueueRun(ctx.db, { ...a, operation: "get_orders", trigger: "manual" });
    if ("alreadyRunning" in run || "alreadyRunning" in orders) throw new Error("unexpected active run");
    linkRunId = run.id;
    ordersRunId = orders.id;
    const event = (entityId: string | null, code: string, details: Record<string, unknown>) => ({
      workspaceId: a.workspaceId,
      runId: linkRunId,
      level: "warn" as const,
      entity: entityId ? "variant" : "run",
      entityId,
      code,
      message: `${code} ${entityId ?? ""}`.trim(),
      details,
    });
    await ctx.db
      .insert(runEvents)
      .values([
        event("A-1", "linked", { productId: "SC-1" }),
        event("B-1", "unmatched", { identifiers: {} }),
        event("C-1", "ambiguous", { identifiers: { upc: "036000291452" }, candidates: ["SC-7", "SC-8"] }),
        event("D-1", "conflict", { productId: "SC-1" }),
        event(null, "summary", { linked: 1, unmatched: 1, ambiguous: 1, dryRun: false }),
      ]);
  }

  it("lists only the workspace's own channels", async () => {
    await seedRuns();
    expect((await listCatalogChannels(ctx.db, a.workspaceId)).map((c) => c.id)).toEqual([a.channelId]);
    expect((await listCatalogChannels(ctx.db, b.workspaceId)).map((c) => c.id)).toEqual([b.channelId]);
  });

  it("exports only the workspace's catalog, and refuses another workspace's channel", async () => {
    const own = await openCatalogExport(ctx.db, a.workspaceId, { now: new Date("2026-01-02T00:00:00Z") });
    expect(own?.filename).toBe("catalog-2026-01-02.csv");
    const lines = (await text(own!.stream)).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("A-1");

    const other = await openCatalogExport(ctx.db, b.workspaceId);
    expect((await text(other!.stream)).trim().split("\n")).toHaveLength(1);

    expect(await openCatalogExport(ctx.db, a.workspaceId, { channelId: b.channelId })).toBeNull();
    expect(await openCatalogExport(ctx.db, a.workspaceId, { channelId: "not-a-uuid" })).toBeNull();
    const withChannel = await openCatalogExport(ctx.db, a.workspaceId, { channelId: a.channelId });
    expect((await text(withChannel!.stream)).split("\n")[0]).toContain("sellercloud_product_id,linked_by");
  });

  it("exports a Link Listings run's unmatched and ambiguous variants for its own workspace only", async () => {
    const download = await openLinkRunIssuesCsv(ctx.db, a.workspaceId, linkRunId);
    expect(download?.filename).toMatch(/^link-listings-unmatched-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv$/);
    const lines = (await text(download!.stream)).trim().split("\n");
    expect(lines[0]).toBe("sku,status,message,upc,ean,gtin,asin,mpn,candidates");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(["B-1,unmatched", "C-1,ambiguous"]);
    expect(lines[2]).toContain("SC-7 SC-8");

    expect(await openLinkRunIssuesCsv(ctx.db, b.workspaceId, linkRunId)).toBeNull();
    expect(await openLinkRunIssuesCsv(ctx.db, a.workspaceId, ordersRunId)).toBeNull();
    expect(await openLinkRunIssuesCsv(ctx.db, a.workspaceId, "not-a-uuid")).toBeNull();
    expect(await findLinkRun(ctx.db, a.workspaceId, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });

  it("reads a run's summary for its own workspace only", async () => {
    expect(await getLinkRunSummary(ctx.db, a.workspaceId, linkRunId)).toMatchObject({ linked: 1, unmatched: 1 });
    expect(await getLinkRunSummary(ctx.db, b.workspaceId, linkRunId)).toBeNull();
    expect(await getLinkRunSummary(ctx.db, a.workspaceId, ordersRunId)).toBeNull();
  });
});
