/**
 * Planner statistics after bulk writes (PGlite runs no autovacuum): a finished bulk run, a catalog
 * import and the daily job each leave the tables analysed (pg_stat_user_tables.last_analyze).
 */
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { ANALYZE_AFTER_ROWS, analyzeAfterBulkWrite } from "@/db/analyze";
import { rowsOf } from "@/db/rows";
import { runs } from "@/db/schema/runs";
import { describeEachDb } from "@/db/testing/describe-db";
import { importCatalogCsv } from "@/lib/catalog/import";
import { silentLogger } from "@/lib/log";
import { appRunnerDeps } from "./app-runtime";
import { analyzeDailyJob, runDailyJobs } from "./daily-jobs";
import { enqueueRun } from "./enqueue";
import { workClaimedRuns } from "./runner";
import { seedChannel } from "./testing/fixtures";
import { createTestTable, TEST_TABLE, tableOperation } from "./testing/table-operation";

describeEachDb("ANALYZE after bulk writes", (ctx) => {
  const lastAnalyze = async (table: string): Promise<Date | null> => {
    const [row] = rowsOf<{ at: string | null }>(
      await ctx.db.execute(sql`select last_analyze::text as at from pg_stat_user_tables where relname = ${table}`),
    );
    return row?.at ? new Date(row.at) : null;
  };

  beforeEach(async () => {
    await createTestTable(ctx.db);
    await ctx.db.delete(runs);
  });

  it("analyses once a run that wrote in bulk has finished (every operation, through the app's runner deps)", async () => {
    const { workspaceId, channelId } = await seedChannel(ctx.db);
    await enqueueRun(ctx.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    const before = await lastAnalyze(TEST_TABLE);
    const module = tableOperation({ total: ANALYZE_AFTER_ROWS + 500, pageSize: 500, worker: "w" });
    const deps = { ...appRunnerDeps(ctx.db), log: silentLogger, getModule: () => module };
    const worked = await workClaimedRuns(deps, { workspaceId });
    expect(worked[0]?.outcome).toEqual({ kind: "finished", status: "succeeded" });
    const after = await lastAnalyze(TEST_TABLE);
    expect(after).not.toBeNull();
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it("analyses after a catalog import", async () => {
    const { workspaceId } = await seedChannel(ctx.db);
    const lines = ["SKU,Name,Price"];
    for (let i = 0; i < ANALYZE_AFTER_ROWS + 200; i++) lines.push(`A-${i},Thing ${i},${i}.00`);
    const before = await lastAnalyze("variants");
    const result = await importCatalogCsv(ctx.db, workspaceId, Readable.from([lines.join("\n")]), {
      mapping: { sku: "SKU", title: "Name", price: "Price" },
    });
    expect(result.created).toBe(ANALYZE_AFTER_ROWS + 200);
    const after = await lastAnalyze("variants");
    expect(after).not.toBeNull();
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it("analyses everything in the daily job, and skips small writes", async () => {
    expect(await analyzeAfterBulkWrite(ctx.db, ANALYZE_AFTER_ROWS - 1)).toBe(false);
    const before = await lastAnalyze("workspaces");
    expect(await runDailyJobs(ctx.db, [analyzeDailyJob], new Date(), silentLogger)).toEqual(["analyze"]);
    const after = await lastAnalyze("workspaces");
    expect(after!.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });
});
