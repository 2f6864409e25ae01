/**
 * SIGTERM stops every worker in the process, including "Run now" work that no scheduler started:
 * a real child process works a run the way Run now does, gets SIGTERM mid-run, and exits with the
 * run released at a page boundary (no lock token, lease ended) so it resumes at once elsewhere.
 * On a real PGlite folder, and on Postgres when TEST_DATABASE_URL is set.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type DbHandle, openPglite, runMigrations } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { runs } from "@/db/schema/runs";
import { createPostgresTestDb, type TestDatabase } from "@/db/testing/databases";
import { enqueueRun, isAlreadyRunning } from "./enqueue";
import { claimRun, type RunnerDeps, workRun } from "./runner";
import { startTsxChild } from "./testing/child-process";
import { noClient, seedChannel } from "./testing/fixtures";
import { createTestTable, TEST_TABLE, tableOperation } from "./testing/table-operation";

const TOTAL = 300;

interface Target {
  name: string;
  /** Opens the database in this process (the child must not have it open at the same time on PGlite). */
  open(): Promise<DbHandle>;
  childEnv: Record<string, string>;
  cleanup(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conduit-shutdown-"));
  return {
    name: "pglite",
    open: () => openPglite(path.join(dir, "pgdata"), { lockDir: dir }),
    childEnv: { WORKER_DATA_DIR: dir },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const database: TestDatabase = await createPostgresTestDb();
  return {
    name: "postgres",
    open: async () => ({ ...database.handle, close: async () => {} }),
    childEnv: { WORKER_DATABASE_URL: database.url! },
    cleanup: () => database.drop(),
  };
}

const targets: Array<() => Promise<Target>> = [pgliteTarget];
if (process.env.TEST_DATABASE_URL) targets.push(postgresTarget);

describe("SIGTERM with Run now work in flight", () => {
  for (const makeTarget of targets) {
    it(`releases the run at a page boundary and exits [${makeTarget === pgliteTarget ? "pglite" : "postgres"}]`, async () => {
      const target = await makeTarget();
      try {
        let handle = await target.open();
        await runMigrations(handle);
        await createTestTable(handle.db);
        const { workspaceId, channelId } = await seedChannel(handle.db);
        const run = await enqueueRun(handle.db, {
          workspaceId,
          channelId,
          operation: "link_listings",
          trigger: "manual",
        });
        if (isAlreadyRunning(run)) throw new Error("expected a new run");
        await handle.close();

        const child = startTsxChild("lib/operations/testing/run-now-child.ts", {
          ...target.childEnv,
          WORKER_WORKSPACE_ID: workspaceId,
          WORKER_TOTAL: String(TOTAL),
        });
        await child.waitFor(/committing 2\b/);
        child.process.kill("SIGTERM");
        expect(await child.exited).toEqual({ code: 143, signal: null });

        handle = await target.open();
        const [stopped] = await handle.db.select().from(runs).where(eq(runs.id, run.id));
        expect(stopped).toMatchObject({ status: "running", lockToken: null });
        expect(stopped!.pagesDone).toBeGreaterThanOrEqual(3);
        expect(stopped!.pagesDone).toBeLessThan(TOTAL / 10);
        expect(stopped!.leaseUntil!.getTime()).toBeLessThanOrEqual(Date.now());

        // Resumes at once, from the page after the last committed one.
        const module = tableOperation({ total: TOTAL, pageSize: 10, worker: "parent" });
        const deps: RunnerDeps = { db: handle.db, createSellerCloudClient: noClient, getModule: () => module };
        const claimed = await claimRun(deps);
        expect(claimed?.run.id).toBe(run.id);
        expect(await workRun(deps, claimed!)).toEqual({ kind: "finished", status: "succeeded" });
        const items = rowsOf<{ item: number }>(
          await handle.db.execute(sql.raw(`SELECT item FROM ${TEST_TABLE} WHERE run_id = '${run.id}' ORDER BY item`)),
        );
        expect(items.map((r) => r.item)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
        await handle.close();
      } finally {
        await target.cleanup();
      }
    }, 180_000);
  }
});
