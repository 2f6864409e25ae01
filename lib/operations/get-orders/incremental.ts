/**
 * Incremental Get Orders: after a full pass over the created-on window, later runs ask
 * SellerCloud only for orders whose LastUpdated moved since the last successful run started
 * (`model.lastUpdatedFrom` on GET /api/Orders, swagger Orders_GetAll), still inside the created-on
 * window and the filters, so an unchanged order costs no call. Paging, the ID dedupe and the
 * re-check passes of ./paging.ts apply unchanged, so nothing is missed while paging.
 *
 * A full pass runs instead (the safety net) when: there is no earlier successful run, the last
 * full pass is older than FULL_PASS_EVERY_MS (daily), the filters, age window or time zone changed
 * since it (orders that newly match were not "updated"), the run is a dry run, or it was enqueued
 * with `{ fullPass: true }` (or `{ full: true }`, as Link Listings' "Full re-check" sends).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { runs } from "@/db/schema/runs";
import type { GetOrdersCursor } from "./paging";

/** The full-window safety net runs at least this often (a constant: daily). */
export const FULL_PASS_EVERY_MS = 24 * 3_600_000;
/** Read back this far before the last run's start: clock skew and orders saved while it ran. */
export const UPDATED_OVERLAP_MS = 15 * 60_000;
/**
 * Without a configured SellerCloud time zone the filter is sent as UTC; a tenant up to 14 hours
 * behind would read it that much later, so the overlap grows by as much (still far below a full window).
 */
export const UNKNOWN_ZONE_SLACK_MS = 14 * 3_600_000;

export interface IncrementalStart {
  /** Read orders updated at or after this instant (ISO). */
  updatedSince: string;
  /** SellerCloud calls the last full pass used (runs.calls_used), to say what this run saved. */
  fullCalls: number;
}

type CursorShape = Pick<GetOrdersCursor, "window" | "filters" | "timeZone">;

/**
 * Whether this run may be incremental, and from when. `planned` is the full-window cursor the run
 * would start with; `zoneConfigured` whether the channel names its SellerCloud time zone.
 * Reads the channel's earlier Get Orders runs (succeeded, not dry runs); null = run a full pass.
 */
export async function planIncremental(
  db: Db,
  scope: { channelId: string; dryRun: boolean; input: Record<string, unknown> },
  planned: CursorShape,
  zoneConfigured: boolean,
  now: Date,
): Promise<IncrementalStart | null> {
  if (scope.dryRun || scope.input.fullPass === true || scope.input.full === true) return null;
  const succeeded = and(
    eq(runs.channelId, scope.channelId),
    eq(runs.operation, "get_orders"),
    eq(runs.status, "succeeded"),
    eq(runs.dryRun, false),
  );
  const [last] = await db
    .select({ startedAt: runs.startedAt })
    .from(runs)
    .where(succeeded)
    .orderBy(desc(runs.startedAt))
    .limit(1);
  const [full] = await db
    .select({ startedAt: runs.startedAt, cursor: runs.cursor, callsUsed: runs.callsUsed })
    .from(runs)
    .where(and(succeeded, sql`coalesce(${runs.cursor}->>'kind', 'full') = 'full'`))
    .orderBy(desc(runs.startedAt))
    .limit(1);
  if (!last?.startedAt || !full?.startedAt) return null;
  if (now.getTime() - full.startedAt.getTime() >= FULL_PASS_EVERY_MS) return null;
  if (!sameScope(full.cursor as CursorShape | null, planned)) return null;
  const overlap = UPDATED_OVERLAP_MS + (zoneConfigured ? 0 : UNKNOWN_ZONE_SLACK_MS);
  return {
    updatedSince: new Date(last.startedAt.getTime() - overlap).toISOString(),
    fullCalls: full.callsUsed,
  };
}

/** The same filters, window length and time zone as the last full pass. */
function sameScope(previous: CursorShape | null, planned: CursorShape): boolean {
  if (!previous?.window || !previous.filters) return false;
  const span = (c: CursorShape) => Date.parse(c.window.to) - Date.parse(c.window.from);
  const f = previous.filters;
  return (
    span(previous) === span(planned) &&
    (previous.timeZone ?? "UTC") === (planned.timeZone ?? "UTC") &&
    f.companyId === planned.filters.companyId &&
    f.orderStatus === planned.filters.orderStatus &&
    (f.dropshipStatus ?? null) === (planned.filters.dropshipStatus ?? null)
  );
}
