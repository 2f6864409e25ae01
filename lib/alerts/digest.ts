/**
 * The hourly alert digest: every member with alerts waiting in alert_digest_items gets one mail
 * grouping them by kind. It runs on the scheduler tick (alertDigestTickJob) at most once an hour
 * across every process: the maintenance_jobs row "alert-digest" is claimed with one conditional
 * upsert, like the daily jobs. A member's rows are marked sent before the mail and unmarked if it
 * fails, so racing ticks never mail an alert twice and a failed mail is tried next hour.
 */
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { memberships, users, workspaces } from "@/db/schema/accounts";
import { alertDigestItems, alerts } from "@/db/schema/alerts";
import { maintenanceJobs } from "@/db/schema/maintenance";
import { sendEmail } from "@/lib/email/send";
import { type Logger, silentLogger } from "@/lib/log";
import type { TickJob } from "@/lib/operations/tick-jobs";
import { type AlertRecord, digestMail } from "./compose";
import type { AlertKind } from "./kinds";
import { alertRecipients } from "./preferences";

export const DIGEST_INTERVAL_MS = 60 * 60 * 1000;
const JOB_NAME = "alert-digest";

/** Claims this hour's digest: true for exactly one of any number of racing callers per hour. */
export async function claimDigestHour(db: Db, now: Date, intervalMs = DIGEST_INTERVAL_MS): Promise<boolean> {
  const since = new Date(now.getTime() - intervalMs);
  const result = await db.execute(sql`
    insert into ${maintenanceJobs} (name, last_run_at) values (${JOB_NAME}, ${now.toISOString()}::timestamptz)
    on conflict (name) do update set last_run_at = excluded.last_run_at
    where ${maintenanceJobs.lastRunAt} <= ${since.toISOString()}::timestamptz
    returning name`);
  return rowsOf(result).length > 0;
}

export interface DigestReport {
  /** Digest mails sent (one per member and workspace). */
  mails: number;
  /** Alerts they carried. */
  alerts: number;
  /** Members whose mail failed (their alerts wait for the next digest). */
  failed: number;
}

/**
 * Sends every waiting digest now (the tick job calls it once an hour). A member who left the
 * workspace, or turned the kind off since, is skipped for those alerts. Sent rows older than a
 * day are deleted.
 */
export async function sendAlertDigests(db: Db, options: { now?: Date; log?: Logger } = {}): Promise<DigestReport> {
  const now = options.now ?? new Date();
  const log = options.log ?? silentLogger;
  const report: DigestReport = { mails: 0, alerts: 0, failed: 0 };
  const pending = await db
    .selectDistinct({ workspaceId: alertDigestItems.workspaceId, userId: alertDigestItems.userId })
    .from(alertDigestItems)
    .where(isNull(alertDigestItems.sentAt));
  for (const { workspaceId, userId } of pending) {
    const claimed = await db
      .update(alertDigestItems)
      .set({ sentAt: now })
      .where(
        and(
          eq(alertDigestItems.workspaceId, workspaceId),
          eq(alertDigestItems.userId, userId),
          isNull(alertDigestItems.sentAt),
        ),
      )
      .returning({ alertId: alertDigestItems.alertId });
    if (!claimed.length) continue; // another process took them
    const ids = claimed.map((c) => c.alertId);
    try {
      const [member] = await db
        .select({ email: users.email, workspaceName: workspaces.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
      if (!member) continue; // left the workspace: nothing to send
      const rows = await db.select().from(alerts).where(inArray(alerts.id, ids));
      const wanted: AlertRecord[] = [];
      const modes = new Map<string, string | undefined>();
      for (const row of rows) {
        const kind = row.kind as AlertKind;
        if (!modes.has(kind))
          modes.set(kind, (await alertRecipients(db, workspaceId, kind)).find((r) => r.userId === userId)?.mode);
        const mode = modes.get(kind);
        if (mode && mode !== "off") wanted.push({ ...row, kind });
      }
      if (!wanted.length) continue;
      await sendEmail(db, { workspaceId, to: member.email, ...digestMail(wanted, member.workspaceName) });
      report.mails++;
      report.alerts += wanted.length;
    } catch (error) {
      report.failed++;
      log.warn("alert digest not sent; tried again next hour", {
        workspaceId,
        userId,
        error: (error as Error).message,
      });
      await db
        .update(alertDigestItems)
        .set({ sentAt: null })
        .where(
          and(
            eq(alertDigestItems.userId, userId),
            inArray(alertDigestItems.alertId, ids),
            isNotNull(alertDigestItems.sentAt),
          ),
        );
    }
  }
  await db.delete(alertDigestItems).where(lt(alertDigestItems.sentAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  if (report.mails || report.failed) log.info("alert digests", { ...report });
  return report;
}

/** The scheduler tick's digest job: sends the digests when this hour's turn is claimed. */
export const alertDigestTickJob: TickJob = {
  name: "alert-digest",
  run: async (db, control) => {
    const now = control.now();
    if (!(await claimDigestHour(db, now))) return;
    await sendAlertDigests(db, { now, log: control.log });
  },
};
