/**
 * Run events as database rows: the one mapper from RunEventInput to a `run_events` row, and the
 * bulk insert every writer of events uses (the runner for each page's and each run's events,
 * Link Listings for its per-variant events, which a 200k-variant run has that many of).
 */

import { type BulkColumn, copyRows } from "@/db/bulk";
import type { Db } from "@/db/client";
import type { RunEventInput } from "../types";

/** The `run_events` columns written, named as in the table (created_at and id are defaults). */
export const RUN_EVENT_COLUMNS: readonly BulkColumn[] = [
  { name: "workspace_id", type: "uuid" },
  { name: "run_id", type: "uuid" },
  { name: "level", type: "text" },
  { name: "entity", type: "text" },
  { name: "entity_id", type: "text" },
  { name: "code", type: "text" },
  { name: "message", type: "text" },
  { name: "details", type: "jsonb" },
];

/** One `run_events` row per event, keyed by column name, for the run `scope` names. */
export function toEventRows(
  scope: { workspaceId: string; runId: string },
  events: readonly RunEventInput[],
): Record<string, unknown>[] {
  return events.map((event) => ({
    workspace_id: scope.workspaceId,
    run_id: scope.runId,
    level: event.level,
    entity: event.entity,
    entity_id: event.entityId ?? null,
    code: event.code,
    message: event.message,
    details: event.details ?? null,
  }));
}

/**
 * Inserts a run's events in the caller's transaction, in order (ids follow the list), in bulk
 * (db/bulk.ts copyRows: no per-statement parameter limit). Nothing is written for an empty list.
 */
export async function insertRunEvents(
  tx: Db,
  scope: { workspaceId: string; runId: string },
  events: readonly RunEventInput[],
): Promise<void> {
  await copyRows(tx, "run_events", RUN_EVENT_COLUMNS, toEventRows(scope, events));
}
