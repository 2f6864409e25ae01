/**
 * The staging table (./staging.ts writeStagingStep, loadStagedProducts) on both databases, inside
 * the page transaction as the runner calls it: a step goes in by COPY, so its JSON must come back
 * exactly (backslashes, quotes, tabs, newlines, characters outside ASCII); a step written again (a
 * retried page) replaces its rows; a run's first step clears finished runs' staging but not the
 * steps a channel's mirror is made of (link_mirror_state.base_run_id), whichever channel it is.
 */
import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { linkStagingPages } from "@/db/schema/catalog";
import { channels } from "@/db/schema/channels";
import { linkMirrorState } from "@/db/schema/link-mirror";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { enqueueRun, isAlreadyRunning } from "../enqueue";
import { seedChannel } from "../testing/fixtures";
import { loadStagedProducts, type StagedEan, type StagedProduct, writeStagingStep } from "./staging";

describeEachDb("Link Listings staging table", (ctx) => {
  async function newRun(workspaceId: string, channelId: string): Promise<string> {
    const run = await enqueueRun(ctx.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    if (isAlreadyRunning(run)) throw new Error("a run is already active");
    return run.id;
  }
  const stepOf =
    (workspaceId: string, runId: string) => (phase: "catalog" | "inventory", from: number, to: number) => ({
      workspaceId,
      runId,
      phase,
      from,
      to,
    });

  it("keeps a step's rows exactly and replaces a step written again", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const runId = await newRun(workspaceId, channelId);
    const step = stepOf(workspaceId, runId);
    const odd = 'A\\B "quoted"\ttab\nline\\N Ünïcødé €😀';
    const first: StagedProduct[] = [["SC-1", "036000291452", null, odd, "MPN\\1", null, "2026-11-01T10:00:00"]];
    const later: StagedProduct[] = [["SC-2", null, null, null, null, "4006381333931", null]];
    const inventory: StagedEan[] = [["SC-1", "5901234123457"]];
    const write = (s: ReturnType<typeof step>, rows: unknown[]) =>
      ctx.db.transaction((tx) => writeStagingStep(tx, s, JSON.stringify(rows)));
    await write(step("catalog", 1, 2), first);
    // Written first with other rows, then again (a page whose commit was retried): replaced.
    await write(step("catalog", 3, 3), [["SC-OLD", null, null, null, null, null, null]]);
    await write(step("catalog", 3, 3), later);
    await write(step("inventory", 1, 1), [["SC-OLD", "4006381333931"]]);
    await write(step("inventory", 1, 1), inventory);

    const rows = await ctx.db.select().from(linkStagingPages).where(eq(linkStagingPages.runId, runId));
    expect(rows.map((r) => `${r.phase} ${r.fromPage}-${r.toPage}`).sort()).toEqual([
      "catalog 1-2",
      "catalog 3-3",
      "inventory 1-1",
    ]);
    expect(rows.find((r) => r.phase === "catalog" && r.fromPage === 1)!.rows).toEqual(first);
    expect(await loadStagedProducts(ctx.db, workspaceId, runId, 2)).toEqual([
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

  it("clears finished runs' staging on a run's first step, but not any channel's mirror", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    const [other] = await ctx.db.insert(channels).values({ workspaceId, name: "Second channel" }).returning();
    const rows = JSON.stringify([["SC-1", null, null, null, null, null, null]]);
    const stage = async (channel: string) => {
      const runId = await newRun(workspaceId, channel);
      await ctx.db.transaction((tx) => writeStagingStep(tx, stepOf(workspaceId, runId)("catalog", 1, 1), rows));
      await ctx.db.update(runs).set({ status: "succeeded" }).where(eq(runs.id, runId));
      return runId;
    };
    // The second channel's mirror is its full pass's staging; a finished run of each channel left some.
    const base = await stage(other!.id);
    await ctx.db.insert(linkMirrorState).values({
      workspaceId,
      channelId: other!.id,
      companyId: 1,
      fullAt: new Date(),
      passAt: new Date(),
      baseRunId: base,
    });
    const leftOver = await stage(channelId);
    const leftOverOther = await stage(other!.id);

    const next = await newRun(workspaceId, channelId);
    await ctx.db.transaction((tx) => writeStagingStep(tx, stepOf(workspaceId, next)("catalog", 1, 1), rows));
    const kept = await ctx.db
      .selectDistinct({ runId: linkStagingPages.runId })
      .from(linkStagingPages)
      .where(inArray(linkStagingPages.runId, [base, leftOver, leftOverOther, next]));
    expect(kept.map((r) => r.runId).sort()).toEqual([base, next].sort());
  });
});
