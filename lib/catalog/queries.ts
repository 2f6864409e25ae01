/**
 * The read side behind the catalog pages, the CSV downloads and the Link Listings run panel.
 * Framework-free (db first, workspace always from the caller's session), so route handlers stay
 * thin and workspace scoping is tested without a browser.
 */
import type { Readable } from "node:stream";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { isUuid } from "@/db/ids";
import { channels } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import type { LinkRunSummary } from "@/lib/operations/link-listings";
import { exportInvalidProductCodesCsv, exportLinkRunIssuesCsv } from "@/lib/operations/link-listings/export";
import { exportCatalogCsv } from "./export";

export interface CatalogChannel {
  id: string;
  name: string;
  status: "draft" | "active" | "paused";
}

/** The workspace's channels, oldest first: the catalog's channel picker. */
export function listCatalogChannels(db: Db, workspaceId: string): Promise<CatalogChannel[]> {
  return db
    .select({ id: channels.id, name: channels.name, status: channels.status })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), isNull(channels.deletedAt)))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

export interface CsvDownload {
  filename: string;
  stream: Readable;
}

function stamp(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The catalog as CSV; with a channel, each row also says what it is linked to there.
 * Null when the channel is not one of the workspace's (the route answers 404).
 */
export async function openCatalogExport(
  db: Db,
  workspaceId: string,
  options: { channelId?: string; now?: Date } = {},
): Promise<CsvDownload | null> {
  if (options.channelId !== undefined) {
    if (!isUuid(options.channelId)) return null;
    const [channel] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(and(eq(channels.id, options.channelId), eq(channels.workspaceId, workspaceId)));
    if (!channel) return null;
  }
  return {
    filename: `catalog-${stamp(options.now ?? new Date())}.csv`,
    stream: exportCatalogCsv(db, workspaceId, { channelId: options.channelId }),
  };
}

/** A Link Listings run of this workspace, or null (another workspace's run, another operation, no run). */
export async function findLinkRun(db: Db, workspaceId: string, runId: string) {
  if (!isUuid(runId)) return null;
  const [run] = await db
    .select({
      id: runs.id,
      channelId: runs.channelId,
      status: runs.status,
      dryRun: runs.dryRun,
      queuedAt: runs.queuedAt,
    })
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.workspaceId, workspaceId), eq(runs.operation, "link_listings")));
  return run ?? null;
}

/** A Link Listings run's CSV named `link-listings-<what>-<queued at>-<run id>.csv`, or null when the run is not this workspace's. */
async function openLinkRunCsv(
  db: Db,
  workspaceId: string,
  runId: string,
  what: string,
  stream: (runId: string) => Readable,
): Promise<CsvDownload | null> {
  const run = await findLinkRun(db, workspaceId, runId);
  if (!run) return null;
  return { filename: `link-listings-${what}-${stamp(run.queuedAt)}-${run.id.slice(0, 8)}.csv`, stream: stream(run.id) };
}

/** The unmatched and ambiguous variants of a Link Listings run as CSV, or null when it is not this workspace's. */
export function openLinkRunIssuesCsv(db: Db, workspaceId: string, runId: string): Promise<CsvDownload | null> {
  return openLinkRunCsv(db, workspaceId, runId, "unmatched", (id) =>
    exportLinkRunIssuesCsv(db, workspaceId, id, { codes: ["unmatched", "ambiguous"] }),
  );
}

/** The SellerCloud products whose own codes failed validation in a Link Listings run, as CSV, or null when it is not this workspace's. */
export function openLinkRunInvalidCodesCsv(db: Db, workspaceId: string, runId: string): Promise<CsvDownload | null> {
  return openLinkRunCsv(db, workspaceId, runId, "invalid-sellercloud-codes", (id) =>
    exportInvalidProductCodesCsv(db, workspaceId, id),
  );
}

/**
 * The summary a finished Link Listings run recorded (its "summary" event), or null while it runs,
 * when it failed before matching, or when it is not this workspace's. Read on its own because a
 * large run has far more events than the run page loads, and the summary is written last.
 */
export async function getLinkRunSummary(db: Db, workspaceId: string, runId: string): Promise<LinkRunSummary | null> {
  const run = await findLinkRun(db, workspaceId, runId);
  if (!run) return null;
  const [event] = await db
    .select({ details: runEvents.details })
    .from(runEvents)
    .where(
      and(
        eq(runEvents.workspaceId, workspaceId),
        eq(runEvents.runId, run.id),
        eq(runEvents.entity, "run"),
        eq(runEvents.code, "summary"),
      ),
    )
    .orderBy(desc(runEvents.id))
    .limit(1);
  return (event?.details as LinkRunSummary | undefined) ?? null;
}
