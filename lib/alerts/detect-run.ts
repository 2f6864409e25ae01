/**
 * What a finished run tells people (called after every run, lib/operations/after-run.ts): at most
 * one alert per kind per run, however many items hit the problem.
 *  - connection.refused: the run stopped because SellerCloud refused the login (the runner notes
 *    the SellerCloud error kind on its run_failed event); said instead of run.failed.
 *  - run.failed: the run failed, or finished with failed items.
 *  - shipments.failed: Sync Orders shipments that failed in this run and will not be tried again
 *    automatically (not retryable, or out of automatic attempts), unmapped carriers aside.
 *  - shipping.unmapped: Sync Orders met carriers/services with no SellerCloud mapping.
 *  - budget.nearly_spent: the channel's SellerCloud login drew 90%+ of its hourly calls (once
 *    per channel per clock hour).
 * Dry runs alert nothing: a person is looking at them.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { runEvents, runs } from "@/db/schema/runs";
import { shipments } from "@/db/schema/shipments";
import { OPERATION_LABELS } from "@/lib/channels/settings";
import { type Logger, silentLogger } from "@/lib/log";
import { SyncFailure, shippingSettingsPath } from "@/lib/operations/sync-orders/codes";
import { MAX_AUTO_ATTEMPTS } from "@/lib/operations/sync-orders/model";
import { budgetUsageForChannel } from "@/lib/sellercloud/budget/usage";
import type { AlertInput } from "./raise";
import { raiseAlert } from "./raise";

/** A login that drew this share of its hourly calls is "nearly spent". */
export const BUDGET_ALERT_SHARE = 0.9;

const runPath = (runId: string) => `/runs/${runId}`;
const connectionSettingsPath = (channelId: string) => `/channels/${channelId}/settings/connect`;

function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The alerts a finished run calls for (pure of delivery: raiseAlert stores and delivers them).
 * Exported for tests; alertsForFinishedRun raises them.
 */
export async function planRunAlerts(db: Db, runId: string, now: Date): Promise<AlertInput[]> {
  const [run] = await db
    .select({
      id: runs.id,
      workspaceId: runs.workspaceId,
      channelId: runs.channelId,
      channelName: channels.name,
      operation: runs.operation,
      status: runs.status,
      dryRun: runs.dryRun,
      error: runs.error,
      failedCount: runs.failedCount,
    })
    .from(runs)
    .innerJoin(channels, eq(channels.id, runs.channelId))
    .where(eq(runs.id, runId));
  if (!run || run.dryRun) return [];
  const label = (OPERATION_LABELS as Record<string, string>)[run.operation] ?? run.operation;
  const base = {
    workspaceId: run.workspaceId,
    channelId: run.channelId,
    channelName: run.channelName,
    operation: run.operation,
    runId: run.id,
  };
  const key = (kind: string) => `run:${run.id}:${kind}`;
  const out: AlertInput[] = [];

  const events = await db
    .select({ level: runEvents.level, code: runEvents.code, details: runEvents.details, message: runEvents.message })
    .from(runEvents)
    .where(and(eq(runEvents.runId, run.id), eq(runEvents.level, "error")));

  if (run.status === "failed") {
    const failedEvent = events.find((e) => e.code === "run_failed");
    const refused = failedEvent?.details?.sellercloudKind === "auth";
    if (refused) {
      out.push({
        ...base,
        kind: "connection.refused",
        dedupeKey: key("connection.refused"),
        title: `SellerCloud refused the login of channel "${run.channelName}"`,
        details: `${label} stopped: ${run.error ?? "SellerCloud refused the credentials."}`,
        action:
          "Open the channel's connection, enter the SellerCloud user's current password (or API token) and use Test Connection. Scheduled runs keep failing until then.",
        linkPath: connectionSettingsPath(run.channelId),
      });
    } else {
      out.push({
        ...base,
        kind: "run.failed",
        dedupeKey: key("run.failed"),
        title: `${label} failed on channel "${run.channelName}"`,
        details: run.error ?? "The run stopped on an error.",
        action: "Open the run to see where it stopped and why; fix the cause, then use Run now on the channel page.",
        linkPath: runPath(run.id),
      });
    }
  } else if (run.status === "partially_failed") {
    out.push({
      ...base,
      kind: "run.failed",
      dedupeKey: key("run.failed"),
      title: `${label} finished with ${plural(run.failedCount, "failed item")} on channel "${run.channelName}"`,
      details: `The run finished, but ${plural(run.failedCount, "item")} failed.`,
      action: "Open the run to see each failed item and why; fix them, then use Retry failed items.",
      linkPath: runPath(run.id),
    });
  }

  if (run.operation === "sync_orders") {
    const shipmentIdsOf = (codes: (code: string) => boolean) => [
      ...new Set(
        events
          .filter((e) => codes(e.code))
          .flatMap((e) => (Array.isArray(e.details?.shipments) ? (e.details.shipments as unknown[]) : []))
          .filter((id): id is string => typeof id === "string"),
      ),
    ];
    const unmappedIds = shipmentIdsOf((c) => c === SyncFailure.UnmappedCarrier);
    if (unmappedIds.length) {
      const rows = await db
        .select({ carrier: shipments.carrier, service: shipments.service })
        .from(shipments)
        .where(and(eq(shipments.workspaceId, run.workspaceId), inArray(shipments.id, unmappedIds)));
      const pairs = [...new Set(rows.map((r) => (r.service ? `"${r.carrier}" / "${r.service}"` : `"${r.carrier}"`)))];
      out.push({
        ...base,
        kind: "shipping.unmapped",
        dedupeKey: key("shipping.unmapped"),
        title: `Unmapped carrier on channel "${run.channelName}": ${plural(unmappedIds.length, "shipment")} waiting`,
        details: `Sync Orders found no SellerCloud carrier for ${pairs.slice(0, 10).join(", ")}${pairs.length > 10 ? ` and ${pairs.length - 10} more` : ""}.`,
        action:
          "Add these carriers and services to the channel's shipping mappings; the shipments are sent on the next run after that.",
        linkPath: shippingSettingsPath(run.channelId),
      });
    }
    const failedIds = shipmentIdsOf((c) => c !== SyncFailure.UnmappedCarrier && c !== "run_failed");
    if (failedIds.length) {
      const rows = await db
        .select({ id: shipments.id, retryable: shipments.retryable, attempts: shipments.attempts })
        .from(shipments)
        .where(
          and(
            eq(shipments.workspaceId, run.workspaceId),
            inArray(shipments.id, failedIds),
            eq(shipments.syncState, "failed"),
          ),
        );
      const stuck = rows.filter((r) => !r.retryable || r.attempts >= MAX_AUTO_ATTEMPTS);
      if (stuck.length) {
        out.push({
          ...base,
          kind: "shipments.failed",
          dedupeKey: key("shipments.failed"),
          title: `${plural(stuck.length, "shipment")} could not be sent to SellerCloud on channel "${run.channelName}"`,
          details: `Sync Orders will not try ${stuck.length === 1 ? "it" : "them"} again by itself: SellerCloud refused ${stuck.length === 1 ? "it" : "them"}, or the automatic attempts ran out.`,
          action:
            "Open the run to read why each failed; fix the order in SellerCloud or the shipment in Conduit, then use Retry failed items.",
          linkPath: runPath(run.id),
        });
      }
    }
  }

  const usage = await budgetUsageForChannel(db, run.channelId, now);
  if (usage && usage.callsPerHour > 0 && usage.total >= BUDGET_ALERT_SHARE * usage.callsPerHour) {
    const hour = now.toISOString().slice(0, 13);
    out.push({
      ...base,
      runId: null,
      operation: null,
      kind: "budget.nearly_spent",
      dedupeKey: `budget:${run.channelId}:${hour}`,
      title: `SellerCloud budget nearly spent for channel "${run.channelName}"`,
      details: `Its SellerCloud login made ${usage.total.toLocaleString("en-US")} of ${usage.callsPerHour.toLocaleString("en-US")} calls allowed in the last hour (${Math.round((usage.total / usage.callsPerHour) * 100)}%). Runs wait for the budget rather than fail, so they take longer.`,
      action:
        "See which operations use the calls on the channel page. Space out schedules, or, if other tools share this SellerCloud user, lower their use; raise SELLERCLOUD_CALLS_PER_HOUR only if SellerCloud allows this user more.",
      linkPath: `/channels/${run.channelId}`,
    });
  }
  return out;
}

/** Raises the alerts a finished run calls for; never throws (problems are logged). */
export async function alertsForFinishedRun(
  db: Db,
  runId: string,
  options: { now?: Date; log?: Logger } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const log = options.log ?? silentLogger;
  let raised = 0;
  try {
    for (const input of await planRunAlerts(db, runId, now)) {
      if (await raiseAlert(db, input, { now, log })) raised++;
    }
  } catch (error) {
    log.warn("alerts after a run failed", { runId, error: error instanceof Error ? error.message : String(error) });
  }
  return raised;
}
