/** Read side of run history. Every query is scoped by the caller's workspace. */
import { and, asc, count, desc, eq, getTableColumns, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { mappingTemplates, mappingTemplateVersions } from "@/db/schema/mapping";
import { type Run, type RunEvent, runEvents, runs } from "@/db/schema/runs";
import { OPERATIONS, type Operation } from "@/lib/channels/settings";
import type { ProgressUnit, RunStatus } from "./types";

export interface ListRunsFilter {
  workspaceId: string;
  channelId?: string;
  operation?: Operation;
  status?: RunStatus;
  limit?: number;
  /** Keyset paging: runs queued before this time. */
  before?: Date;
}

export type RunListItem = Run & { channelName: string };

export async function listRuns(db: Db, filter: ListRunsFilter): Promise<RunListItem[]> {
  const conditions: SQL[] = [eq(runs.workspaceId, filter.workspaceId)];
  if (filter.channelId) conditions.push(eq(runs.channelId, filter.channelId));
  if (filter.operation) conditions.push(eq(runs.operation, filter.operation));
  if (filter.status) conditions.push(eq(runs.status, filter.status));
  if (filter.before) conditions.push(lt(runs.queuedAt, filter.before));
  const rows = await db
    .select({ run: runs, channelName: channels.name })
    .from(runs)
    .innerJoin(channels, eq(channels.id, runs.channelId))
    .where(and(...conditions))
    .orderBy(desc(runs.queuedAt), desc(runs.id))
    .limit(Math.min(filter.limit ?? 50, 200));
  return rows.map((row) => ({ ...row.run, channelName: row.channelName }));
}

/** A run's progress as the run page shows it: `done` of `total` `unit`s, and the percent that makes. */
export interface RunProgressView {
  unit: ProgressUnit;
  done: number;
  /** Null while the total is unknown (the bar then shows activity, not a percent). */
  total: number | null;
  /** 0–100, or null without a total. */
  percent: number | null;
}

/**
 * The progress a run's pages reported (lib/operations/types.ts RunProgress), with done and total
 * in the same unit: done is progress_done when the page gave one, else the fetched count (the
 * unit is then "items", the default for runs that reported a total without a unit). Null when
 * the run reported no progress.
 */
export function runProgress(
  run: Pick<Run, "total" | "progressDone" | "progressUnit" | "fetchedCount">,
): RunProgressView | null {
  if (run.progressUnit === null && run.total === null) return null;
  const unit = (run.progressUnit ?? "items") as ProgressUnit;
  const done = run.progressDone ?? run.fetchedCount;
  const total = run.total;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return { unit, done, total, percent };
}

/** How many events a run recorded, in all and per level: counted, not the length of a capped list. */
export interface RunEventCounts {
  all: number;
  error: number;
  warn: number;
  info: number;
}

export type RunEventLevel = RunEvent["level"];

export interface RunDetail {
  run: RunListItem;
  /** What the run's progress bar shows; see runProgress. */
  progress: RunProgressView | null;
  /** The first `eventLimit` events (of `eventLevel` when one was asked for), oldest first. */
  events: RunEvent[];
  /** True when more events (of that level) exist than were returned. */
  moreEvents: boolean;
  /** Every event the run recorded, counted per level (issue 14 §12: tabs read the true counts). */
  eventCounts: RunEventCounts;
  /** The mapping template version the run used (Get Orders, Sync Orders), or null (none, or deleted since). */
  templateVersion: RunTemplateVersion | null;
  durationMs: number | null;
}

export interface RunTemplateVersion {
  templateId: string;
  templateName: string;
  version: number;
}

/**
 * A run of the workspace with its first events (500 by default; only `eventLevel`'s when given)
 * and the count of all its events per level (one grouped count over the run's events). Null when
 * the run is not the workspace's.
 */
export async function getRun(
  db: Db,
  scope: { workspaceId: string; runId: string; eventLimit?: number; eventLevel?: RunEventLevel; now?: Date },
): Promise<RunDetail | null> {
  const [row] = await db
    .select({ run: runs, channelName: channels.name })
    .from(runs)
    .innerJoin(channels, eq(channels.id, runs.channelId))
    .where(and(eq(runs.id, scope.runId), eq(runs.workspaceId, scope.workspaceId)));
  if (!row) return null;
  const limit = scope.eventLimit ?? 500;
  const ofRun = and(eq(runEvents.runId, scope.runId), eq(runEvents.workspaceId, scope.workspaceId));
  // Every column, but not the list an invalid-codes event keeps for its CSV (details.products,
  // ./link-listings/events.ts): the page would ship it to the browser.
  const details = sql<RunEvent["details"]>`case when ${runEvents.code} = 'invalid_product_codes'
    and jsonb_typeof(${runEvents.details}) = 'object' then ${runEvents.details} - 'products' else ${runEvents.details} end`;
  const events = await db
    .select({ ...getTableColumns(runEvents), details })
    .from(runEvents)
    .where(scope.eventLevel ? and(ofRun, eq(runEvents.level, scope.eventLevel)) : ofRun)
    .orderBy(asc(runEvents.id))
    .limit(limit + 1);
  const perLevel = await db
    .select({ level: runEvents.level, n: count() })
    .from(runEvents)
    .where(ofRun)
    .groupBy(runEvents.level);
  const eventCounts: RunEventCounts = { all: 0, error: 0, warn: 0, info: 0 };
  for (const { level, n } of perLevel) {
    eventCounts[level] = Number(n);
    eventCounts.all += Number(n);
  }
  const run = { ...row.run, channelName: row.channelName };
  let templateVersion: RunTemplateVersion | null = null;
  if (run.templateVersionId) {
    const [found] = await db
      .select({
        templateId: mappingTemplates.id,
        templateName: mappingTemplates.name,
        version: mappingTemplateVersions.version,
      })
      .from(mappingTemplateVersions)
      .innerJoin(mappingTemplates, eq(mappingTemplates.id, mappingTemplateVersions.templateId))
      .where(
        and(
          eq(mappingTemplateVersions.id, run.templateVersionId),
          eq(mappingTemplateVersions.workspaceId, scope.workspaceId),
        ),
      );
    templateVersion = found ?? null;
  }
  const end = run.finishedAt ?? (run.status === "running" ? (scope.now ?? new Date()) : null);
  return {
    run,
    progress: runProgress(run),
    events: events.slice(0, limit),
    moreEvents: events.length > limit,
    eventCounts,
    templateVersion,
    durationMs: run.startedAt && end ? end.getTime() - run.startedAt.getTime() : null,
  };
}

export interface RunStatPoint {
  runId: string;
  queuedAt: Date;
  status: RunStatus;
  /** Items the run looked at (fetched). */
  items: number;
  created: number;
  updated: number;
  skipped: number;
  failures: number;
  callsUsed: number;
  durationMs: number | null;
}

/**
 * Recent runs per operation, oldest first, for one chart per operation, under the same filters as
 * the run list (channel, operation, status): an operation other than the one filtered has no points.
 */
export async function runStats(
  db: Db,
  scope: { workspaceId: string; channelId?: string; operation?: Operation; status?: RunStatus; perOperation?: number },
): Promise<Record<Operation, RunStatPoint[]>> {
  const out = {} as Record<Operation, RunStatPoint[]>;
  for (const operation of OPERATIONS) {
    if (scope.operation && scope.operation !== operation) {
      out[operation] = [];
      continue;
    }
    const conditions: SQL[] = [eq(runs.workspaceId, scope.workspaceId), eq(runs.operation, operation)];
    if (scope.channelId) conditions.push(eq(runs.channelId, scope.channelId));
    if (scope.status) conditions.push(eq(runs.status, scope.status));
    const rows = await db
      .select()
      .from(runs)
      .where(and(...conditions))
      .orderBy(desc(runs.queuedAt), desc(runs.id))
      .limit(scope.perOperation ?? 30);
    out[operation] = rows.reverse().map((run) => ({
      runId: run.id,
      queuedAt: run.queuedAt,
      status: run.status,
      items: run.fetchedCount,
      created: run.createdCount,
      updated: run.updatedCount,
      skipped: run.skippedCount,
      failures: run.failedCount,
      callsUsed: run.callsUsed,
      durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    }));
  }
  return out;
}
