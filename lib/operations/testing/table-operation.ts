/**
 * A test operation that writes items 0..total-1 into a plain table, page by page, through the
 * runner's page transaction. The table has NO unique key on purpose: a duplicated page would show
 * up as duplicate rows, and a lost page as missing ones.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Operation } from "@/lib/channels/settings";
import type { OperationModule } from "../types";

export const TEST_TABLE = "runtime_test_items";

export async function createTestTable(db: Db): Promise<void> {
  await db.execute(
    sql.raw(
      `CREATE TABLE IF NOT EXISTS ${TEST_TABLE} (run_id uuid NOT NULL, item integer NOT NULL, worker text NOT NULL)`,
    ),
  );
}

export interface TableOperationOptions {
  operation?: Operation;
  total: number;
  pageSize: number;
  /** Written into each row, to tell workers apart. */
  worker: string;
  /** Time spent "fetching" each page, outside the transaction. */
  fetchDelayMs?: number;
  /** Time spent inside the page transaction after inserting the rows (a kill lands mid-commit). */
  commitDelayMs?: number;
  /** Called before a page is fetched; may block (a paused worker) or throw (a failing page). */
  beforePage?: (page: number) => Promise<void> | void;
  onCommitting?: (page: number) => void;
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function tableOperation(options: TableOperationOptions): OperationModule<{ page: number }> {
  return {
    operation: options.operation ?? "link_listings",
    async runPage(ctx, cursor) {
      const page = cursor?.page ?? 0;
      await options.beforePage?.(page);
      if (options.fetchDelayMs) await wait(options.fetchDelayMs);
      const first = page * options.pageSize;
      const items = Array.from({ length: Math.min(options.pageSize, options.total - first) }, (_, i) => first + i);
      const done = first + items.length >= options.total;
      return {
        async commit(tx) {
          for (const item of items) {
            await tx.execute(
              sql`INSERT INTO runtime_test_items (run_id, item, worker) VALUES (${ctx.runId}, ${item}, ${options.worker})`,
            );
          }
          options.onCommitting?.(page);
          if (options.commitDelayMs) await wait(options.commitDelayMs);
        },
        counts: { fetched: items.length, created: items.length },
        events: [
          {
            level: "info",
            entity: "page",
            entityId: String(page),
            code: "page_done",
            message: `Page ${page} by ${options.worker}`,
          },
        ],
        nextCursor: { page: page + 1 },
        done,
        progress: { unit: "items", total: options.total },
        progressLabel: `${first + items.length} of ${options.total} items`,
      };
    },
  };
}
