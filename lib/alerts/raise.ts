/**
 * Raising an alert: one row per problem (the dedupe key names it: the same kind in the same run,
 * the same budget hour…), then its delivery. A problem found again, by another item of the same
 * run or by a second tick, finds the row there and is not alerted twice.
 */
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alerts } from "@/db/schema/alerts";
import { createLogger, type Logger } from "@/lib/log";
import type { AlertRecord } from "./compose";
import { type DeliveryReport, deliverAlert } from "./deliver";
import type { AlertKind } from "./kinds";

export interface AlertInput {
  workspaceId: string;
  kind: AlertKind;
  /** Names the problem within the workspace, e.g. `run:<runId>:run.failed`. */
  dedupeKey: string;
  /** One line: what happened. */
  title: string;
  details: string;
  /** What to do about it. */
  action: string;
  /** A path in the app ("/runs/<id>"). */
  linkPath: string;
  channelId?: string | null;
  channelName?: string | null;
  operation?: string | null;
  runId?: string | null;
}

const defaultLog = createLogger("alerts");

/**
 * Stores the alert unless its dedupe key is already there, then delivers it (deliverAlert: mail
 * per member, digest queue, webhooks). Returns null when it was a repeat. Delivery problems are
 * logged, never thrown; a database error storing the alert is thrown.
 */
export async function raiseAlert(
  db: Db,
  input: AlertInput,
  options: { now?: Date; log?: Logger } = {},
): Promise<{ alert: AlertRecord; delivery: DeliveryReport } | null> {
  const now = options.now ?? new Date();
  const [row] = await db
    .insert(alerts)
    .values({
      workspaceId: input.workspaceId,
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      title: input.title.slice(0, 180),
      details: input.details,
      action: input.action,
      linkPath: input.linkPath,
      channelId: input.channelId ?? null,
      channelName: input.channelName ?? null,
      operation: input.operation ?? null,
      runId: input.runId ?? null,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [alerts.workspaceId, alerts.dedupeKey] })
    .returning();
  if (!row) return null;
  const alert = { ...row, kind: input.kind } satisfies AlertRecord;
  const delivery = await deliverAlert(db, alert, { now, log: options.log ?? defaultLog });
  return { alert, delivery };
}

/** The workspace's latest alerts, newest first (Settings → Alerts). */
export async function listRecentAlerts(db: Db, workspaceId: string, limit = 20): Promise<AlertRecord[]> {
  const rows = await db
    .select()
    .from(alerts)
    .where(eq(alerts.workspaceId, workspaceId))
    .orderBy(desc(alerts.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, kind: r.kind as AlertKind }));
}
