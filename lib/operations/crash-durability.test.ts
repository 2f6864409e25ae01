/**
 * What the run page showed survives a kill -9 on the embedded database: a real child process works
 * a run on a real PGlite data folder, committing pages as Get Orders does, and is killed after it
 * reported progress; reopened, the folder has at least that progress, and a finished run stays
 * finished.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type DbHandle, openPglite, runMigrations } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { runs } from "@/db/schema/runs";
import { enqueueRun, isAlreadyRunning } from "./enqueue";
import { startTsxChild } from "./testing/child-process";
import { seedChannel } from "./testing/fixtures";
import { createTestTable, TEST_TABLE } from "./testing/table-operation";

describe("crash durability on a PGlite folder", () => {
  let dir: string;
  const open = (): Promise<DbHandle> => openPglite(path.join(dir, "pgdata"), { lockDir: dir });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function seededRun(): Promise<string> {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-crash-"));
    const handle = await open();
    await runMigrations(handle);
    await createTestTable(handle.db);
    const { workspaceId, channelId } = await seedChannel(handle.db);
    const run = await enqueueRun(handle.db, { workspaceId, channelId, operation: "link_listings", trigger: "manual" });
    if (isAlreadyRunning(run)) throw new Error("expected a new run");
    await handle.close();
    return run.id;
  }

  async function afterRestart(runId: string) {
    const handle = await open();
    try {
      const [run] = await handle.db.select().from(runs).where(eq(runs.id, runId));
      const items = rowsOf<{ n: number }>(
        await handle.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${TEST_TABLE} WHERE run_id = '${runId}'`)),
      )[0]!.n;
      return { run: run!, items };
    } finally {
      await handle.close();
    }
  }

  it("keeps every page the run showed before a kill -9 mid-run", async () => {
    const runId = await seededRun();
    const child = startTsxChild("lib/operations/testing/pglite-worker.ts", {
      WORKER_DATA_DIR: dir,
      WORKER_RUN_ID: runId,
      WORKER_TOTAL: "200",
      WORKER_PAGE_SIZE: "10",
    });
    const [, shown] = (await child.waitFor(/progress ([5-9])\b/))!;
    child.process.kill("SIGKILL");
    expect((await child.exited).signal).toBe("SIGKILL");

    const { run, items } = await afterRestart(runId);
    expect(run.pagesDone).toBeGreaterThanOrEqual(Number(shown));
    expect(items).toBe(run.pagesDone * 10);
    expect(run.createdCount).toBe(items);
  }, 120_000);

  it("keeps a run finished that was shown finished before a kill -9", async () => {
    const runId = await seededRun();
    const child = startTsxChild("lib/operations/testing/pglite-worker.ts", {
      WORKER_DATA_DIR: dir,
      WORKER_RUN_ID: runId,
      WORKER_TOTAL: "30",
      WORKER_PAGE_SIZE: "10",
    });
    await child.waitFor(/finished finished succeeded/);
    child.process.kill("SIGKILL");
    await child.exited;

    const { run, items } = await afterRestart(runId);
    expect(run).toMatchObject({ status: "succeeded", pagesDone: 3, createdCount: 30 });
    expect(items).toBe(30);
  }, 120_000);
});
