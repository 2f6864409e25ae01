/**
 * Delivering one alert: the workspace's webhooks (lib/webhooks/enqueue.ts, the event's type is
 * the alert's kind), then each member by their choice for the kind: a mail at once, a row in
 * the hourly digest queue, or nothing. A mail that cannot go out now joins the digest queue, so
 * an SMTP outage delays an alert instead of losing it.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { alertDigestItems } from "@/db/schema/alerts";
import { sendEmail } from "@/lib/email/send";
import type { Logger } from "@/lib/log";
import { enqueueWebhookEvent } from "@/lib/webhooks/enqueue";
import { type AlertRecord, alertWebhookData, immediateAlertMail } from "./compose";
import { alertRecipients } from "./preferences";

export interface DeliveryReport {
  /** Members mailed at once. */
  mailed: number;
  /** Members whose digest got the alert (by choice, or because the mail failed). */
  queued: number;
  /** Webhook deliveries queued. */
  webhooks: number;
}

/** Delivers a stored alert; never throws (each failure is logged and the rest goes on). */
export async function deliverAlert(
  db: Db,
  alert: AlertRecord,
  options: { now: Date; log: Logger },
): Promise<DeliveryReport> {
  const { now, log } = options;
  const report: DeliveryReport = { mailed: 0, queued: 0, webhooks: 0 };
  const context = { alertId: alert.id, kind: alert.kind, workspaceId: alert.workspaceId };
  try {
    const queued = await enqueueWebhookEvent(
      db,
      alert.workspaceId,
      { type: alert.kind, data: alertWebhookData(alert) },
      { now },
    );
    report.webhooks = queued.deliveryIds.length;
  } catch (error) {
    log.warn("alert webhook not queued", { ...context, error: (error as Error).message });
  }
  try {
    const [workspace] = await db
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, alert.workspaceId));
    const recipients = await alertRecipients(db, alert.workspaceId, alert.kind);
    const queue = async (userId: string) => {
      await db
        .insert(alertDigestItems)
        .values({ alertId: alert.id, userId, workspaceId: alert.workspaceId, queuedAt: now })
        .onConflictDoNothing();
      report.queued++;
    };
    for (const member of recipients) {
      if (member.mode === "off") continue;
      if (member.mode === "digest") {
        await queue(member.userId);
        continue;
      }
      try {
        const mail = immediateAlertMail(alert, workspace?.name ?? "your workspace");
        await sendEmail(db, { workspaceId: alert.workspaceId, to: member.email, ...mail });
        report.mailed++;
      } catch (error) {
        log.warn("alert mail not sent; it goes in the member's digest", {
          ...context,
          userId: member.userId,
          error: (error as Error).message,
        });
        await queue(member.userId);
      }
    }
  } catch (error) {
    log.error("alert not delivered", { ...context, error: (error as Error).message });
  }
  return report;
}
