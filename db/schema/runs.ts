/** Tables of runs (the queue and history of operation runs, with their leases) and their per-item events. */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Operation, RunStatus, RunTrigger } from "./values";
import { workspaces } from "./accounts";
import { channels } from "./channels";

/**
 * A run is a row before it is work (lib/operations/runner.ts). The lease columns (lock_token,
 * lease_until) are the only coordination between workers: every write a worker makes is fenced
 * by its lock_token, so a worker that lost its lease changes nothing.
 */
export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => channels.id, { onDelete: "cascade" }),
    operation: text("operation").$type<Operation>().notNull(),
    trigger: text("trigger").$type<RunTrigger>().notNull(),
    status: text("status").$type<RunStatus>().notNull().default("queued"),
    dryRun: boolean("dry_run").notNull().default(false),
    input: jsonb("input").$type<Record<string, unknown>>().notNull().default({}),
    fetchedCount: integer("fetched_count").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    updatedCount: integer("updated_count").notNull().default(0),
    unchangedCount: integer("unchanged_count").notNull().default(0),
    skippedCount: integer("skipped_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    callsUsed: integer("calls_used").notNull().default(0),
    cursor: jsonb("cursor").$type<unknown>(),
    pagesDone: integer("pages_done").notNull().default(0),
    /** Progress (lib/operations/types.ts RunProgress): total and done count progress_unit; a null done is fetched_count. */
    total: integer("total"),
    progressDone: integer("progress_done"),
    progressUnit: text("progress_unit"),
    progressLabel: text("progress_label"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lockToken: uuid("lock_token"),
    attempts: integer("attempts").notNull().default(0),
    /** A plain reason, safe to show, when the run failed. */
    error: text("error"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    /** Get Orders records the mapping template version it used (no FK: versions are immutable). */
    templateVersionId: uuid("template_version_id"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    // Single flight: at most one active run per channel operation, however it was asked for.
    uniqueIndex("runs_one_active_per_operation")
      .on(t.workspaceId, t.channelId, t.operation)
      .where(sql`${t.status} in ('queued', 'running')`),
    index("runs_workspace_queued_at").on(t.workspaceId, t.queuedAt),
    // The claim query scans only active runs.
    index("runs_claimable").on(t.status, t.leaseUntil).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * Per-item events: everything skipped or failed, plus run-level notes.
 *
 * No foreign keys, on purpose: a Link Listings run writes one row per variant it skipped or failed
 * (41k in the benchmark) in one COPY, and each foreign key is a per-row RI trigger check (41k rows
 * COPYed alone into a fresh PGlite: ~0.85 s with workspace_id and run_id as foreign keys, ~0.37 s
 * without; inside bench:link's 200k-variant run: 1.23 s and 0.69 s).
 * Integrity is kept instead by:
 *  - the only writers, all through lib/operations/shared/event-rows.ts insertRunEvents, each inside
 *    the run's fenced transaction, after the UPDATE of the run row the events belong to (so the run
 *    exists, is locked, and its workspace_id is the one written): the runner's page commit
 *    (lib/operations/runner/page.ts commitPage) and run-ending write (runner/finish.ts endRun), and
 *    the operations' page commits that the runner calls inside commitPage (get-orders/index.ts for
 *    refused orders, link-listings/match-step.ts for per-variant events). A new writer must do the
 *    same: a DELETE of the run then waits for that row lock (and its trigger, below, sees the
 *    committed events), or came first and the fenced UPDATE finds no row, so nothing is written;
 *  - a statement-level AFTER DELETE trigger on runs ("run_events_delete_with_runs", migration
 *    0017) deleting the deleted runs' events, so whatever deletes runs (a channel or workspace
 *    deletion through their cascades, or any pruning) deletes their events too.
 */
export const runEvents = pgTable(
  "run_events",
  {
    // A sequence, not a uuid: events of one page share created_at, and the UI lists them in order.
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").notNull(),
    runId: uuid("run_id").notNull(),
    level: text("level").$type<"info" | "warn" | "error">().notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    code: text("code").notNull(),
    message: text("message").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("run_events_run_id").on(t.runId, t.id)],
);

export type Run = typeof runs.$inferSelect;
export type RunEvent = typeof runEvents.$inferSelect;
