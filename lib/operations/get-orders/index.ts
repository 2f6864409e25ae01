/**
 * Get Orders, the operation module: pages SellerCloud's order list (GET /api/Orders; the list
 * DTO carries every field a template can read, so there is never a per-order call), maps each
 * order through the channel's pinned template and writes orders and items with the cursor and
 * counts in one transaction per runner page (PageOutcome.commit).
 *
 * The parts: paging.ts (cursor, passes and why nothing is missed or doubled, one list page),
 * incremental.ts (after a full pass, read only orders updated since the last run; daily full pass),
 * plan-order.ts (mapping and content hash), classify.ts (new / changed / unchanged / shipped),
 * records.ts and write.ts (the SQL), isolate.ts (one order the database refuses never rolls back
 * the others), filters.ts and notes.ts (orders outside the filters asked for, text cleaned: said
 * once per run), quantities.ts (lines with quantity 0 or below), events.ts (codes and messages).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { commitWithoutWaitingForDisk } from "@/db/commit-durability";
import { runs } from "@/db/schema/runs";
import { refreshSellerCloudStatuses } from "@/lib/orders/sellercloud-status";
import { insertRunEvents } from "../shared/event-rows";
import { loadOperationSettings } from "../shared/operation-settings";
import { loadPinnedTemplate, pinTemplateVersion } from "../shared/pinned-template";
import type { OperationModule, PageOutcome, RunCounts } from "../types";
import { classify } from "./classify";
import { type GetOrdersEvent, writeFailedEvent } from "./events";
import { writeOrdersIsolated } from "./isolate";
import { planIncremental } from "./incremental";
import { createPrefetcher, firstCursor, type GetOrdersCursor, type PageRead, readPage } from "./paging";
import { quantityEvents } from "./quantities";
import type { writeOrders } from "./write";

export type { GetOrdersEventCode, GetOrdersFailureCode } from "./events";
export type { GetOrdersCursor } from "./paging";

/**
 * List pages per runner page (one list call per 50 orders). Grouping a few list pages per
 * transaction keeps the per-transaction cost (run row, fencing, commit) from dominating; a crash
 * still loses at most this group, which the resumed run re-imports idempotently.
 */
export const SELLERCLOUD_PAGES_PER_COMMIT = 5;

export interface GetOrdersOptions {
  /** SellerCloud list pages read and written per runner page (default SELLERCLOUD_PAGES_PER_COMMIT). */
  pagesPerCommit?: number;
  /** The page writer (default writeOrders); tests pass one that fails for chosen orders. */
  writer?: typeof writeOrders;
}

/**
 * The Get Orders module. Each runner page reads up to `pagesPerCommit` list pages (never
 * spanning two passes), classifies them with one query and commits their writes with the cursor.
 * Progress counts orders (SellerCloud's TotalResults, against the run's fetched count); the
 * label says the list page.
 *
 * Errors (the runner records them on the run): AppError NOT_FOUND / VALIDATION from the channel's
 * settings (loadOperationSettings) or the pinned template (loadPinnedTemplate); SellerCloudError
 * from the list calls after the client's retries.
 */
export function createGetOrdersModule(options: GetOrdersOptions = {}): OperationModule<GetOrdersCursor> {
  const pagesPerCommit = options.pagesPerCommit ?? SELLERCLOUD_PAGES_PER_COMMIT;
  const prefetcher = createPrefetcher();

  return {
    operation: "get_orders",
    async runPage(ctx, previous): Promise<PageOutcome<GetOrdersCursor>> {
      const isFirstPage = previous === null;
      let first = previous;
      if (!first) {
        const { orders: settings } = await loadOperationSettings(ctx.db, ctx, "get_orders");
        const now = ctx.now();
        const versionId = await pinTemplateVersion(ctx, "get_orders");
        // Incremental (orders updated since the last run) unless a full pass is due: ./incremental.ts.
        const full = firstCursor(settings, now, versionId);
        const zoneConfigured = typeof settings.timeZone === "string" && settings.timeZone.trim() !== "";
        first = firstCursor(settings, now, versionId, await planIncremental(ctx.db, ctx, full, zoneConfigured, now));
      }
      const template = await loadPinnedTemplate(ctx.db, ctx.workspaceId, "get_orders", first.templateVersionId);
      const client = await ctx.sellercloud();

      const counts: RunCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
      const events: GetOrdersEvent[] = [];
      const runEvents: GetOrdersEvent[] = [];
      const planned: PageRead["planned"] = [];
      const batchIds = new Set<number>();
      let cursor = first;
      let last: PageRead | undefined;
      for (let i = 0; i < pagesPerCommit; i++) {
        last = await readPage(ctx, cursor, template.compiled, client, batchIds, prefetcher);
        for (const key of Object.keys(counts) as Array<keyof RunCounts>) counts[key] += last.counts[key];
        for (const event of last.events) (event.entity === "run" ? runEvents : events).push(event);
        planned.push(...last.planned);
        cursor = last.next;
        if (last.done || last.passEnds || ctx.signal.aborted) break;
      }
      const step = last!;
      const { writes, updatedIds, statusRefreshes } = await classify(ctx, planned, counts, events);
      events.push(...quantityEvents(writes));
      events.push(...runEvents);

      const pages = Math.max(1, Math.ceil(step.total / step.pageSize));
      const outcome: PageOutcome<GetOrdersCursor> = {
        counts,
        events,
        nextCursor: step.next,
        done: step.done,
        // Orders matching the filters (TotalResults); done is the run's fetched count, also orders.
        progress: { unit: "orders", total: step.total },
        progressLabel: `${first.kind === "incremental" ? "Incremental (orders updated since the last run)" : "Full window"}: ${first.pass > 1 ? "re-check, " : ""}page ${Math.min(step.next.page, pages)} of ${pages}`,
      };
      if (ctx.dryRun) {
        // A dry run writes no orders, but its run row still says which template version it used.
        const versionId = template.versionId;
        if (isFirstPage && versionId)
          outcome.commit = async (tx: Db) => {
            await tx.update(runs).set({ templateVersionId: versionId }).where(eq(runs.id, ctx.runId));
          };
        return outcome;
      }

      outcome.commit = async (tx: Db) => {
        // On PostgreSQL the group commits without waiting for the WAL flush (PGlite, which has no
        // WAL writer, commits synchronously: db/commit-durability.ts). Safe because its rows, the
        // run's cursor and its counts share this transaction: a crash can only roll the last
        // groups back *together with* their cursor, and the resumed run re-imports them idempotently.
        await commitWithoutWaitingForDisk(tx);
        if (isFirstPage)
          await tx.update(runs).set({ templateVersionId: template.versionId }).where(eq(runs.id, ctx.runId));
        await refreshSellerCloudStatuses(tx, ctx, statusRefreshes, ctx.now());
        const failures = await writeOrdersIsolated(tx, ctx, writes, updatedIds, template, options.writer);
        if (failures.length === 0) return;
        // The runner already added this page's counts (and, on the last page, chose the status)
        // in this transaction: move the refused orders from created/updated to failed.
        const updated = failures.filter((f) => f.update).length;
        const created = failures.length - updated;
        await tx
          .update(runs)
          .set({
            createdCount: sql`${runs.createdCount} - ${created}`,
            updatedCount: sql`${runs.updatedCount} - ${updated}`,
            failedCount: sql`${runs.failedCount} + ${failures.length}`,
            ...(step.done ? { status: "partially_failed" as const } : {}),
          })
          .where(eq(runs.id, ctx.runId));
        await insertRunEvents(
          tx,
          { workspaceId: ctx.workspaceId, runId: ctx.runId },
          failures.map((f) => writeFailedEvent(f.scId, f.field, f.reason)),
        );
      };
      return outcome;
    },
  };
}

/** The app's Get Orders module (lib/operations/app-runtime.ts). */
export const getOrdersModule = createGetOrdersModule();
